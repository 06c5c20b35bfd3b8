#!/usr/bin/env bash
# Builds with warnings as errors and runs every test project against real PostgreSQL (started by the project's
# own starter), the real corpus (../shared/corpus) and headless Chromium. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
build/setup.sh --browser || exit 1

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build HapModular.sln -nologo -v quiet -clp:ErrorsOnly -warnaserror; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# One result file per test project (names are unique), two projects at a time (the machine has two cores).
# A project that exits non-zero says why here, even when all its tests passed (a class fixture's cleanup failing).
find tests -name '*.csproj' -path '*Tests/*' -o -name '*.csproj' -path '*EndToEnd/*' | sort |
  xargs -P 2 -I{} sh -c 'p="{}"; n=$(basename "$p" .csproj); dotnet test "$p" --no-build -nologo --logger "trx;LogFileName=$n.trx" --results-directory "'"$results"'" > "'"$results"'/$n.log" 2>&1; rc=$?; tail -n 3 "'"$results"'/$n.log" | grep -E "Passed!|Failed!|error"; if [ $rc -ne 0 ]; then grep -E "\[FAIL\]|Cleanup Failure|Catastrophic|aborted" "'"$results"'/$n.log" | head -5; command -v python3 >/dev/null && python3 build/trx-failures.py "'"$results"'/$n.trx"; echo "$n: exit $rc (see '"$results"'/$n.log)"; fi; exit $rc'
status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
