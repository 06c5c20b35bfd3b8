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
echo "Building HapModular (Release)… the first build takes a few minutes; later ones are quick."
( while sleep 30; do echo "  still building… $(( $(date +%s) - started )) s"; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
# The compiler server compiles every project in one warm process, also where the environment turns it off
# (UseSharedCompilation=false: a cold csc per project, ~3x the wall clock; see build/test.sh), then stops.
build_status=0
dotnet build src/Host/HapModular.Host/HapModular.Host.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -p:UseSharedCompilation=true || build_status=$?
dotnet build-server shutdown >/dev/null 2>&1 || true
kill $ticker 2>/dev/null || true
if [ "$build_status" -ne 0 ]; then
  echo "Build failed." >&2
  exit "$build_status"
fi
echo "Built in $(( $(date +%s) - started )) s. Starting the portal (demo data is seeded once, at the first start)…"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
# The base of every e-mailed link (never the request's Host header); required outside Development.
export Hap__PublicBaseUrl="${Hap__PublicBaseUrl:-http://127.0.0.1:${HAP_PORT:-5080}}"
exec dotnet src/Host/HapModular.Host/bin/Release/net10.0/HapModular.Host.dll --urls "http://127.0.0.1:${HAP_PORT:-5080}" --demo "$@"
