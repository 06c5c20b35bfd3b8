#!/usr/bin/env bash
# ReadyToRun (crossgen2) for a built program folder: every IL-only assembly in DIR (the host, its modules, the NuGet
# packages it copies, which are IL only) and in DIR/plugins/*/ gets native code ahead of time, so the first requests
# after a start run compiled code instead of waiting for the JIT (#16: the first rendered frame spent ~200 ms in the
# JIT, 2,110 methods in its first pass). Tiered compilation still re-compiles the hot methods later, as for the
# framework's own (ReadyToRun) assemblies.
#   build/lib/ready-to-run.sh CROSSGEN2 CACHE DIR
# CACHE keeps each result under the SHA-256 of its input: a rebuild that copies the same IL again costs a file copy.
# An assembly crossgen2 refuses (already native, a reference assembly, not .NET) is left as it is.
set -euo pipefail
crossgen2="$1" cache="$2" dir="${3%/}"
mkdir -p "$cache"
shared="$(dirname "$(readlink -f "$(command -v dotnet)")")/shared"
framework=$(ls -d "$shared"/Microsoft.NETCore.App/*/ | sort -V | tail -1)
aspnet=$(ls -d "$shared"/Microsoft.AspNetCore.App/*/ | sort -V | tail -1)

# Phase 1, compile: every input is read as it is on disk, none is replaced yet (crossgen2 maps its references, and a
# reference replaced under a running compilation reads as a damaged file).
compile() {
  local file="$1" folder hash
  folder=$(dirname "$file")
  hash=$(sha256sum "$file" | cut -c1-64)
  [[ -e "$cache/$hash" ]] && return 0
  # The assembly's own folder first (a plugin's private copies, the program's packages), then the framework.
  local refs=(-r "$folder/*.dll")
  [[ "$folder" != "$dir" ]] && refs+=(-r "$dir/*.dll")
  if "$crossgen2" "$file" -o "$cache/$hash.tmp" -O --targetos:linux --targetarch:x64 "${refs[@]}" -r "$framework*.dll" -r "$aspnet*.dll" >"$cache/$hash.log" 2>&1; then
    # The output, met again by a later run (already in place), is kept as it is.
    : >"$cache/$(sha256sum "$cache/$hash.tmp" | cut -c1-64)"
    mv "$cache/$hash.tmp" "$cache/$hash"
  else
    # Not compiled (already native, not IL): remembered as "keep the input".
    rm -f "$cache/$hash.tmp"
    : >"$cache/$hash"
  fi
}

export -f compile
export crossgen2 cache dir framework aspnet
list="$cache/.list.$$"
find "$dir" -maxdepth 1 -name '*.dll' -print0 >"$list"
[[ -d "$dir/plugins" ]] && find "$dir/plugins" -mindepth 2 -maxdepth 2 -name '*.dll' -print0 >>"$list"
xargs -0 -P "$(nproc)" -I{} bash -c 'compile "$1"' _ {} <"$list"

# Phase 2, replace: each IL file by its native image (a zero-length cache entry means "keep the file").
while IFS= read -r -d '' file; do
  entry="$cache/$(sha256sum "$file" | cut -c1-64)"
  if [[ -s "$entry" ]]; then
    cp "$entry" "$file"
  fi
done <"$list"
rm -f "$list"
