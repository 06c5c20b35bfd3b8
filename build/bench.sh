#!/usr/bin/env bash
# Benchmarks on this machine.
#   build/bench.sh checkaccess [--quick | BenchmarkDotNet arguments]
#   build/bench.sh timeline [--seconds N] [--warmup N] [--connections N] [--hosts N] [--large] [--scripted] [--diagnose] [--floor] [--client-in-process]
#   build/bench.sh cstore [--images N]
#   build/bench.sh imaging [--quick] [--browser-first] [--jit] [--trace FILE] [--server] [--unread N] [--round-trips [--passes N]]
# "timeline": a bounded C# load loop on 127.0.0.1 against the real host built in Release (Kestrel, embedded
# PostgreSQL): the authorized, audited timeline of a 200-document patient beside a bare endpoint doing one indexed
# PostgreSQL read; prints throughput, p50/p99, CPU and allocation per request, their ratio and the timeline's latency at
# one connection; --large repeats with 100,000 patients / 1,000,000 documents. The timeline takes the production path
# (a real session cookie, Identity, Consent, guard, audit, page); --scripted replaces sign-in and CheckAccess by stand-ins.
# --hosts N: N hosts of one portal (one database, one document store; in this process) behind Debian's nginx, the
# client talking to nginx only (the session opened on the first host); nginx's CPU per request is printed apart.
# The measured load client runs in a process of its own, so CPU and allocation per request are the hosts' alone;
# --client-in-process runs it inside the bench's process (its work then counted with the server's), as before.
# --floor: also the path's database work alone (its statements, no portal code), with and without the audit, and the
# page's two reads alone, each beside the bare read: what the ratio could reach if the portal's own code cost nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  checkaccess)
    shift
    dotnet run -c Release --project tests/HapModular.Modules.Consent.Benchmarks -- "$@"
    ;;
  timeline)
    shift
    [[ " $* " == *" --hosts "* ]] && build/setup.sh --browser
    dotnet build tests/HapModular.Benchmarks/HapModular.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
    exec dotnet tests/HapModular.Benchmarks/bin/Release/net10.0/HapModular.Benchmarks.dll "$@"
    ;;
  cstore)
    # C-STORE throughput (instances/s, MB/s) of the portal's SCP beside dcmtk's storescp, same CT study, same machine.
    shift
    build/setup.sh --browser
    dotnet build tests/HapModular.Modules.Interop.Benchmarks/HapModular.Modules.Interop.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
    exec dotnet tests/HapModular.Modules.Interop.Benchmarks/bin/Release/net10.0/HapModular.Modules.Interop.Benchmarks.dll "$@"
    ;;
  imaging)
    # The portal (Release, Kestrel) and Orthanc 1.10 serve the same 100 CT slices; headless Chromium opens the workspace.
    shift
    build/setup.sh --browser
    # Published with ReadyToRun code as build/publish.sh publishes the portal: the first image after a start is the one
    # a physician gets from a deployed host, not one that waits for the JIT (#16).
    . build/lib/rid.sh
    rid=$(hap_rid)
    dotnet publish tests/HapModular.Imaging.Benchmarks/HapModular.Imaging.Benchmarks.csproj -c Release -r "$rid" --self-contained false \
      -p:PublishReadyToRun=true -o artifacts/bench/imaging -nologo -v quiet -clp:ErrorsOnly
    exec dotnet artifacts/bench/imaging/HapModular.Imaging.Benchmarks.dll "$@"
    ;;
  *)
    echo "usage: build/bench.sh checkaccess [--quick] | timeline [--seconds N] [--warmup N] [--connections N] [--hosts N] [--large] [--scripted] [--diagnose] [--floor] | cstore [--images N] | imaging [--quick] [--browser-first] [--server] [--unread N] [--round-trips]" >&2
    exit 2
    ;;
esac
