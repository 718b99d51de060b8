#!/usr/bin/env bash
# Regenerates BENCHMARKS.md from scratch: officegraph against the tools a user would
# otherwise use (pyoxigraph's bulk_load and dump, serdi), on generated corpora.
#
#   benches/run.sh                       # sizes 1000 10000 100000 (the published figures)
#   SIZES="300 1000" RUNS=2 benches/run.sh   # a quick check
#
# Environment:
#   SIZES       corpus sizes in records (default "1000 10000 100000")
#   RUNS        runs per measurement for every size (default: 5 below 100000 records, 3 from it)
#   QUERY_RUNS  timed requests per stored query with the store open (default 20)
#   QUERY_BUDGET  seconds of timed requests per query after which fewer than QUERY_RUNS
#               are enough (at least 3; default 60)
#   COLD_RUNS   cold `officegraph query` processes per query and backend (default 3)
#   COLD_RUNS_MEMORY  the same for the default (memory) backend, which reloads the whole
#               snapshot per process (default: COLD_RUNS, but 1 when the largest size is >= 100000)
#   QUERY_TIMEOUT  seconds one stored query may run before it is reported as timed out (default 30)
#   SEED        the corpus generator's seed (default 1)
#   BENCH_DIR   scratch folder for corpora, stores and outputs (default target/bench)
#   OUT         the report written (default BENCHMARKS.md)
#   PYOX_ROCKSDB  0 skips pyoxigraph's bulk_load into RocksDB (default 1: measured)
#   GEN_CORPUS_BIN  an officegraph binary whose `gen-corpus` makes the corpora (default: the
#               one built here; without gen-corpus a stand-in corpus is used and says so)
#
# It builds `cargo build --release` itself (and `--features rocksdb` when Cargo.toml has
# that feature), installs pyoxigraph (pip), serdi and GNU time (apt, as root) when
# missing, and says SKIPPED loudly for a baseline it cannot get. Steps whose command
# this build lacks (`gen-corpus`, `convert`, the rocksdb backend) are reported as
# "not available in this build". Nothing here runs in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# The exact command, as a user would retype it: the variables set, then the script.
COMMAND="benches/run.sh"
for var in GEN_CORPUS_BIN PYOX_ROCKSDB QUERY_TIMEOUT QUERY_BUDGET COLD_RUNS_MEMORY OUT BENCH_DIR SEED COLD_RUNS QUERY_RUNS RUNS SIZES; do
  if [ -n "${!var+x}" ]; then COMMAND="$var=\"${!var}\" $COMMAND"; fi
done

SIZES=${SIZES:-"1000 10000 100000"}
QUERY_RUNS=${QUERY_RUNS:-20}
COLD_RUNS=${COLD_RUNS:-3}
QUERY_TIMEOUT=${QUERY_TIMEOUT:-30}
QUERY_BUDGET=${QUERY_BUDGET:-60}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-target/bench}
OUT=${OUT:-BENCHMARKS.md}
PYOX_ROCKSDB=${PYOX_ROCKSDB:-1}
START_EPOCH=$(date +%s)

SIZES=$(printf '%s\n' $SIZES | sort -n | tr '\n' ' ')
LARGEST=$(printf '%s\n' $SIZES | tail -1)
if [ "$LARGEST" -ge 100000 ]; then COLD_RUNS_MEMORY=${COLD_RUNS_MEMORY:-1}; else COLD_RUNS_MEMORY=${COLD_RUNS_MEMORY:-$COLD_RUNS}; fi

# The scratch folder is emptied first, so refuse one this script did not make.
if [ -d "$BENCH_DIR" ] && [ -n "$(ls -A "$BENCH_DIR")" ] && [ ! -f "$BENCH_DIR/.officegraph-bench" ]; then
  echo "run.sh: error: $BENCH_DIR exists and was not made by benches/run.sh; choose another BENCH_DIR" >&2
  exit 2
fi
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR/bin"
touch "$BENCH_DIR/.officegraph-bench"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
RESULTS=$BENCH_DIR/results.tsv
META=$BENCH_DIR/meta.tsv
LOG=$BENCH_DIR/run.log
: >"$RESULTS"
: >"$META"
: >"$LOG"

say() { echo "run.sh: $*" >&2; }
meta() { printf '%s\t%s\n' "$1" "$2" >>"$META"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }
note() { record "$1" "note:$2" "$3"; say "$1 records: $2: $3"; }
skipped() { echo "*** SKIPPED: $* ***" >&2; }

