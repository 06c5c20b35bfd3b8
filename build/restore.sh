#!/usr/bin/env bash
# Restores a backup of build/backup.sh, then proves it: build/restore.sh BACKUP_DIR [--replace] [--accept-rollback]
#   1. every file of the backup against MANIFEST.sha256 and every document against its content hash — a damaged
#      backup stops here, before anything is touched;
#   2. the database: created when missing; a database that already holds tables is refused unless --replace (drop
#      and recreate it: stop every portal host first); pg_restore in one transaction, objects owned by the configured
#      user (the next start of the host gives each module's role its schema again, as at every start);
#   3. the document store: the backup's files copied into it (content-addressed: present files are the same bytes);
#   4. the audit checkpoints: installed when the data folder has none. An existing checkpoint file is kept: it
#      witnesses records written after the backup, and audit-verify then says the chain was rolled back.
#      --accept-rollback moves it aside (…before-restore-TIME) and installs the backup's, accepting that loss;
#   5. verification: every document the restored database refers to is in the store with its content hash, and the
#      host's `audit-verify` passes. Exit 0 only then; otherwise a non-zero exit and what did not match.
# Same target as the portal (Hap__DataDirectory or ConnectionStrings__Hap; see build/backup.sh) and the portal's
# keys (Hap:Audit:Key…, or the data folder's keys/ for the demo). Prints counts and hashes, never content.
set -euo pipefail
. "$(dirname "$0")/lib/backup-common.sh"

if [ "${1:-}" = "--attached" ]; then
  backup=$2 replace=$3 accept_rollback=$4
  echo "Checking the backup…"
  (cd "$backup" && sha256sum --quiet --strict -c MANIFEST.sha256) >&2 ||
    fail "the backup in $backup is damaged: the files above do not match MANIFEST.sha256. Nothing was restored."
  check_blobs "$backup/blobs" "$backup/referenced-blobs.txt" ||
    fail "the backup in $backup lacks or holds altered documents (above). Nothing was restored."

  db=$PGDATABASE
  exists=$(echo "SELECT 1 FROM pg_database WHERE datname = :'db'" | psql -X -qtA -d postgres -v ON_ERROR_STOP=1 -v db="$db")
  if [ "$exists" = 1 ]; then
    tables=$(psql -X -qtA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    if [ "$tables" != 0 ]; then
      [ "$replace" = yes ] || fail "the database $db already holds $tables tables: restore into an empty database, or stop every portal host and pass --replace to drop and recreate it. Nothing was restored."
      echo "Dropping the database $db (--replace)…"
      echo 'DROP DATABASE :"db" WITH (FORCE)' | psql -X -q -d postgres -v ON_ERROR_STOP=1 -v db="$db"
      exists=""
    fi
  fi
  if [ "$exists" != 1 ]; then
    echo "CREATE DATABASE :\"db\" TEMPLATE template0 ENCODING 'UTF8'" | psql -X -q -d postgres -v ON_ERROR_STOP=1 -v db="$db"
  fi
  echo "Restoring the database $db…"
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction -d "$db" "$backup/database.dump" ||
    fail "pg_restore failed (above): the database $db is left empty."

  mkdir -p "$HAP_BLOB_DIRECTORY"
  (cd "$backup/blobs" && find . -type f -print0 | xargs -0 -r cp --parents -p -t "$HAP_BLOB_DIRECTORY")
  checkpoints=$HAP_AUDIT_CHECKPOINT_FILE
  if [ -f "$backup/audit-checkpoints.log" ]; then
    if [ -f "$checkpoints" ] && [ "$accept_rollback" = yes ]; then
      aside="$checkpoints.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
      mv "$checkpoints" "$aside"
      echo "The previous audit checkpoints were moved to $aside (--accept-rollback)."
    fi
    if [ ! -f "$checkpoints" ]; then mkdir -p "$(dirname "$checkpoints")"; cp "$backup/audit-checkpoints.log" "$checkpoints"; fi
  fi

  restored=$(mktemp)
  referenced_blobs > "$restored"
  check_blobs "$HAP_BLOB_DIRECTORY" "$restored" ||
    { rm -f "$restored"; fail "the restored database refers to documents that are missing or altered in the store (above)."; }
  echo "Documents verified: $(wc -l < "$restored") referenced files, each matches its content hash."
  rm -f "$restored"
  exit 0
fi

backup="" replace=no accept_rollback=no
for a in "$@"; do
  case "$a" in
    --replace) replace=yes ;;
    --accept-rollback) accept_rollback=yes ;;
    -*) echo "unknown option $a" >&2; exit 2 ;;
    *) [ -z "$backup" ] || { echo "one backup folder only" >&2; exit 2; }; backup=$(realpath -m "$a") ;;
  esac
done
[ -n "$backup" ] || { echo "usage: build/restore.sh BACKUP_DIR [--replace] [--accept-rollback]" >&2; exit 2; }
[ -f "$backup/MANIFEST.sha256" ] && [ -f "$backup/database.dump" ] || fail "$backup is not a backup of build/backup.sh (no MANIFEST.sha256 or database.dump)"
script=$(realpath "$0")
cd "$(dirname "$script")/.."
HAP_HOST_DLL=$(host_dll)
export HAP_HOST_DLL
run_attached "$script" --attached "$backup" "$replace" "$accept_rollback"
echo "Verifying the audit chain…"
dotnet "$HAP_HOST_DLL" audit-verify ||
  fail "the restored audit chain does not verify (above). If it ends before a checkpoint written after the backup, records since the backup are lost: build/restore.sh --replace --accept-rollback accepts that."
echo "Restore complete and verified."
