#!/usr/bin/env bash
# DICOM command line: "dicom.sh dump FILE" and "dicom.sh render FILE OUT.png [--frame N] [--window CENTER WIDTH]".
# Builds the small console project on first use (or when its sources changed), then runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/Plugins/HapModular.Dicom.Cli"
out="$root/artifacts/dicom-cli"
dll="$out/hap-dicom.dll"
mkdir -p "$out"
if [[ ! -f "$dll" ]] || [[ -n "$(find "$project" "$root/src/Plugins/HapModular.Dicom" -name '*.cs' -newer "$dll" -print -quit)" ]]; then
  if ! dotnet build "$project" -c Release -o "$out" -nologo -v q >"$out.build.log" 2>&1; then
    echo "error: building the DICOM command line failed (see $out.build.log)" >&2
    exit 3
  fi
fi
exec dotnet "$dll" "$@"