meta command "$COMMAND"
meta sizes "$SIZES"
meta seed "$SEED"
meta query_runs "$QUERY_RUNS"
meta cold_runs "$COLD_RUNS"
meta query_timeout "$QUERY_TIMEOUT"
meta query_budget "$QUERY_BUDGET"
meta cold_runs_memory "$COLD_RUNS_MEMORY"

# ---------------------------------------------------------------- tools
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    timeout 300 apt-get update -qq >/dev/null 2>&1 || true
    timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
  else
    return 1
  fi
}

if [ ! -x /usr/bin/time ]; then
  say "installing GNU time (apt: time)"
  apt_install time || true
fi
if [ ! -x /usr/bin/time ]; then
  echo "run.sh: error: GNU /usr/bin/time is missing and could not be installed (apt-get install time, as root); it measures every peak RSS" >&2
  exit 2
fi

HAVE_SERDI=1
if ! command -v serdi >/dev/null 2>&1; then
  say "installing serdi (apt: serdi)"
  apt_install serdi || true
fi
command -v serdi >/dev/null 2>&1 || { HAVE_SERDI=0; skipped "serdi is missing and could not be installed (apt-get install serdi, as root): no serdi baseline"; }

HAVE_PYOX=1
if ! python3 -c 'import pyoxigraph' >/dev/null 2>&1; then
  say "installing pyoxigraph (pip)"
  timeout 600 python3 -m pip install -q 'pyoxigraph>=0.5,<0.6' >/dev/null 2>&1 || true
fi
python3 -c 'import pyoxigraph' >/dev/null 2>&1 || { HAVE_PYOX=0; skipped "pyoxigraph is missing and could not be installed (pip install pyoxigraph): no bulk_load/dump baseline"; }

# ---------------------------------------------------------------- build
say "building: cargo build --release"
cargo build --release --quiet
cp target/release/officegraph "$BENCH_DIR/bin/officegraph"
OG=$BENCH_DIR/bin/officegraph
OG_ROCKS=""
if sed -n '/^\[features\]/,/^\[/p' Cargo.toml | grep -qE '^rocksdb[[:space:]]*='; then
  if ! ldconfig -p 2>/dev/null | grep -q 'libclang'; then
    say "installing libclang-dev (apt), which the rocksdb feature's bindgen needs"
    apt_install libclang-dev clang || true
  fi
  # A target folder of its own: the default build's binary stays as it is, and
  # RocksDB's C++ (most of this build's time) is compiled once, not after every
  # default build.
  say "building: cargo build --release --features rocksdb --target-dir target/rocksdb"
  if cargo build --release --quiet --features rocksdb --target-dir target/rocksdb >>"$LOG" 2>&1; then
    cp target/rocksdb/release/officegraph "$BENCH_DIR/bin/officegraph-rocksdb"
    if "$BENCH_DIR/bin/officegraph-rocksdb" ingest --help 2>/dev/null | grep -e '--backend' >/dev/null; then
      OG_ROCKS=$BENCH_DIR/bin/officegraph-rocksdb
    fi
  else
    skipped "cargo build --release --features rocksdb failed (see $LOG): no rocksdb backend figures"
  fi
fi

# (grep reads all of the help, so no SIGPIPE under pipefail)
has_command() { "$1" help 2>/dev/null | grep -E "^[[:space:]]+$2([[:space:]]|\$)" >/dev/null; }
GEN=${GEN_CORPUS_BIN:-$OG}
HAVE_GEN=0; has_command "$GEN" gen-corpus && HAVE_GEN=1
HAVE_CONVERT=0; has_command "$OG" convert && HAVE_CONVERT=1
HAVE_PARSE_BENCH=0
[ -f benches/parse_scaling.rs ] && grep -q 'name = "parse_scaling"' Cargo.toml && HAVE_PARSE_BENCH=1

# ---------------------------------------------------------------- machine
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta nproc "$(nproc)"
meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
meta ram "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
meta kernel "$(uname -sr)"
meta loadavg "$(cut -d' ' -f1-3 /proc/loadavg)"
meta rustc "$(rustc --version)"
meta officegraph "$("$OG" --version)"
meta commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
meta python "$(python3 --version 2>&1)"
[ $HAVE_PYOX = 1 ] && meta pyoxigraph "$(python3 -c 'import pyoxigraph; print(pyoxigraph.__version__)')"
[ $HAVE_PYOX = 0 ] && meta pyoxigraph "not installed (SKIPPED)"
[ $HAVE_SERDI = 1 ] && meta serdi "$(serdi -v 2>&1 | head -1)"
[ $HAVE_SERDI = 0 ] && meta serdi "not installed (SKIPPED)"
meta have_gen $HAVE_GEN
meta have_convert $HAVE_CONVERT
meta have_rocksdb "$([ -n "$OG_ROCKS" ] && echo 1 || echo 0)"
meta have_pyoxigraph $HAVE_PYOX
meta have_serdi $HAVE_SERDI

