#!/usr/bin/env bash
# Benchmarks on 127.0.0.1 against the real host built in Release (Kestrel, embedded PostgreSQL, bounded C# load loop).
#   build/bench.sh timeline [--seconds N] [--large] [--real-consent]
# Prints throughput, p50/p99 of the authorized, audited timeline of a 200-document patient beside a bare endpoint
# doing one indexed PostgreSQL read, and their ratio; --large repeats with 100,000 patients / 1,000,000 documents.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-timeline}"; shift || true
case "$what" in
  timeline)
    dotnet build tests/HapModular.Benchmarks/HapModular.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
    exec dotnet tests/HapModular.Benchmarks/bin/Release/net10.0/HapModular.Benchmarks.dll "$@" ;;
  *) echo "usage: build/bench.sh timeline [--seconds N] [--large] [--real-consent]" >&2; exit 2 ;;
esac
