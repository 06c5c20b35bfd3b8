#!/usr/bin/env bash
# Backs up the portal into a new folder: build/backup.sh OUT_DIR
#   database.dump           pg_dump of the portal's database (custom format), taken in one snapshot
#   blobs/                  the document store, copied AFTER the dump: every document the dump refers to is already
#                           in it (files are content-addressed and never removed; extra files are harmless)
#   referenced-blobs.txt    the content hashes the database refers to (documents, thumbnails, inbound messages, proofs)
#   audit-checkpoints.log   the audit chain's signed checkpoints, copied BEFORE the dump (each names a dumped record)
#   MANIFEST.sha256         SHA-256 of every file above (sha256sum format); backup.info says what and when
# Same database as the portal: the data folder's embedded PostgreSQL (Hap__DataDirectory, default .hapdata at the
# repository root as with build/run.sh; started for the backup or shared with the running portal), or the server of
# ConnectionStrings__Hap. The portal may keep running. The keys (Hap:Audit:Key, Hap:DataProtection:Key, the data
# folder's keys/) are NOT in the backup: keep them with your secrets. Prints counts and hashes, never content.
set -euo pipefail
. "$(dirname "$0")/lib/backup-common.sh"

if [ "${1:-}" = "--attached" ]; then
  out=$2
  partial="$out.partial"
  rm -rf "$partial"
  trap 'rm -rf "$partial"' EXIT
  mkdir -p "$partial/blobs"
  if [ -f "$HAP_AUDIT_CHECKPOINT_FILE" ]; then cp "$HAP_AUDIT_CHECKPOINT_FILE" "$partial/audit-checkpoints.log"; fi
  pg_dump --format=custom --file="$partial/database.dump" || fail "pg_dump failed: backup not written"
  referenced_blobs > "$partial/referenced-blobs.txt"
  if [ -d "$HAP_BLOB_DIRECTORY" ]; then
    # Final names only: a write in progress is a *.tmp file, renamed when complete.
    (cd "$HAP_BLOB_DIRECTORY" && find . -type f ! -name '*.tmp' -print0 | xargs -0 -r cp --parents -p -t "$partial/blobs")
  fi
  check_blobs "$partial/blobs" "$partial/referenced-blobs.txt" ||
    fail "the document store lacks or holds altered documents the database refers to (above): backup not written"
  {
    echo "format: hapmodular-backup 1"
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "database: $PGDATABASE"
    echo "pg_dump: $(pg_dump --version)"
    echo "referenced documents: $(wc -l < "$partial/referenced-blobs.txt")"
    echo "store files: $(find "$partial/blobs" -type f | wc -l)"
  } > "$partial/backup.info"
  (cd "$partial" && find . -type f ! -name MANIFEST.sha256 -print0 | sort -z | xargs -0 sha256sum > MANIFEST.sha256)
  mv "$partial" "$out"
  trap - EXIT
  echo "Backup written to $out: database $(du -h "$out/database.dump" | cut -f1), $(wc -l < "$out/referenced-blobs.txt") referenced documents, $(find "$out/blobs" -type f | wc -l) store files."
  exit 0
fi

[ $# -eq 1 ] || { echo "usage: build/backup.sh OUT_DIR" >&2; exit 2; }
out=$(realpath -m "$1")
[ ! -e "$out" ] || fail "$out exists: a backup goes to a new folder, it never overwrites another"
mkdir -p "$(dirname "$out")"
script=$(realpath "$0")
cd "$(dirname "$script")/.."
HAP_HOST_DLL=$(host_dll)
export HAP_HOST_DLL
run_attached "$script" --attached "$out"
