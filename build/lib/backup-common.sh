# Shared by build/backup.sh and build/restore.sh (sourced). Never prints a NISS or document content: only counts,
# file names (content hashes) and PostgreSQL's own messages.

fail() { echo "$(basename "$0"): ERROR: $*" >&2; exit 1; }

# The host's build output: HAP_HOST_DLL when set (tests, a packaged install), else the host's Release build (the same code build/run.sh publishes).
host_dll() {
  if [ -n "${HAP_HOST_DLL:-}" ]; then echo "$HAP_HOST_DLL"; return; fi
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  dotnet build "$root/src/Host/HapModular.Host/HapModular.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || fail "the host does not build"
  echo "$root/src/Host/HapModular.Host/bin/Release/net10.0/HapModular.Host.dll"
}

# Runs this script again inside `HapModular.Host with-database`: the portal's PostgreSQL (the data folder's embedded
# cluster, started or attached to, or ConnectionStrings__Hap) in PG* variables and the data folder's paths in HAP_*.
# Settings come from the environment (Hap__DataDirectory, ConnectionStrings__Hap, …) as for the portal.
run_attached() {
  local dll; dll=$(host_dll)
  dotnet "$dll" with-database -- "$@"
}

# Every blob the database refers to (content hashes, one per line, sorted): documents and their thumbnails, inbound
# messages, consent proofs. A module that stores a new kind of blob adds its query here.
referenced_blobs() {
  local sql=""
  add() { if [ "$(psql -X -qtA -c "SELECT to_regclass('$1') IS NOT NULL")" = t ]; then sql+="${sql:+ UNION }$2"; fi; }
  add records.documents "SELECT sha256 FROM records.documents UNION SELECT thumbnail_sha256 FROM records.documents WHERE thumbnail_sha256 IS NOT NULL"
  add interop.messages "SELECT blob_sha256 FROM interop.messages"
  add consent.mt_events "SELECT COALESCE(data->>'ProofReference', data->>'proofReference') FROM consent.mt_events"
  [ -n "$sql" ] || return 0
  psql -X -qtA -v ON_ERROR_STOP=1 -c "SELECT h FROM ($sql) AS refs(h) WHERE h ~ '^[0-9a-f]{64}$'" | sort -u
}

# Checks that every hash listed in file $2 names a file of exactly that content in store folder $1 (two fan-out
# levels, as FileSystemBlobStore writes them); prints each problem (hashes only) and returns 1 if there is any.
check_blobs() {
  local store=$1 list=$2 bad=0 id file present
  present=$(mktemp)
  while read -r id; do
    file="$store/${id:0:2}/${id:2:2}/$id"
    if [ -f "$file" ]; then echo "$file" >> "$present"; else echo "  missing from the document store: $id" >&2; bad=1; fi
  done < "$list"
  xargs -d '\n' -r sha256sum < "$present" |
    awk '{ n = split($2, p, "/"); if ($1 != p[n]) { print "  content does not match its hash: " p[n] > "/dev/stderr"; bad = 1 } } END { exit bad }' || bad=1
  rm -f "$present"
  return $bad
}
