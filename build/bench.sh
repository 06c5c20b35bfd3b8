#!/usr/bin/env bash
# Micro-benchmarks on this machine. Usage: build/bench.sh checkaccess [--quick | BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  checkaccess)
    shift
    dotnet run -c Release --project tests/HapModular.Modules.Consent.Benchmarks -- "$@"
    ;;
  *)
    echo "usage: build/bench.sh checkaccess [--quick]" >&2
    exit 2
    ;;
esac
