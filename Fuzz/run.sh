#!/usr/bin/env bash
# Builds LinqBot's libFuzzer targets with AddressSanitizer and runs them.
#
#   Fuzz/run.sh [--no-build] [SECONDS] [TARGET...]
#
# The targets (FuzzWebhook, FuzzAdminAPI; all by default) are declared in Package.swift only
# when LINQBOT_FUZZ is set; LinqBot's own modules on their paths get coverage and
# AddressSanitizer, the dependencies build as usual. They build in .build-fuzz/, or in
# $LINQBOT_FUZZ_SCRATCH (CI points it at .build to reuse the compiled dependencies; LinqBot's
# modules then compile again for the next ordinary build). Each first replays its committed corpus
# (Fuzz/Corpus/<target>) and the inputs of past failures (Tests/*/FailCases/<target>/), then,
# when SECONDS > 0 (60 by default), fuzzes for that long. An input slower than 1 s, a crash, a
# failed check of the harness, a leak or more than 2 GiB of memory stops the target and fails
# the script; the input is kept in <scratch>/artifacts/<target>/. New interesting inputs go
# to <scratch>/corpus/<target> (copy the useful ones into Fuzz/Corpus/<target> to keep them).
set -euo pipefail
cd "$(dirname "$0")/.."
export LINQBOT_FUZZ=1
scratch="${LINQBOT_FUZZ_SCRATCH:-.build-fuzz}"

build=1
if [ "${1:-}" = "--no-build" ]; then
    build=0
    shift
fi
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(FuzzWebhook FuzzAdminAPI)

if [ "$build" = 1 ]; then
    started=$(date +%s)
    for target in "${targets[@]}"; do
        swift build --scratch-path "$scratch" --product "$target"
    done
    echo "== fuzz targets built in $(( $(date +%s) - started )) s"
fi
bin="$(swift build --scratch-path "$scratch" --show-bin-path)"

# Leaks are checked after every input that allocated more than it freed. AddressSanitizer's
# quarantine of freed memory (256 MB by default) made the resident size grow by about 140 KB an
# input and ran the webhook target twelve times slower (54 against 647 inputs a second, measured
# side by side); 16 MB still catches a use of memory freed by the same input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:quarantine_size_mb=16}"
options=(-timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=2048 -detect_leaks=1 -max_len=16384 -print_final_stats=1)

status=0
for target in "${targets[@]}"; do
    artifacts="$scratch/artifacts/$target"
    work="$scratch/corpus/$target"
    mkdir -p "$artifacts" "$work"
    dict=()
    [ -f "Fuzz/$target.dict" ] && dict=("-dict=Fuzz/$target.dict")
    replay=("Fuzz/Corpus/$target")
    for folder in Tests/*/FailCases/"$target"; do
        [ -d "$folder" ] && replay+=("$folder")
    done
    echo "== $target: replaying ${replay[*]}"
    if ! "$bin/$target" "${options[@]}" -runs=0 -artifact_prefix="$artifacts/" "${replay[@]}" > "$artifacts/replay.log" 2>&1; then
        tail -n 40 "$artifacts/replay.log"
        echo "$target failed on a committed input (above)" >&2
        status=1
        continue
    fi
    grep -E "^#[0-9]+.*(INITED|DONE)" "$artifacts/replay.log" | tail -n 1 || true
    [ "$seconds" -gt 0 ] || continue
    echo "== $target: fuzzing for $seconds s"
    log="$artifacts/fuzz.log"
    if "$bin/$target" "${options[@]}" "${dict[@]}" -max_total_time="$seconds" -artifact_prefix="$artifacts/" \
        "$work" "Fuzz/Corpus/$target" > "$log" 2>&1; then
        result="no failure"
    else
        result="FAILED"
        status=1
        grep -vE "^#[0-9]+" "$log" | tail -n 60
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    corpus=$(grep -E "^#[0-9]+" "$log" | tail -n 1 | sed -nE 's/.*corp: ([0-9]+)\/.*/\1/p')
    cover=$(grep -E "^#[0-9]+" "$log" | tail -n 1 | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
    echo "== $target: $result; ${runs:-?} executions in $seconds s, ${rate:-?} exec/s, peak RSS ${rss:-?} MB, coverage ${cover:-?}, corpus ${corpus:-?} inputs"
    ls "$artifacts" | grep -vE "\.log$" | sed "s|^|   kept: $artifacts/|" || true
done
exit "$status"