# ---------------------------------------------------------------- helpers
# nanoseconds → seconds
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", (b - a) / 1e9 }'; }

# measure SIZE METRIC STDOUT_FILE COMMAND...: runs COMMAND once with its stdout in
# STDOUT_FILE and records METRIC_s (wall seconds) and METRIC_rss_kb (peak RSS).
measure() {
  local size=$1 metric=$2 out=$3 t0 t1 tf=$BENCH_DIR/time.out
  shift 3
  echo "### $size $metric: $*" >>"$LOG"
  t0=$(date +%s%N)
  if ! /usr/bin/time -f '%M' -o "$tf" "$@" >"$out" 2>>"$LOG"; then
    say "FAILED ($metric, $size records): $* (see $LOG)"
    return 1
  fi
  t1=$(date +%s%N)
  record "$size" "${metric}_s" "$(secs "$t0" "$t1")"
  record "$size" "${metric}_rss_kb" "$(tail -1 "$tf")"
}

# The corpus: `officegraph gen-corpus` when this build has it; until then a stand-in
# made of copies of data/records/*.txt under distinct file stems (so each is its own
# record graph), which says so in the report.
gen_corpus() {
  local size=$1 dir=$2
  if [ $HAVE_GEN = 1 ]; then
    "$GEN" gen-corpus --records "$size" --seed "$SEED" "$dir" >"$BENCH_DIR/gen.out" 2>&1
    cat "$BENCH_DIR/gen.out" >>"$LOG"
    record "$size" corpus_summary "$(grep 'records, ' "$BENCH_DIR/gen.out" | tail -1)"
  else
    python3 - "$size" "$dir" "$ROOT/data/records" <<'EOF'
import pathlib, shutil, sys
size, out, seeds = int(sys.argv[1]), pathlib.Path(sys.argv[2]), sorted(pathlib.Path(sys.argv[3]).glob("*.txt"))
out.mkdir(parents=True, exist_ok=True)
for i in range(size):
    seed = seeds[i % len(seeds)]
    shutil.copyfile(seed, out / f"r{i:07d}_{seed.name}")
EOF
  fi
}

runs_for() { if [ -n "${RUNS:-}" ]; then echo "$RUNS"; elif [ "$1" -ge 100000 ]; then echo 3; else echo 5; fi; }

# one_run SIZE DIR RUN: every tool once, interleaved, so each run's ratios compare
# tools measured under the same load. Returns 1 when ingest or export failed (no input
# for the rest). Outputs are deleted as soon as they are measured (disk space at 100k).
one_run() {
  local size=$1 dir=$2 run=$3
  # ours: ingest into a fresh store, then export from it
  rm -rf "$dir/store"
  measure "$size" ingest /dev/null "$OG" ingest "$dir/corpus" --store "$dir/store" \
    || { note "$size" ingest "officegraph ingest failed in run $run (see run.log); the rest of this size is skipped"; return 1; }
  measure "$size" export_nq /dev/null "$OG" export --store "$dir/store" --format nq -o "$dir/export.nq" \
    || { note "$size" export_nq "export --format nq failed in run $run (see run.log); the rest of this size is skipped"; return 1; }
  measure "$size" export_ttl /dev/null "$OG" export --store "$dir/store" --format ttl -o "$dir/export.ttl" \
    || note "$size" export_ttl "export --format ttl failed in run $run (see run.log)"
  if [ "$run" = 1 ]; then
    record "$size" quads "$(wc -l <"$dir/export.nq")"
    record "$size" nq_bytes "$(stat -c %s "$dir/export.nq")"
    [ -f "$dir/export.ttl" ] && record "$size" ttl_bytes "$(stat -c %s "$dir/export.ttl")"
  fi
  rm -f "$dir/export.ttl"
  # baselines on the same N-Quads
  if [ $HAVE_PYOX = 1 ]; then
    if measure "$size" pyox "$dir/pyox.out" python3 "$ROOT/benches/pyoxigraph_load.py" "$dir/export.nq" --dump "$dir/pyox.nq"; then
      while IFS=$'\t' read -r key value; do record "$size" "pyox_$key" "$value"; done <"$dir/pyox.out"
    else
      note "$size" pyox "pyoxigraph bulk_load/dump failed in run $run (see run.log)"
    fi
    rm -f "$dir/pyox.nq"
    if [ "$PYOX_ROCKSDB" = 1 ]; then
      rm -rf "$dir/pyox-rocksdb"
      if measure "$size" pyox_rocksdb "$dir/pyox.out" python3 "$ROOT/benches/pyoxigraph_load.py" "$dir/export.nq" --rocksdb "$dir/pyox-rocksdb"; then
        while IFS=$'\t' read -r key value; do record "$size" "pyox_rocksdb_$key" "$value"; done <"$dir/pyox.out"
      else
        note "$size" pyox_rocksdb "pyoxigraph bulk_load into RocksDB failed in run $run (see run.log)"
      fi
      rm -rf "$dir/pyox-rocksdb"
    fi
  fi
  if [ $HAVE_SERDI = 1 ]; then
    measure "$size" serdi "$dir/serdi.nq" serdi -i nquads -o nquads "$dir/export.nq" \
      || note "$size" serdi "serdi failed in run $run (see run.log)"
    rm -f "$dir/serdi.nq"
  fi
  if [ $HAVE_CONVERT = 1 ]; then
    if measure "$size" convert "$dir/convert.nq" "$OG" convert "$dir/corpus"; then
      [ "$run" = 1 ] && record "$size" convert_quads "$(grep -vc '^#' "$dir/convert.nq" || true)"
    else
      note "$size" convert "convert failed in run $run (see run.log)"
    fi
    rm -f "$dir/convert.nq"
  fi
  if [ -n "$OG_ROCKS" ]; then
    rm -rf "$dir/store-rocksdb"
    measure "$size" ingest_rocksdb /dev/null "$OG_ROCKS" ingest "$dir/corpus" --store "$dir/store-rocksdb" --backend rocksdb \
      || note "$size" ingest_rocksdb "ingest --backend rocksdb failed in run $run (see run.log)"
  fi
  return 0
}

