#!/usr/bin/env bash
# Builds LinqBot's libFuzzer targets with AddressSanitizer and runs them.
#
#   Fuzz/run.sh [--no-build] [SECONDS] [TARGET...]
#
# The targets (FuzzWebhook, FuzzAdminAPI; all by default) are declared in Package.swift only
# when LINQBOT_FUZZ is set, and built in .build-fuzz/. Each first replays its committed corpus
# (Fuzz/Corpus/<target>) and the inputs of past failures (Tests/*/FailCases/<target>/), then,
# when SECONDS > 0 (60 by default), fuzzes for that long. An input slower than 1 s, a crash, a
# failed check of the harness, a leak or more than 2 GiB of memory stops the target and fails
# the script; the input is kept in .build-fuzz/artifacts/<target>/. New interesting inputs go
# to .build-fuzz/corpus/<target> (copy the useful ones into Fuzz/Corpus/<target> to keep them).
set -euo pipefail
cd "$(dirname "$0")/.."
export LINQBOT_FUZZ=1
scratch=.build-fuzz

sanitize=(--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
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
    # SwiftPM's own sanitizer switches keep libFuzzer's main as the entry point, but hand the
    # Swift compiler one -sanitize= per sanitizer, of which it keeps only the last: the combined
    # -Xswiftc value, which comes after them, gives Swift code both coverage and ASan.
    for target in "${targets[@]}"; do
        swift build "${sanitize[@]}" --scratch-path "$scratch" --product "$target"
    done
    echo "== fuzz targets built in $(( $(date +%s) - started )) s"
fi
bin="$(swift build "${sanitize[@]}" --scratch-path "$scratch" --show-bin-path)"

# Leaks are checked after every input that allocated more than it freed.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
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
