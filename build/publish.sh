#!/usr/bin/env bash
# Publishes the portal as a hospital deploys it: Release, framework-dependent (the machine's .NET 10 runtime), with the
# plugins folder, and ReadyToRun code for the portal's assemblies, its packages and its plugins — compiled ahead of
# time by Crossgen2, which the SDK restores from NuGet for the runtime it targets. Without it the first pages and the
# first image after a start wait for the JIT (#16: ~1,400 methods compiled during the first rendered frame); the JIT
# still re-compiles hot methods later (tiered compilation). Incremental: a second publish with nothing changed takes
# seconds. build/run.sh starts the portal from here.
# Usage: build/publish.sh [OUT_DIR]    (default: artifacts/portal)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/portal}"
. build/lib/rid.sh
rid=$(hap_rid)
# The compiler server compiles every project in one warm process, also where the environment turns it off
# (UseSharedCompilation=false: a cold csc per project, ~3x the wall clock; see build/test.sh); stopped afterwards.
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
dotnet publish src/Host/HapModular.Host/HapModular.Host.csproj -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -p:UseSharedCompilation=true -o "$out" -nologo -v quiet -clp:ErrorsOnly
