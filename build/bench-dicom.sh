#!/usr/bin/env bash
# Benchmark: decode + window + PNG encode (frames per second) of the multi-frame corpus files and a 512x512 16-bit
# CT, beside dcmtk's dcm2pnm/dcmj2pnm/dcml2pnm +Fa (all frames, one process, start-up included) and ImageSharp's
# fastest PNG encode of the same 8-bit frame (the floor). Installs Debian's dcmtk when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${DICOM_CORPUS:-$root/../shared/corpus/dicom}"
if ! command -v dcmj2pnm >/dev/null 2>&1; then
  echo "installing dcmtk (Debian) for the comparison..." >&2
  (apt-get install -y dcmtk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y dcmtk >/dev/null 2>&1; }) || echo "dcmtk could not be installed: its columns show n/a" >&2
fi
out="$root/artifacts/dicom-bench"
dotnet build "$root/tests/HapModular.Dicom.Benchmarks" -c Release -o "$out" -nologo -v q >/dev/null
exec dotnet "$out/HapModular.Dicom.Benchmarks.dll" "$corpus" \
  "xa_cine_jpeg_baseline_96frames_fragmented.dcm:+Wm" \
  "us_cine_jpeg_baseline_ybr422_30frames.dcm" \
  "us_palette_cine_rle_10frames.dcm" \
  "ct_enhanced_2frames_jpeg_lossless_p14_fragmented.dcm:+Wm" \
  "mr_enhanced_10frames.dcm:+Wm" \
  "nm_multiframe_13frames.dcm:+Wi 1" \
  "rtdose_implicit_le_32bit_15frames.dcm:+Wm" \
  "ct_implicit_le_16bit_signed_rescale.dcm:+Wm"
