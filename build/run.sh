#!/usr/bin/env bash
# Starts the portal with demo data on http://127.0.0.1:${HAP_PORT:-5080}.
# With no connection string configured (ConnectionStrings__Hap), a private PostgreSQL cluster is started under
# .hapdata/ and stopped on exit. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
build/setup.sh
dotnet build src/Host/HapModular.Host/HapModular.Host.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The base of every e-mailed link (never the request's Host header); required outside Development.
export Hap__PublicBaseUrl="${Hap__PublicBaseUrl:-http://127.0.0.1:${HAP_PORT:-5080}}"
exec dotnet src/Host/HapModular.Host/bin/Release/net10.0/HapModular.Host.dll --urls "http://127.0.0.1:${HAP_PORT:-5080}" --demo "$@"
