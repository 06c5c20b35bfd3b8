#!/usr/bin/env bash
# Makes the migration test's fixture: a database made by the PREVIOUS RELEASE of the portal, with its data folder.
#   build/make-previous-release-db.sh [COMMIT]        (default: 8124162, the commit at which main last shipped)
# Builds COMMIT in a temporary worktree, runs it once in Production with the demo people (no generated images, no
# corpus) on a fresh embedded PostgreSQL, adds a few writes of its own (a text document imported with the `import`
# verb, Dr Dupont's sign-in, timeline read and download: audit lines), stops it, and writes into
# tests/HapModular.Host.ProcessTests/PreviousRelease/:
#   database.sql.gz   pg_dump, plain SQL, --no-owner --no-privileges (the current host gives each module's role its
#                     schema at start-up, as it does for any older install), gzip -9
#   data.tar.gz       the data folder without the cluster: keys/ (demo keys made for this throwaway database only),
#                     blobs/ (the document store), audit/ (signed checkpoints), the DEMO marker (not mail/)
#   release.txt       the commit, what was written, and the demo document's name and SHA-256 (read by the test)
# Needs the .NET SDK and PostgreSQL's binaries (build/setup.sh). Never prints a NISS.
set -euo pipefail
commit=${1:-8124162}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/tests/HapModular.Host.ProcessTests/PreviousRelease"
work=$(mktemp -d /tmp/hap-previous-release-XXXXXX)
# The build of COMMIT is kept until a run succeeds (a failed run is retried without rebuilding).
src="${TMPDIR:-/tmp}/hap-previous-release-src-$(git -C "$root" rev-parse --short "$commit")"
data="$work/data"
portal_pid=""

cleanup() {
  if [ -n "$portal_pid" ] && kill -0 "$portal_pid" 2>/dev/null; then kill -TERM "$portal_pid"; wait "$portal_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$src/src/Host/HapModular.Host/bin/Release/net10.0/HapModular.Host.dll" ]; then
  echo "Building the previous release ($commit) in $src…"
  git -C "$root" worktree remove --force "$src" 2>/dev/null || true
  git -C "$root" worktree add --detach "$src" "$commit" > /dev/null
  dotnet build "$src/src/Host/HapModular.Host/HapModular.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
fi
bin="$src/src/Host/HapModular.Host/bin/Release/net10.0"
dll="$bin/HapModular.Host.dll"

export ASPNETCORE_ENVIRONMENT=Production
export Hap__DataDirectory="$data"
export Hap__PluginsPath="$bin/plugins"
export Hap__Demo__Corpus=none
export Hap__Demo__Set=none
export Interop__Dicom__Port=0
export Interop__Mllp__Port=0
unset ConnectionStrings__Hap
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"

echo "Running it once with the demo on $url…"
(cd "$work" && exec dotnet "$dll" --urls "$url" --demo > "$work/portal.log" 2>&1) &
portal_pid=$!
# Blocks until the line is written (or fails when the portal ends first).
if ! timeout 300 grep -q -m1 "HapModular is running at" <(tail -F --pid="$portal_pid" "$work/portal.log" 2>/dev/null); then
  cat "$work/portal.log" >&2
  echo "the previous release did not start" >&2
  exit 1
fi

# Marie Dubois' NISS from the demo's start-up lines (not printed here).
niss=$(sed -nE 's/.*Marie Dubois, born 1956-03-14, NISS ([0-9.-]+)\.?$/\1/p' "$work/portal.log" | head -1 | tr -d '.-')
[ -n "$niss" ] || { echo "no demo patient in the start-up output" >&2; exit 1; }

# A document of the previous release (the import verb, attached to the running portal's PostgreSQL).
mkdir -p "$work/import"
document="$work/import/consultation-previous-release.txt"
printf 'Consultation de cardiologie (release précédente)\nPatiente revue en consultation. ECG normal. Pas de changement de traitement.\n' > "$document"
dotnet "$dll" import "$work/import" --patient "$niss" | grep -E "accepted" || { echo "import failed" >&2; exit 1; }

# Dr Dupont signs in (password + TOTP), reads Marie's timeline and downloads the document: audit lines.
jar="$work/cookies"
form_post() { # page, action, fields…
  local page=$1 action=$2; shift 2
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$url$page" | sed -nE 's/.*name="__RequestVerificationToken"[^>]*value="([^"]+)".*/\1/p' | head -1)
  [ -n "$token" ] || { echo "no anti-forgery token on $page" >&2; exit 1; }
  local args=(-s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -F "__RequestVerificationToken=$token")
  for f in "$@"; do args+=(-F "$f"); done
  curl "${args[@]}" "$url$action"
}
totp() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
[ "$(form_post /account/sign-in /account/sign-in Email=dr.dupont@demo.hapmodular.be Password=Hap-Demo-Portal-2026)" = 302 ] || { echo "sign-in failed" >&2; exit 1; }
[ "$(form_post /account/sign-in/code /account/sign-in/code "Code=$(totp VT7IS4U7VFXVQE57VUMMSHMKISU2AMPK)")" = 302 ] || { echo "code step failed" >&2; exit 1; }
# A value from the portal's database (without the verb's own log lines).
psql_portal() { dotnet "$dll" with-database -- psql -X -qtA -v ON_ERROR_STOP=1 -c "$1" | grep -vE '^(info|warn|dbug|fail|crit): ' | tail -n 1; }
patient=$(psql_portal "SELECT patient_id FROM records.documents WHERE file_name = 'consultation-previous-release.txt'")
doc=$(psql_portal "SELECT id FROM records.documents WHERE file_name = 'consultation-previous-release.txt'")
code=$(curl -s -o "$work/timeline.html" -w '%{http_code}' -b "$jar" "$url/patients/$patient")
[ "$code" = 200 ] || { echo "timeline read failed ($code)" >&2; exit 1; }
[ "$(curl -s -o "$work/downloaded" -w '%{http_code}' -b "$jar" "$url/patients/$patient/documents/$doc/download")" = 200 ] || { echo "download failed" >&2; exit 1; }
cmp -s "$work/downloaded" "$document" || { echo "the downloaded document differs" >&2; exit 1; }

kill -TERM "$portal_pid"
wait "$portal_pid" || { cat "$work/portal.log" >&2; echo "the portal did not stop cleanly" >&2; exit 1; }
portal_pid=""

echo "Dumping…"
rm -rf "$out"
mkdir -p "$out"
dotnet "$dll" with-database -- pg_dump --format=plain --no-owner --no-privileges --file="$work/database.sql"
gzip -9 -n -c "$work/database.sql" > "$out/database.sql.gz"
(cd "$data" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -czf "$out/data.tar.gz" --exclude=./pg --exclude='./pg.*' --exclude=./mail --exclude='*.pid' --exclude='*.lock' .)
{
  echo "commit: $(git -C "$root" rev-parse "$commit")"
  echo "made-by: build/make-previous-release-db.sh"
  echo "document: consultation-previous-release.txt"
  echo "document-sha256: $(sha256sum "$document" | cut -d' ' -f1)"
  echo "documents: $(psql_portal 'SELECT count(*) FROM records.documents' 2>/dev/null || echo '?')"
  echo "audit-records: $(awk '/^COPY audit.records /{on=1; next} on && /^\\\.$/{on=0} on{n++} END{print n+0}' "$work/database.sql")"
} > "$out/release.txt"
cat "$out/release.txt"
du -h "$out"/*
git -C "$root" worktree remove --force "$src"
