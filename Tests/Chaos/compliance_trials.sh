#!/usr/bin/env bash
# Runs the two-instance compliance tests with many randomised trials and prints the figures:
# F3 (STOP at a random moment among 50 queued sends and 10 turns: nothing but the confirmation
# starts after the STOP's commit) and F9 (the contact card: at most once per chat per local day,
# never within 5 minutes, never after a STOP), each on two bot instances sharing one PostgreSQL
# schema (Tests/LinqBotPostgresTests/PostgresLineHealthInstancesTests.swift).
#
# Usage: LINQBOT_TEST_POSTGRES_URL='postgres://USER:PASSWORD@HOST:PORT/DATABASE' \
#            Tests/Chaos/compliance_trials.sh [TRIALS] [f3|f9|both]
# TRIALS defaults to 1,000 (the reliability plan's count), run in batches of
# $LINQBOT_TRIAL_BATCH (250). F3's trials run one after the other; F9's run side by side, one
# person each, so a batch of F9 is one simulated day and a half with 100 messages per person.
# Build the tests first (swift build --build-tests).
# Exit status: 0 when every trial held, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."

trials="${1:-1000}"
which="${2:-both}"
if [ -z "${LINQBOT_TEST_POSTGRES_URL:-}" ]; then
    echo "compliance_trials: set LINQBOT_TEST_POSTGRES_URL to a scratch PostgreSQL database" >&2
    exit 2
fi
export LINQBOT_REQUIRE_POSTGRES=1
# The built test bundle, run directly (as `swift test` does), so a long run holds no build lock.
tests="$(swift build --show-bin-path)/LinqBotPackageTests.xctest"
if [ ! -x "$tests" ]; then
    echo "compliance_trials: $tests is missing: build the tests first (swift build --build-tests)" >&2
    exit 2
fi

# Trials run in batches (one test run, one fresh schema each), with the figures so far printed
# after each batch, so a long run shows its progress.
batch="${LINQBOT_TRIAL_BATCH:-250}"
status=0
run() {
    local name="$1" variable="$2" test="$3"
    local done=0 failed=0 started log size
    started=$(date +%s)
    while [ "$done" -lt "$trials" ]; do
        size=$(( trials - done < batch ? trials - done : batch ))
        log="$(mktemp)"
        if env "$variable=$size" "$tests" --testing-library swift-testing --filter "PostgresLineHealthInstancesTests/$test" >"$log" 2>&1 \
            && grep -q "✔ Test \"$name:" "$log"; then
            rm -f "$log"
        else
            failed=$(( failed + 1 ))
            status=1
            echo "$name: a batch of $size trials failed (log: $log):"
            grep -E 'Expectation failed|recorded an issue|error' "$log" | head -5
        fi
        done=$(( done + size ))
        echo "$name: $done of $trials trials on two instances, $(( $(date +%s) - started )) s, failed batches: $failed"
    done
}

case "$which" in
    f3|both) run F3 LINQBOT_F3_TRIALS stopRacesQueuedSendsOnTwoInstances ;;
esac
case "$which" in
    f9|both) run F9 LINQBOT_F9_TRIALS contactCardOnTwoInstances ;;
esac
exit "$status"
