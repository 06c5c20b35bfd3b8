#!/usr/bin/env bash
# Installs what HapModular needs from Debian, only what is missing (idempotent; apt-get runs only when needed).
#   build/setup.sh            runtime needs: PostgreSQL server binaries, OpenJPEG, CharLS, DejaVu fonts, tzdata
#   build/setup.sh --browser  also what the tests need: Chromium (browser tests) and the standard peers the interop
#                             tests talk to (dcmtk storescu/echoscu/storescp, Orthanc, python3-hl7's mllp_send);
#                             dcmtk's dicom.dic is also the source of the generated DICOM dictionary, its dcmconv/
#                             dcmcjpeg/dcmcrle re-encode the corpus for the metamorphic tests, and OpenJPEG's tools
#                             (opj_compress) write the JPEG 2000 test codestreams; nginx is the load balancer of the
#                             scale-out test (two hosts behind it)
# Node.js and npm (any version ≥ 18; Debian's nodejs/npm when none is on PATH) bundle the imaging workspace at build time;
#   --browser also installs orthanc-dicomweb (Orthanc as a DICOMweb client/server in the imaging tests and bench).
set -euo pipefail

want=()
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# PostgreSQL: any initdb+pg_ctl+postgres on PATH or under /usr/lib/postgresql will do.
pg_found=no
for d in $(echo "$PATH" | tr ':' ' ') /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then pg_found=yes; break; fi
done
[ "$pg_found" = yes ] || want+=(postgresql)

# tzdata: every time shown is Europe/Brussels (BrusselsTime refuses to guess without it).
for p in libopenjp2-7 libcharls2 libturbojpeg0 fonts-dejavu-core tzdata; do has_pkg "$p" || want+=("$p"); done
if [ "${1:-}" = "--browser" ]; then
  for p in chromium dcmtk orthanc orthanc-dicomweb python3-hl7 libopenjp2-tools nginx; do has_pkg "$p" || want+=("$p"); done
fi
command -v node >/dev/null || want+=(nodejs)
command -v npm >/dev/null || want+=(npm)

if [ ${#want[@]} -gt 0 ]; then
  echo "Installing: ${want[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  # Debian starts a system cluster when it installs the server; HapModular runs its own, so stop that one.
  if [[ " ${want[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
    $sudo_cmd service postgresql stop >/dev/null 2>&1 || true
  fi
  # Likewise Orthanc: the tests start their own on loopback with a generated configuration.
  if [[ " ${want[*]} " == *" orthanc "* ]]; then
    $sudo_cmd service orthanc stop >/dev/null 2>&1 || true
  fi
  # And nginx: the scale-out test runs its own, unprivileged, with a generated configuration; the system one holds port 80.
  if [[ " ${want[*]} " == *" nginx "* ]]; then
    $sudo_cmd service nginx stop >/dev/null 2>&1 || true
  fi
fi

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }
