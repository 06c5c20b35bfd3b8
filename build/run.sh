#!/usr/bin/env bash
# Starts the portal with demo data on http://127.0.0.1:${HAP_PORT:-5080}, in the Production environment (the
# portal's own error pages, never a stack trace). With no connection string configured (ConnectionStrings__Hap), a
# private PostgreSQL cluster is started under .hapdata/ (or attached to, when a verb of the host already runs on it)
# and stopped on exit. Ctrl-C stops everything. Runs from any folder, as root or not.
set -euo pipefail
cd "$(dirname "$0")/.."
build/setup.sh

# The first build restores packages and compiles ~40 projects (minutes on a small machine): say so, and tick.
started=$(date +%s)
echo "Building HapModular (Release, ReadyToRun)… the first build takes a few minutes; later ones are quick."
( while sleep 30; do echo "  still building… $(( $(date +%s) - started )) s"; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
# Published as a hospital deploys it (build/publish.sh): Release, with ReadyToRun code, so that the first pages and
# images after a start do not wait for the JIT.
build_status=0
build/publish.sh artifacts/portal || build_status=$?
kill $ticker 2>/dev/null || true
if [ "$build_status" -ne 0 ]; then
  echo "Build failed." >&2
  exit "$build_status"
fi
echo "Built in $(( $(date +%s) - started )) s. Starting the portal (demo data is seeded once, at the first start)…"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
# The base of every e-mailed link (never the request's Host header); required outside Development.
export Hap__PublicBaseUrl="${Hap__PublicBaseUrl:-http://127.0.0.1:${HAP_PORT:-5080}}"
# The published folder is the content root (its wwwroot); the data folder stays .hapdata/ in this folder.
exec dotnet artifacts/portal/HapModular.Host.dll --contentRoot "$PWD/artifacts/portal" --urls "http://127.0.0.1:${HAP_PORT:-5080}" --demo "$@"
