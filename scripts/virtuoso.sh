#!/usr/bin/env bash
# Starts a throwaway Virtuoso 7 on loopback, ready for `officegraph push`, and keeps
# it in the foreground until Ctrl-C (the server is killed and, unless DIR was given,
# its database removed). Needs virtuoso-t and isql-vt (Debian
# virtuoso-opensource-7-bin; scripts/install-checkers.sh installs it).
#
#   scripts/virtuoso.sh [--dir DIR] [--sql-port 1111] [--http-port 8890]
#   officegraph push --store out/store --endpoint http://127.0.0.1:8890/sparql-graph-crud
#
# The SPARQL account may update (GRANT SPARQL_UPDATE), so the unauthenticated
# /sparql-graph-crud endpoint accepts PUTs: for local testing only.
set -euo pipefail
dir="" sql_port=1111 http_port=8890
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --sql-port) sql_port="$2"; shift 2 ;;
    --http-port) http_port="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "virtuoso.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in virtuoso-t isql-vt; do
  command -v "$tool" >/dev/null || { echo "virtuoso.sh: $tool not found (apt-get install virtuoso-opensource-7-bin)" >&2; exit 2; }
done
keep=1
if [ -z "$dir" ]; then dir="$(mktemp -d)"; keep=0; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
cat > "$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$sql_port
DisableUnixSocket = 1
DirsAllowed = ., $dir
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ServerThreads = 10
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:$http_port
ServerRoot = $dir
ServerThreads = 5
MaxClientConnections = 5

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
INI
virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 180); do
  kill -0 "$pid" 2>/dev/null || { cat "$dir/stdout.log" >&2; echo "virtuoso.sh: virtuoso-t exited" >&2; exit 1; }
  if timeout 5 isql-vt "127.0.0.1:$sql_port" dba dba exec="select 1;" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
timeout 60 isql-vt "127.0.0.1:$sql_port" dba dba \
  exec="GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null
echo "virtuoso.sh: Virtuoso (pid $pid) in $dir"
echo "  Graph Store: http://127.0.0.1:$http_port/sparql-graph-crud"
echo "  SPARQL:      http://127.0.0.1:$http_port/sparql"
echo "  isql:        isql-vt 127.0.0.1:$sql_port dba dba"
echo "Ctrl-C stops it."
wait "$pid"