# ---------------------------------------------------------------- per size
for size in $SIZES; do
  runs=$(runs_for "$size")
  dir=$BENCH_DIR/$size
  mkdir -p "$dir"
  record "$size" runs "$runs"
  say "$size records: generating the corpus"
  t0=$(date +%s%N)
  gen_corpus "$size" "$dir/corpus"
  t1=$(date +%s%N)
  record "$size" corpus_gen_s "$(secs "$t0" "$t1")"
  record "$size" corpus_files "$(find "$dir/corpus" -type f \( -name '*.txt' -o -name '*.csv' \) | wc -l)"
  record "$size" corpus_bytes "$(find "$dir/corpus" -type f \( -name '*.txt' -o -name '*.csv' \) -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')"

  for run in $(seq 1 "$runs"); do
    say "$size records: run $run of $runs"
    one_run "$size" "$dir" "$run" || break
  done
  rm -f "$dir/export.ttl" "$dir/pyox.out"

  if [ "$size" = "$LARGEST" ] && [ -f "$dir/store/snapshot.nq" ]; then
    backends=(--backend memory "$OG" "$dir/store")
    [ -n "$OG_ROCKS" ] && [ -d "$dir/store-rocksdb" ] && backends+=(--backend rocksdb "$OG_ROCKS" "$dir/store-rocksdb")
    say "$size records: stored queries (up to ${QUERY_RUNS} requests with the store open, ${COLD_RUNS} cold processes each; ${COLD_RUNS_MEMORY} on the reloading memory backend)"
    python3 "$ROOT/benches/query_bench.py" --size "$size" --out "$RESULTS" --log "$LOG" \
      --warm-runs "$QUERY_RUNS" --warm-budget "$QUERY_BUDGET" --cold-runs "$COLD_RUNS" \
      --cold-runs-memory "$COLD_RUNS_MEMORY" --timeout "$QUERY_TIMEOUT" "${backends[@]}" \
      || note "$size" queries "query_bench.py failed (see run.log)"
  fi
  if [ "$size" != "$LARGEST" ]; then
    rm -rf "$dir"   # keep only the largest size's corpus and stores
  fi
done

# ---------------------------------------------------------------- parse scaling
if [ $HAVE_PARSE_BENCH = 1 ]; then
  say "cargo bench --bench parse_scaling"
  if cargo bench --quiet --bench parse_scaling >"$BENCH_DIR/parse_scaling.md" 2>>"$LOG"; then
    meta parse_scaling "$BENCH_DIR/parse_scaling.md"
  else
    skipped "cargo bench --bench parse_scaling failed (see $LOG)"
    meta parse_scaling_failed 1
  fi
fi

meta total_s "$(( $(date +%s) - START_EPOCH ))"
python3 benches/report.py --results "$RESULTS" --meta "$META" --notes benches/notes.md >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
say "wrote $OUT in $(( $(date +%s) - START_EPOCH )) s (scratch: $BENCH_DIR)"
