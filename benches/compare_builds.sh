#!/usr/bin/env bash
# Compares two officegraph binaries on one generated corpus: wall time (s) and peak RSS
# (KB, GNU time) of ingest, export (ttl, nq), two cold stored queries and convert, RUNS
# times each; then checks that both give the same bytes (every export format, convert,
# the snapshot, the canonical digest). Used to show a restructuring costs nothing.
#
#   benches/compare_builds.sh OLD_BIN NEW_BIN [RECORDS] [RUNS]
#
# Writes into target/compare (the corpus is made by NEW_BIN's gen-corpus, seed 1).
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); RECORDS=${3:-10000}; RUNS=${4:-3}
DIR=target/compare; mkdir -p "$DIR"; cd "$DIR"
[ -d corpus-$RECORDS ] || "$NEW" gen-corpus --records "$RECORDS" corpus-$RECORDS >/dev/null 2>&1
measure() { # label bin
  local label=$1 bin=$2
  t() {
    local name=$1; shift
    for _ in $(seq 1 "$RUNS"); do
      /usr/bin/time -f "%e %M" -o time.txt "$@" >/dev/null 2>err.txt || { echo "$label $name FAILED"; tail -2 err.txt; }
      echo "$label $name $(cat time.txt)"
    done
  }
  t ingest bash -c "rm -rf store-$label && $bin ingest corpus-$RECORDS --store store-$label"
  t export-ttl "$bin" export --store store-$label --format ttl
  t export-nq "$bin" export --store store-$label --format nq
  t query-incumbents "$bin" query incumbents --store store-$label
  t query-positions "$bin" query positions --store store-$label
  t convert "$bin" convert corpus-$RECORDS --format nq
}
measure old "$OLD"
measure new "$NEW"
for f in ttl nq trig nt; do
  a=$("$OLD" export --store store-old --format $f | sha256sum); b=$("$NEW" export --store store-new --format $f | sha256sum)
  [ "$a" = "$b" ] && echo "export $f: same bytes" || echo "export $f: DIFFERENT"
done
a=$("$OLD" convert corpus-$RECORDS --format nq 2>/dev/null | sha256sum); b=$("$NEW" convert corpus-$RECORDS --format nq 2>/dev/null | sha256sum)
[ "$a" = "$b" ] && echo "convert: same bytes" || echo "convert: DIFFERENT"
cmp -s store-old/snapshot.nq store-new/snapshot.nq && echo "snapshot: same bytes" || echo "snapshot: DIFFERENT"
echo "canonical: $("$OLD" export --store store-old --canonical 2>&1 >/dev/null) / $("$NEW" export --store store-new --canonical 2>&1 >/dev/null)"
