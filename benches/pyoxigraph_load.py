#!/usr/bin/env python3
"""Benchmark baseline (benches/run.sh): Oxigraph's own loader, through pyoxigraph.

Loads an N-Quads file with `Store().bulk_load(path=..., format=RdfFormat.N_QUADS)`
(in memory, or into a RocksDB store with --rocksdb DIR), optionally dumps the store
back to N-Quads with `Store.dump`, and prints one `key<TAB>value` line per figure:

  load_s             seconds spent in bulk_load alone (interpreter start and import excluded)
  quads              quads in the store after the load
  rss_after_load_kb  the process's peak RSS once the load is done (before any dump)
  dump_s             seconds spent in dump (with --dump)

The process's overall peak RSS is measured from outside by /usr/bin/time.
"""
import argparse
import resource
import sys
import time

try:
    from pyoxigraph import RdfFormat, Store
except ImportError as error:  # run.sh checks first; this is for a hand-run
    sys.exit(f"pyoxigraph_load.py: pyoxigraph is not installed ({error})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nquads", help="the N-Quads file to load")
    parser.add_argument("--rocksdb", metavar="DIR", help="load into an on-disk RocksDB store in DIR")
    parser.add_argument("--dump", metavar="OUT", help="then dump the store as N-Quads to OUT")
    args = parser.parse_args()

    store = Store(args.rocksdb) if args.rocksdb else Store()
    start = time.perf_counter()
    store.bulk_load(path=args.nquads, format=RdfFormat.N_QUADS)
    if args.rocksdb:
        store.flush()
    load_s = time.perf_counter() - start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(f"load_s\t{load_s:.6f}")
    print(f"rss_after_load_kb\t{rss_kb}")
    print(f"quads\t{len(store)}")
    if args.dump:
        start = time.perf_counter()
        store.dump(args.dump, format=RdfFormat.N_QUADS)
        print(f"dump_s\t{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
