#!/usr/bin/env python3
"""Benchmark stage (benches/run.sh): the latency of every stored query.

Warm (the store already open): starts `officegraph serve` on the store on a free
loopback port, runs each stored query through `/queries/NAME?format=csv` once to warm
up and then --warm-runs times (fewer, but at least 3, once --warm-budget seconds are spent), timing each request from here (HTTP on loopback and the
CSV serialization of the whole result included). `serve` keeps one store open for
its lifetime, which is exactly "once open"; it is the same code path a user's client
hits, and it needs no Rust code tied to the library's internals.

Cold: runs `officegraph query NAME --store S --format csv` --cold-runs times per
query as a fresh process (process start, store open, query, print to /dev/null),
timing it from here and reading the child's peak RSS from wait4.

Parameters: a query's `position` is the position with the most tenures (from the
`positions` query, on the first backend that answers it in time; the same values are
used on every backend), its `date` the latest start of that position; `--param
NAME=VALUE` sets one instead. Any other required parameter without a default makes
the query "skipped" with the reason.

Writes `SIZE<TAB>metric<TAB>value` lines to --out (appending), metric one of
  query:NAME:warm_ms:BACKEND, query:NAME:rows, query:NAME:cold_s:BACKEND,
  query:NAME:cold_rss_kb:BACKEND, query:NAME:timeout:BACKEND (seconds: cancelled by
  serve's --timeout, then not run cold), query:NAME:skipped, query:NAME:params
"""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def start_server(binary: str, store: str, timeout: int, log):
    """`officegraph serve` on a free port; returns (process, base URL)."""
    process = subprocess.Popen(
        [binary, "serve", "--store", store, "--bind", "127.0.0.1:0",
         "--max-rows", "1000000000", "--timeout", str(timeout), "--threads", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        log.write(line)
        found = re.search(r"listening on (http://\S+?)/?$", line.strip())
        if found:
            # keep draining serve's request log, or it blocks once the pipe is full
            threading.Thread(target=drain, args=(process.stderr, log), daemon=True).start()
            return process, found.group(1)
    process.wait()
    raise RuntimeError(f"`officegraph serve --store {store}` exited {process.returncode} before listening")


def drain(stream, log) -> None:
    for line in stream:
        log.write(line)


class TimedOut(Exception):
    pass


def fetch(url: str) -> bytes:
    """The body of a GET; TimedOut when serve cancelled the query (503)."""
    try:
        with urllib.request.urlopen(url, timeout=3600) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        if error.code == 503:
            raise TimedOut(error.read().decode("utf-8", "replace").strip()) from error
        raise


def pick_params(base: str) -> dict:
    """Values for the stored queries' parameters, taken from the data itself."""
    body = fetch(f"{base}/queries/positions?format=csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    if not rows:
        return {}
    best = max(rows, key=lambda row: int(row.get("tenures") or 0))
    values = {"position": best["position"]}
    if best.get("lastStart"):
        values["date"] = best["lastStart"]
    return values


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", required=True, help="the corpus size the store holds (a label)")
    parser.add_argument("--out", required=True, help="results file to append to")
    parser.add_argument("--backend", nargs=3, action="append", required=True,
                        metavar=("NAME", "BINARY", "STORE"),
                        help="a backend to measure: its name, the officegraph binary, the store folder")
    parser.add_argument("--warm-runs", type=int, default=20)
    parser.add_argument("--warm-budget", type=float, default=60,
                        help="seconds of timed requests per query after which at least 3 runs are enough")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--cold-runs-memory", type=int,
                        help="cold runs on the backend named `memory` (default: --cold-runs)")
    parser.add_argument("--timeout", type=int, default=30,
                        help="seconds one query may run (serve --timeout, query --timeout)")
    parser.add_argument("--log", default=os.devnull, help="where serve's stderr goes")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a parameter value to use instead of one picked from the data")
    args = parser.parse_args()

    out = open(args.out, "a", encoding="utf-8")
    log = open(args.log, "a", encoding="utf-8")

    def record(metric: str, value) -> None:
        out.write(f"{args.size}\t{metric}\t{value}\n")
        out.flush()

    # Picked once, from the first backend that answers the `positions` query in time,
    # and used on every backend (a slower backend must not lose its parameterized
    # queries because listing every position timed out there).
    values = dict(p.split("=", 1) for p in args.param if "=" in p)
    for backend, binary, store in args.backend:
        try:
            server, base = start_server(binary, store, args.timeout, log)
        except (RuntimeError, OSError) as error:
            record(f"note:queries:{backend}", f"serve could not start: {error}")
            print(f"query_bench.py: {backend}: {error}", file=sys.stderr)
            continue
        try:
            catalog = json.loads(fetch(f"{base}/queries"))["queries"]
            if "position" not in values:
                try:
                    values = {**pick_params(base), **values}
                except TimedOut:
                    pass
            plans = []
            for query in catalog:
                params = {}
                missing = []
                for param in query["params"]:
                    if param["name"] in values:
                        params[param["name"]] = values[param["name"]]
                    elif param["required"]:
                        missing.append(param["name"])
                if missing:
                    record(f"query:{query['name']}:skipped", f"no value for parameter {', '.join(missing)}")
                    continue
                plans.append((query["name"], params))
            timed_out = set()
            for name, params in plans:
                url = f"{base}/queries/{name}?" + urllib.parse.urlencode({**params, "format": "csv"})
                try:
                    body = fetch(url)  # warm-up, and the row count
                except TimedOut as error:
                    record(f"query:{name}:timeout:{backend}", args.timeout)
                    print(f"query_bench.py: {backend}: {name}: {error}", file=sys.stderr)
                    timed_out.add(name)
                    continue
                rows = sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1
                record(f"query:{name}:rows", max(rows, 0))
                if params:
                    record(f"query:{name}:params", " ".join(f"{k}={v}" for k, v in params.items()))
                spent = 0.0
                for run in range(args.warm_runs):
                    if run >= 3 and spent > args.warm_budget:
                        break
                    start = time.perf_counter()
                    try:
                        fetch(url)
                    except TimedOut:
                        record(f"query:{name}:timeout:{backend}", args.timeout)
                        timed_out.add(name)
                        break
                    elapsed = time.perf_counter() - start
                    spent += elapsed
                    record(f"query:{name}:warm_ms:{backend}", f"{elapsed * 1000:.3f}")
        finally:
            server.terminate()
            server.wait()

        for name, params in plans:
            if name in timed_out:
                continue
            command = [binary, "query", name, "--store", store, "--format", "csv",
                       "--timeout", str(args.timeout)]
            for key, value in params.items():
                command += ["--param", f"{key}={value}"]
            cold_runs = args.cold_runs
            if backend == "memory" and args.cold_runs_memory is not None:
                cold_runs = args.cold_runs_memory
            for _ in range(cold_runs):
                start = time.perf_counter()
                child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
                _, status, usage = os.wait4(child.pid, 0)
                elapsed = time.perf_counter() - start
                child.returncode = os.waitstatus_to_exitcode(status)
                if child.returncode != 0:
                    record(f"note:query:{name}:{backend}", f"cold `officegraph query` exited {child.returncode}")
                    break
                record(f"query:{name}:cold_s:{backend}", f"{elapsed:.6f}")
                record(f"query:{name}:cold_rss_kb:{backend}", usage.ru_maxrss)
        print(f"query_bench.py: {backend}: {len(plans)} queries measured", file=sys.stderr)


if __name__ == "__main__":
    main()
