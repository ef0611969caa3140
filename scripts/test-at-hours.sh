#!/usr/bin/env bash
# Runs the tests that once read the wall clock with the machine's clock moved (libfaketime) to
# the hours that broke them: after midnight and just before 07:00 in Sofia, when the demo's
# morning bus and "24 hours before departure" fall on different days; a summer night (UTC+3);
# and a Sunday night, where a week turns. Every test should pin its own instant, so all of
# them pass at every hour; a failure here names a test that still reads the real clock.
#
#   scripts/test-at-hours.sh                      the time-sensitive files, at every instant
#   scripts/test-at-hours.sh test/cli             other files or folders, at every instant
#   AT='2027-07-05 06:30' scripts/test-at-hours.sh  one instant (Sofia time) of your own
#
# The clock is moved by an offset, not set to a fixed instant, so the test's child processes
# (the CLI, servers, the SMS centre) share one clock that keeps running. Needs GNU date and
# faketime (Debian: apt-get install faketime). Slow: not part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v faketime >/dev/null || { echo 'faketime is not installed (Debian: apt-get install faketime)' >&2; exit 2; }

# Files that run the demo, a command or servers as processes, where the real clock can reach
# in: those a wrong hour would break. Others can be named (the crash tests in
# test/notifier/processes.test.ts and test/browser/every-page.test.ts take many minutes).
DEFAULT_FILES=(
  test/unit/demo-morning-bus.test.ts
  test/notifier/sms.test.ts
  test/cli
  test/concurrency
  test/browser/desk.test.ts
)
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("${DEFAULT_FILES[@]}")

sofia() { date -d "TZ=\"Europe/Sofia\" $1" +%s; }
if [ -n "${AT:-}" ]; then
  instants=("$(sofia "$AT")")
else
  year=$(TZ=Europe/Sofia date +%Y)
  summer=$(sofia "$year-07-05 00:30")
  [ "$summer" -gt "$(date +%s)" ] || summer=$(sofia "$((year + 1))-07-05 00:30")
  instants=(
    "$(sofia 'tomorrow 00:30')"
    "$(sofia 'tomorrow 06:30')"
    "$summer"
    "$((summer + 6 * 3600))"
    "$(sofia 'next sunday 23:30')"
  )
fi

failed=()
for target in "${instants[@]}"; do
  offset=$((target - $(date +%s)))
  shift_by=$([ "$offset" -ge 0 ] && echo "+$offset" || echo "$offset")
  label="$(TZ=Europe/Sofia date -d "@$target" '+%a %Y-%m-%d %H:%M %Z') in Sofia"
  # Node reads the clock through clock_gettime: make sure libfaketime really moves it.
  seen=$(faketime -f "$shift_by" node -e 'process.stdout.write(String(Math.round(Date.now() / 1000)))')
  if [ $((seen - target)) -lt -5 ] || [ $((seen - target)) -gt 60 ]; then
    echo "faketime does not move Node's clock here (wanted $target, Node saw $seen)" >&2
    exit 2
  fi
  echo "=== $label (clock moved by ${shift_by} s)"
  if ! faketime -f "$shift_by" npx vitest run "${files[@]}"; then failed+=("$label"); fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed at: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "passed at every instant"
