#!/usr/bin/env bash
# Runs the two-instance compliance tests with many randomised trials and prints the figures:
# F3 (STOP at a random moment among 50 queued sends and 10 turns: nothing but the confirmation
# starts after the STOP's commit) and F9 (the contact card: at most once per chat per local day,
# never within 5 minutes, never after a STOP), each on two bot instances sharing one PostgreSQL
# schema (Tests/LinqBotPostgresTests/PostgresLineHealthInstancesTests.swift).
#
# Usage: LINQBOT_TEST_POSTGRES_URL='postgres://USER:PASSWORD@HOST:PORT/DATABASE' \
#            Tests/Chaos/compliance_trials.sh [TRIALS] [f3|f9|both]
# TRIALS defaults to 1,000 (the reliability plan's count). Build the tests first
# (swift build --build-tests). Exit status: 0 when every trial held, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."

trials="${1:-1000}"
which="${2:-both}"
if [ -z "${LINQBOT_TEST_POSTGRES_URL:-}" ]; then
    echo "compliance_trials: set LINQBOT_TEST_POSTGRES_URL to a scratch PostgreSQL database" >&2
    exit 2
fi
export LINQBOT_REQUIRE_POSTGRES=1

status=0
run() {
    local name="$1" variable="$2" test="$3"
    local log started seconds
    log="$(mktemp)"
    started=$(date +%s)
    if env "$variable=$trials" swift test --skip-build --filter "PostgresLineHealthInstancesTests/$test" >"$log" 2>&1; then
        result="0 violations"
    else
        result="FAILED: $(grep -cE 'Expectation failed|recorded an issue' "$log" || true) failed expectations (log: $log)"
        status=1
    fi
    seconds=$(( $(date +%s) - started ))
    echo "$name: $trials trials on two instances in ${seconds} s: $result"
    if [ "$result" = "0 violations" ]; then rm -f "$log"; else grep -E 'Expectation failed|recorded an issue' "$log" | head -5; fi
}

case "$which" in
    f3|both) run F3 LINQBOT_F3_TRIALS stopRacesQueuedSendsOnTwoInstances ;;
esac
case "$which" in
    f9|both) run F9 LINQBOT_F9_TRIALS contactCardOnTwoInstances ;;
esac
exit "$status"
