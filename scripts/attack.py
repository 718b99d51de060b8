#!/usr/bin/env python3
"""Soak and attack suite for `officegraph serve` (issue 14, "What to build" 6).

Ingests the seed records into a temporary store, starts `officegraph serve` on
loopback and measures, scenario by scenario:

  load       requests/s and p50/p99 latency at 1, 8, 64, 256 keep-alive clients
             and 1 client with `Connection: close`
  nested     900 nested parentheses / 1,000 nested braces by GET, POST, /web/query
  slow-body  workers+4 POSTs announcing a body they never send, held open
  huge-line  a never-ending request line, then never-ending headers
  fd         300 idle connections to a server under `ulimit -n 256`
  runaway    12 clients sending a cross-product ORDER BY (server `--timeout 5`)
  big-page   the page of a position held 5,000 times

Every attack runs while 8 normal clients send a cheap request in a loop; their
latency and errors, the server's survival and its RSS are reported. The output is a
Markdown report (stdout, and `--out FILE`). The script measures: it exits 0 even
when targets are missed, and non-zero only when it failed itself. Every scenario
has a time cap and every socket operation a timeout, so the script never hangs;
a memory guard kills the server before it can take the (shared) machine down.

Python 3.11 standard library only; `wrk` is used for the load scenario when it is
installed (installed with apt-get when running as root), otherwise a built-in
asyncio load generator.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import io
import math
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
BASE = "https://w3id.org/officegraph/id/"
OG = "https://w3id.org/officegraph/ontology#"
CHEAP_PATH = "/sparql?query=" + urllib.parse.quote("ASK{}", safe="")
STORED_PATH = "/queries/positions"
RUNAWAY_QUERY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?f ?i"
P99_TARGET_MS = 100.0
NORMAL_CLIENTS = 8
NORMAL_TIMEOUT = 10.0


# --------------------------------------------------------------------------- plan


@dataclass
class Plan:
    """Durations and sizes of one run (`--quick` or the full default)."""

    name: str
    load_secs: float
    warm_secs: float
    slow_hold: float
    line_secs: float
    line_bytes: int
    fd_hold: float
    fd_recover: float
    runaway_secs: float
    runaway_grace: float
    runaway_after: float
    page_sizes: list[int]
    page_timeout: float


FULL = Plan(
    name="full",
    load_secs=6.0,
    warm_secs=3.0,
    slow_hold=30.0,
    line_secs=20.0,
    line_bytes=1 << 30,
    fd_hold=15.0,
    fd_recover=10.0,
    runaway_secs=30.0,
    runaway_grace=20.0,
    runaway_after=15.0,
    page_sizes=[1000, 5000],
    page_timeout=90.0,
)
QUICK = Plan(
    name="quick",
    load_secs=1.0,
    warm_secs=1.0,
    slow_hold=5.0,
    line_secs=3.0,
    line_bytes=64 << 20,
    fd_hold=2.0,
    fd_recover=3.0,
    runaway_secs=4.0,
    runaway_grace=3.0,
    runaway_after=2.0,
    page_sizes=[300],
    page_timeout=30.0,
)


# ------------------------------------------------------------------------ results


@dataclass
class Row:
    measure: str
    figure: str
    target: str = ""
    met: bool | None = None


@dataclass
class Result:
    key: str
    title: str
    what: str
    rows: list[Row] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # extra Markdown tables
    notes: list[str] = field(default_factory=list)
    failed: str | None = None  # the harness itself failed (exception, cap)
    seconds: float = 0.0

    def add(self, measure: str, figure: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(measure, figure, target, met))


def ms(seconds: float | None) -> str:
    if seconds is None or math.isnan(seconds):
        return "–"
    value = seconds * 1000.0
    if value >= 10000:
        return f"{value / 1000:.1f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def mb(kib: int | None) -> str:
    if kib is None:
        return "–"
    return f"{kib / 1024:.0f} MB" if kib >= 10 * 1024 else f"{kib / 1024:.1f} MB"


def human_bytes(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.2f} {unit}"
    return f"{n} B"


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# --------------------------------------------------------------------- samples


@dataclass
class Summary:
    requests: int
    ok: int
    errors: Counter
    p50: float
    p99: float
    max: float
    seconds: float
    first_error: float | None = None  # seconds into the window
    failing_clients: int = 0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def errors_text(self) -> str:
        if not self.errors:
            return "0"
        kinds = ", ".join(f"{kind} ×{n}" for kind, n in self.errors.most_common(4))
        first = f"; the first {self.first_error:.1f} s in" if self.first_error is not None else ""
        who = f"; from {self.failing_clients} client(s)" if self.failing_clients else ""
        return f"{self.error_count} ({kinds}{first}{who})"

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds > 0 else 0.0


class Samples:
    """Finished requests: (start, latency, error or None, client)."""

    def __init__(self) -> None:
        self.items: list[tuple[float, float, str | None, int]] = []

    def add(self, start: float, latency: float, error: str | None, client: int = 0) -> None:
        self.items.append((start, latency, error, client))

    def window(self, t0: float, t1: float, mode: str = "started", cut: float | None = None) -> Summary:
        """Requests started in [t0, t1) (`started`), started and ended in it (`inside`),
        or in flight at some time in it (`overlap`: an attack's window, so that a
        request stuck across its start counts). With `cut`, failures that ended after
        it (the harness killed the server then) count as no error, with the time
        they had waited until then as their latency (a lower bound)."""

        def trimmed(item: tuple[float, float, str | None, int]) -> tuple[float, float, str | None, int]:
            if cut is not None and item[2] and item[0] + item[1] >= cut:
                return (item[0], max(0.0, cut - item[0]), None, item[3])
            return item

        def keep(item: tuple[float, float, str | None, int]) -> bool:
            start, end = item[0], item[0] + item[1]
            if mode == "inside":
                return t0 <= start and end < t1
            if mode == "overlap":
                return start < t1 and end > t0
            return t0 <= start < t1

        chosen = [trimmed(item) for item in self.items if keep(item)]
        latencies = sorted(item[1] for item in chosen)
        errors = Counter(item[2] for item in chosen if item[2])
        failed = [item[0] for item in chosen if item[2]]
        return Summary(
            first_error=max(0.0, min(failed) - t0) if failed else None,
            failing_clients=len({item[3] for item in chosen if item[2]}),
            requests=len(chosen),
            ok=sum(1 for item in chosen if not item[2]),
            errors=errors,
            p50=percentile(latencies, 50),
            p99=percentile(latencies, 99),
            max=latencies[-1] if latencies else float("nan"),
            seconds=max(0.0, t1 - t0),
        )


# ---------------------------------------------------------------- HTTP client


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    keep_alive: bool


def request_bytes(
    method: str,
    path: str,
    port: int,
    accept: str = "text/csv",
    body: bytes | None = None,
    content_type: str | None = None,
    close: bool = False,
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", f"Accept: {accept}"]
    if close:
        lines.append("Connection: close")
    if body is not None:
        lines.append(f"Content-Type: {content_type or 'application/sparql-query'}")
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


def classify(error: BaseException) -> str:
    if isinstance(error, (asyncio.TimeoutError, TimeoutError)):
        return "timeout"
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, ConnectionResetError):
        return "reset"
    if isinstance(error, BrokenPipeError):
        return "broken pipe"
    if isinstance(error, asyncio.IncompleteReadError):
        return "closed mid-answer"
    if isinstance(error, OSError) and error.errno is not None:
        return os.strerror(error.errno).lower()
    return type(error).__name__


class Conn:
    """One HTTP/1.1 connection, reused while the server keeps it alive."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int, timeout: float = 5.0) -> "Conn":
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(HOST, port, limit=1 << 20), timeout
        )
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    def close(self) -> None:
        try:
            self.writer.transport.abort()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass

    async def request(self, data: bytes, keep_body: bool = False) -> Response:
        self.writer.write(data)
        await self.writer.drain()
        return await self.read_response(keep_body)

    async def read_response(self, keep_body: bool = False) -> Response:
        reader = self.reader
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/"):
            raise ValueError(f"bad status line {lines[0][:60]!r}")
        status = int(parts[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        keep_alive = headers.get("connection", "").lower() != "close" and parts[0] == "HTTP/1.1"
        chunks: list[bytes] = []
        if status in (204, 304) or 100 <= status < 200:
            pass
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            while True:
                size_line = await reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":
                        pass
                    break
                chunk = await reader.readexactly(size)
                await reader.readexactly(2)
                if keep_body:
                    chunks.append(chunk)
        elif "content-length" in headers:
            remaining = int(headers["content-length"])
            while remaining > 0:
                chunk = await reader.read(min(remaining, 1 << 20))
                if not chunk:
                    raise asyncio.IncompleteReadError(b"", remaining)
                remaining -= len(chunk)
                if keep_body:
                    chunks.append(chunk)
        else:
            keep_alive = False
            while True:
                chunk = await reader.read(1 << 20)
                if not chunk:
                    break
                if keep_body:
                    chunks.append(chunk)
        return Response(status, headers, b"".join(chunks), keep_alive)


async def fetch(port: int, data: bytes, timeout: float, keep_body: bool = True) -> Response:
    """One request on a fresh connection."""
    conn = await Conn.open(port, timeout=min(timeout, 5.0))
    try:
        return await asyncio.wait_for(conn.request(data, keep_body), timeout)
    finally:
        conn.close()


async def answers(port: int, timeout: float = 5.0) -> tuple[bool, str]:
    """Whether a fresh connection gets 200 for the cheap request."""
    t0 = time.monotonic()
    try:
        response = await fetch(port, request_bytes("GET", CHEAP_PATH, port, close=True), timeout)
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        return False, f"no ({classify(error)} after {ms(time.monotonic() - t0)})"
    took = time.monotonic() - t0
    if response.status == 200:
        return True, f"yes (200 in {ms(took)})"
    return False, f"no (HTTP {response.status} in {ms(took)})"


async def answers_within(port: int, seconds: float) -> tuple[bool, str]:
    """Polls until the server answers or `seconds` pass."""
    t0 = time.monotonic()
    last = "no"
    while True:
        remaining = seconds - (time.monotonic() - t0)
        if remaining <= 0:
            return False, last
        ok, last = await answers(port, timeout=max(0.5, min(5.0, remaining)))
        if ok:
            waited = time.monotonic() - t0
            return True, last if waited < 0.5 else f"{last}, after {ms(waited)} of retrying"
        await asyncio.sleep(0.25)


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def read_status(pid: int) -> dict[str, int]:
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in ("VmRSS", "VmHWM", "Threads"):
                    values[name] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return values


def cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Sampler(threading.Thread):
    """Samples the server's RSS (and threads, fds) every 50 ms; kills it past the guard."""

    def __init__(self, pid: int, guard_kib: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.guard_kib = guard_kib
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.rss = 0
        self.hwm = 0
        self.peak = 0
        self.window_peak = 0
        self.threads_peak = 0
        self.fds_peak = 0
        self.killed_at: float | None = None
        self.killed_rss = 0

    def run(self) -> None:
        tick = 0
        while not self.stop_event.is_set():
            values = read_status(self.pid)
            if not values:
                break
            rss = values.get("VmRSS", 0)
            with self.lock:
                self.rss = rss
                self.hwm = max(self.hwm, values.get("VmHWM", 0))
                self.peak = max(self.peak, rss)
                self.window_peak = max(self.window_peak, rss)
                self.threads_peak = max(self.threads_peak, values.get("Threads", 0))
            if tick % 10 == 0:
                try:
                    fds = len(os.listdir(f"/proc/{self.pid}/fd"))
                    self.fds_peak = max(self.fds_peak, fds)
                except OSError:
                    pass
            if rss > self.guard_kib and self.killed_at is None:
                self.killed_at = time.monotonic()
                self.killed_rss = rss
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except OSError:
                    pass
                break
            tick += 1
            self.stop_event.wait(0.05)

    def reset_window(self) -> None:
        with self.lock:
            self.window_peak = self.rss

    def stop(self) -> None:
        self.stop_event.set()


class Server:
    """`officegraph serve` on a fixed free loopback port, restartable on that port."""

    counter = 0

    def __init__(self, ctx: "Context", store: Path, extra: tuple[str, ...] = (), nofile: int | None = None):
        self.ctx = ctx
        self.store = store
        self.extra = extra
        self.nofile = nofile
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.sampler: Sampler | None = None
        self.threads = 4
        self.log_path: Path | None = None
        self.deaths: list[str] = []
        self.started_at = 0.0
        self.hwm_total = 0
        self.peak_total = 0

    async def start(self, timeout: float = 20.0) -> None:
        Server.counter += 1
        self.log_path = self.ctx.tmp / f"serve-{Server.counter}.log"
        log = open(self.log_path, "wb")
        argv = [
            str(self.ctx.binary), "serve", "--store", str(self.store),
            "--bind", f"{HOST}:{self.port}", *self.extra,
        ]
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.ctx.live.add(self.proc)
        if self.nofile is not None:
            resource.prlimit(self.proc.pid, resource.RLIMIT_NOFILE, (self.nofile, self.nofile))
        self.started_at = time.monotonic()
        deadline = self.started_at + timeout
        while True:
            text = self.log_path.read_text(errors="replace")
            if "listening on http://" in text:
                found = re.search(r"(\d+) threads", text)
                if found:
                    self.threads = int(found.group(1))
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited at start ({self.proc.returncode}): {text[-400:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve did not start within {timeout:.0f} s: {text[-400:]}")
            await asyncio.sleep(0.05)
        self.sampler = Sampler(self.proc.pid, self.ctx.guard_kib)
        self.sampler.start()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def exit_text(self) -> str:
        if self.proc is None or self.proc.returncode is None:
            return "running"
        code = self.proc.returncode
        if self.sampler is not None and self.sampler.killed_at is not None:
            return (
                f"killed by the harness's memory guard at {mb(self.sampler.killed_rss)}, "
                f"{self.sampler.killed_at - self.started_at:.1f} s after it started"
            )
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exited with status {code}"

    def last_words(self) -> str:
        """The last non-request line the server wrote (its crash message, usually)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        with open(self.log_path, "rb") as log:
            log.seek(0, os.SEEK_END)
            size = log.tell()
            log.seek(max(0, size - 65536))
            tail = log.read().decode("utf-8", errors="replace").splitlines()
        if size > 65536:
            tail = tail[1:]  # the first line may be cut
        for line in reversed(tail):
            line = line.strip()
            if not line or re.fullmatch(r"\S+ \S+ \d{3} \d+ms", line):
                continue  # a request log line
            if line.startswith(("listening on ", "officegraph: serving ")):
                return ""
            return line[:160]
        return ""

    def note_death(self) -> None:
        """Records how a dead server ended; a guard kill is the harness's doing."""
        if self.proc is not None and self.proc.poll() is not None:
            words = self.last_words()
            self.deaths.append(self.exit_text() + (f": `{words}`" if words else ""))

    def _collect(self) -> None:
        if self.sampler is not None:
            self.sampler.stop()
            self.sampler.join(timeout=2)
            self.hwm_total = max(self.hwm_total, self.sampler.hwm)
            self.peak_total = max(self.peak_total, self.sampler.peak)

    async def restart(self) -> None:
        self._collect()
        self.kill()
        await self.start()

    def kill(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGINT)
                self.proc.wait(timeout=3)
            except (OSError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
        self.ctx.live.discard(self.proc)

    async def stop(self) -> None:
        self._collect()
        self.kill()

    def rss_now(self) -> int:
        return read_status(self.proc.pid).get("VmRSS", 0) if self.alive() else 0


# -------------------------------------------------------------- normal clients


class NormalClients:
    """N clients sending the cheap request in a loop on keep-alive connections."""

    def __init__(
        self, port: int, count: int = NORMAL_CLIENTS, path: str = CHEAP_PATH, stagger: float = 0.05
    ) -> None:
        self.port = port
        self.count = count
        self.path = path
        # Connecting one by one: tiny_http 0.12 starves connections that arrive in a
        # burst (see the burst scenario), which is not what the attacks measure.
        self.stagger = stagger
        self.samples = Samples()
        self.stop_event = asyncio.Event()
        self.tasks: list[asyncio.Task] = []

    def start(self) -> None:
        self.tasks = [asyncio.create_task(self.client(index)) for index in range(self.count)]

    async def client(self, index: int) -> None:
        data = request_bytes("GET", self.path, self.port)
        conn: Conn | None = None
        await asyncio.sleep(index * self.stagger)
        try:
            while not self.stop_event.is_set():
                t0 = time.monotonic()
                error = None
                try:
                    if conn is None:
                        conn = await Conn.open(self.port, timeout=NORMAL_TIMEOUT)
                    response = await asyncio.wait_for(conn.request(data), NORMAL_TIMEOUT)
                    if response.status != 200:
                        error = f"HTTP {response.status}"
                    if not response.keep_alive:
                        conn.close()
                        conn = None
                except Exception as failure:  # noqa: BLE001 - every failure is counted
                    error = classify(failure)
                    if conn is not None:
                        conn.close()
                        conn = None
                took = time.monotonic() - t0
                self.samples.add(t0, took, error, index)
                if error and took < 0.02:
                    await asyncio.sleep(0.02)  # no hot loop against a closed port
        finally:
            if conn is not None:
                conn.close()

    async def stop(self) -> None:
        self.stop_event.set()
        done, pending = await asyncio.wait(self.tasks, timeout=NORMAL_TIMEOUT + 2)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=2)


# ------------------------------------------------------------------- context


@dataclass
class Context:
    binary: Path
    plan: Plan
    tmp: Path
    store: Path
    guard_kib: int
    max_memory_mib: int
    generator: str
    live: set = field(default_factory=set)


def run_cmd(argv: list[str], timeout: float, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kwargs)


# ----------------------------------------------------------------------- load


async def python_load(port: int, path: str, conns: int, secs: float, close: bool) -> Summary:
    samples = Samples()
    data = request_bytes("GET", path, port, close=close)
    start = time.monotonic()
    end = start + secs

    async def worker() -> None:
        conn: Conn | None = None
        while time.monotonic() < end:
            t0 = time.monotonic()
            error = None
            try:
                if conn is None:
                    conn = await Conn.open(port, timeout=NORMAL_TIMEOUT)
                response = await asyncio.wait_for(conn.request(data), NORMAL_TIMEOUT)
                if response.status != 200:
                    error = f"HTTP {response.status}"
                if close or not response.keep_alive:
                    conn.close()
                    conn = None
            except Exception as failure:  # noqa: BLE001
                error = classify(failure)
                if conn is not None:
                    conn.close()
                    conn = None
                await asyncio.sleep(0.01)
            samples.add(t0, time.monotonic() - t0, error)
        if conn is not None:
            conn.close()

    await asyncio.wait_for(
        asyncio.gather(*(worker() for _ in range(conns))), secs + NORMAL_TIMEOUT + 10
    )
    return samples.window(start, end)


WRK_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def wrk_seconds(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not found:
        return float("nan")
    return float(found.group(1)) * WRK_UNITS[found.group(2)]


async def wrk_load(port: int, path: str, conns: int, secs: float, close: bool) -> Summary:
    argv = [
        "wrk", f"-t{min(2, conns)}", f"-c{conns}", f"-d{max(1, round(secs))}s",
        f"--timeout={int(NORMAL_TIMEOUT)}s", "--latency", "-H", "Accept: text/csv",
    ]
    if close:
        argv += ["-H", "Connection: close"]
    argv.append(f"http://{HOST}:{port}{path}")
    proc = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), secs + 30)
    except asyncio.TimeoutError:
        proc.kill()
        raise
    text = out.decode(errors="replace")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", text, re.M))
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    requests = int(total.group(1)) if total else 0
    seconds = wrk_seconds(total.group(2) + total.group(3)) if total else secs
    errors: Counter = Counter()
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    if socket_errors:
        for kind, n in zip(("connect", "read", "write", "timeout"), socket_errors.groups()):
            if int(n):
                errors[kind] = int(n)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors["non-2xx"] = int(non2xx.group(1))
    maximum = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text)
    return Summary(
        requests=requests,
        ok=max(0, requests - errors.get("non-2xx", 0)),
        errors=errors,
        p50=wrk_seconds(latency.get("50", "")),
        p99=wrk_seconds(latency.get("99", "")),
        max=wrk_seconds(maximum.group(1)) if maximum else float("nan"),
        seconds=seconds,
    )


MEDIUM_QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 50"
MEDIUM_PATH = "/sparql?query=" + urllib.parse.quote(MEDIUM_QUERY, safe="")
LOAD_REQUESTS = (
    ("`GET /sparql?query=ASK{}`", CHEAP_PATH),
    ("`GET /queries/positions`", STORED_PATH),
    (f"`GET /sparql?query={MEDIUM_QUERY}`", MEDIUM_PATH),
)


async def scenario_load(ctx: Context, result: Result) -> None:
    server = Server(ctx, ctx.store)
    await server.start()
    secs = ctx.plan.load_secs
    cells = [(conns, False, ctx.generator) for conns in (1, 8, 64, 256)] + [(1, True, ctx.generator)]
    if ctx.generator != "python" and ctx.plan.name == "full":
        # The same pair through the script's own client, which reads every answer
        # exactly: the keep-alive/close target is judged on each generator.
        cells += [(1, False, "python"), (1, True, "python")]
    matrix = [
        "| request | clients | connection | generator | req/s | req/s per client | p50 | p99 | max | errors |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|---|",
    ]
    per_conn: dict[tuple[str, str, str], float] = {}
    p99_at_8: dict[str, float] = {}
    sizes = []
    try:
        for label, path in LOAD_REQUESTS:
            answer = await fetch(server.port, request_bytes("GET", path, server.port, close=True), 10)
            sizes.append(f"{label}: {answer.status}, {human_bytes(len(answer.body))}")
        for label, path in LOAD_REQUESTS:
            for conns, close, generator in cells:
                if not server.alive():
                    server.note_death()
                    await server.restart()
                # Let the previous cell's queued requests drain before measuring.
                await answers_within(server.port, 30.0)
                await asyncio.sleep(min(0.5, secs / 4))
                loader = wrk_load if generator == "wrk" else python_load
                summary = await loader(server.port, path, conns, secs, close)
                mode = "close" if close else "keep-alive"
                if conns == 1:
                    per_conn[(label, mode, generator)] = summary.rps
                if conns == 8 and not close:
                    p99_at_8[label] = summary.p99
                matrix.append(
                    f"| {label} | {conns} | {mode} | {generator} | {summary.rps:.0f} | {summary.rps / conns:.1f} "
                    f"| {ms(summary.p50)} | {ms(summary.p99)} | {ms(summary.max)} | {cell(summary.errors_text())} |"
                )
    finally:
        alive = server.alive()
        if not alive:
            server.note_death()
        await server.stop()
    result.tables.append("\n".join(matrix))
    for label, _ in LOAD_REQUESTS:
        for generator in dict.fromkeys(c[2] for c in cells):
            keep = per_conn.get((label, "keep-alive", generator))
            close = per_conn.get((label, "close", generator))
            if keep is None or close is None:
                continue
            ratio = close / keep if keep > 0 else float("inf")
            result.add(
                f"{label}: 1 client, keep-alive vs close ({generator})",
                f"{keep:.1f} vs {close:.1f} req/s (close/keep-alive = {ratio:.2f})",
                "keep-alive per connection within 2× of close",
                keep * 2 >= close,
            )
        if label in p99_at_8:
            result.add(
                f"{label}: p99 at 8 keep-alive clients ({ctx.generator})",
                ms(p99_at_8[label]),
                f"< {P99_TARGET_MS:.0f} ms",
                p99_at_8[label] * 1000 < P99_TARGET_MS,
            )
    result.add("server alive at the end", "yes" if alive else "no: " + "; ".join(server.deaths), "alive", alive)
    result.add("server RSS peak (sampled VmRSS; VmHWM)", f"{mb(server.peak_total)}; {mb(server.hwm_total)}")
    result.notes.append(
        f"Each row: {secs:.0f} s of the request in a loop on each client; server defaults "
        f"({server.threads} workers); req/s counts 200 answers; before each row the harness waits "
        "until the server answers again (the previous row's queued requests drained). "
        "Answer sizes (`Accept: text/csv`): " + "; ".join(sizes) + "."
    )
    if ctx.generator == "wrk":
        result.notes.append(
            "`wrk` counts a read error whenever the server ends a `Connection: close` answer with a "
            "reset rather than a clean close"
            + (
                "; the python rows (which read each answer to its announced length) show whether "
                "the answers themselves were complete."
                if any(c[2] == "python" for c in cells)
                else "."
            )
        )


# ---------------------------------------------------------------------- burst


async def scenario_burst(ctx: Context, result: Result) -> None:
    """N keep-alive clients connecting at the same instant, a few trials each."""
    secs = 1.5 if ctx.plan.name == "quick" else 5.0
    trials = 2 if ctx.plan.name == "quick" else 3
    table = [
        "| clients | trial | answers | clients starved (no answer for ≥ 1 s) | p50 | p99 | max | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    starved_total: dict[int, int] = {}
    worst_p99: dict[int, float] = {}
    for count in (8, 32):
        for trial in range(1, trials + 1):
            server = Server(ctx, ctx.store)
            await server.start()
            clients = NormalClients(server.port, count=count, stagger=0.0)
            t0 = time.monotonic()
            try:
                clients.start()
                await asyncio.sleep(secs)
                await clients.stop()
            finally:
                if not clients.stop_event.is_set():
                    await clients.stop()
                await server.stop()
            summary = clients.samples.window(t0, t0 + secs, mode="overlap")
            starved = len({item[3] for item in clients.samples.items if item[1] >= 1.0})
            starved_total[count] = starved_total.get(count, 0) + starved
            worst_p99[count] = max(worst_p99.get(count, 0.0), summary.p99)
            table.append(
                f"| {count} | {trial} | {summary.ok} | {starved} of {count} | {ms(summary.p50)} "
                f"| {ms(summary.p99)} | {ms(summary.max)} | {cell(summary.errors_text())} |"
            )
    result.tables.append("\n".join(table))
    for count in (8, 32):
        result.add(
            f"{count} clients connecting at once: clients starved, over {trials} trials",
            str(starved_total.get(count, 0)),
            "0",
            starved_total.get(count, 0) == 0,
        )
        result.add(
            f"{count} clients connecting at once: worst p99",
            ms(worst_p99.get(count)),
            f"< {P99_TARGET_MS:.0f} ms",
            worst_p99.get(count, 1.0) * 1000 < P99_TARGET_MS,
        )
    result.notes.append(
        f"Each trial: a fresh server (defaults, 4 workers), then the clients all connect at the same "
        f"instant and send `GET {CHEAP_PATH}` in a loop on their keep-alive connection for {secs:.0f} s. "
        "A starved client is one whose request waited ≥ 1 s (answered late or never). tiny_http 0.12's "
        "connection thread pool counts idle threads loosely: connections that arrive while its "
        "4 idle threads are being woken are queued behind the keep-alive connections, which never "
        "end, so they wait until one of those closes. The attacks' normal clients connect 50 ms "
        "apart to stay clear of this."
    )


# -------------------------------------------------------------------- attacks


async def run_attack(ctx: Context, result: Result, server: Server, attack, target_rss: bool = True) -> None:
    """Starts `server`, the normal clients, a baseline, then `attack(server)`;
    reports the normal clients' figures, survival and RSS."""
    await server.start()
    normal = NormalClients(server.port)
    normal.start()
    t_begin = time.monotonic()
    attack_end = t_begin
    try:
        await asyncio.sleep(ctx.plan.warm_secs)
        t_attack = time.monotonic()
        server.sampler.reset_window()
        baseline_rss = server.rss_now()
        try:
            await attack(server)
        finally:
            attack_end = time.monotonic()
            if server.sampler and server.sampler.killed_at is not None:
                attack_end = min(attack_end, server.sampler.killed_at)
            window_peak = server.sampler.window_peak if server.sampler else 0
        alive = server.alive()
        if not alive:
            server.note_death()
        ok_after, after_text = (
            await answers_within(server.port, 5.0) if alive else (False, "no (server gone)")
        )
        if alive and not server.alive():  # died (or hit the guard) while being checked
            server.note_death()
        await normal.stop()
    finally:
        if not normal.stop_event.is_set():
            await normal.stop()
        await server.stop()
    base = normal.samples.window(t_begin + NORMAL_CLIENTS * normal.stagger, t_attack, mode="overlap")
    killed_at = server.sampler.killed_at if server.sampler else None
    during = normal.samples.window(t_attack, attack_end, mode="overlap", cut=killed_at)
    result.add(
        "normal clients before the attack: p50 / p99; errors",
        f"{ms(base.p50)} / {ms(base.p99)} ({base.requests} requests); {base.errors_text()}",
    )
    result.add(
        f"normal clients during the attack ({during.seconds:.0f} s): p50 / p99 / max",
        f"{ms(during.p50)} / {ms(during.p99)} / {ms(during.max)} ({during.requests} requests)",
        f"p99 < {P99_TARGET_MS:.0f} ms",
        during.requests > 0 and during.p99 * 1000 < P99_TARGET_MS,
    )
    result.add(
        "normal clients' errors during the attack",
        during.errors_text(),
        "0",
        during.error_count == 0,
    )
    if killed_at is not None:
        stuck = [
            item for item in normal.samples.items
            if item[2] and item[0] < killed_at <= item[0] + item[1] and killed_at - item[0] >= 0.1
        ]
        result.add(
            "normal requests waiting ≥ 100 ms when the memory guard killed the server",
            f"{len(stuck)}" + (f", waiting for up to {ms(max(killed_at - i[0] for i in stuck))}" if stuck else ""),
            "0",
            not stuck,
        )
    survived = not server.deaths
    result.add(
        "server never exited",
        "yes" if survived else f"no: died {len(server.deaths)}×, " + "; ".join(server.deaths[:3]),
        "never exits",
        survived,
    )
    result.add("answers a fresh connection afterwards", after_text, "yes", ok_after)
    if target_rss:
        peak = max(window_peak, server.sampler.killed_rss if server.sampler else 0)
        result.add(
            "server RSS: before → peak during (sampled VmRSS); VmHWM",
            f"{mb(baseline_rss)} → {mb(peak)}; {mb(server.hwm_total)}",
            f"< {ctx.max_memory_mib} MB (`--max-memory` to come)",
            peak < ctx.max_memory_mib * 1024,
        )


def nested_parens(depth: int) -> str:
    return "SELECT * { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"


def nested_queries() -> list[tuple[str, str, bool]]:
    """(name, query, also by GET): the last one is too long for a sensible URL."""
    braces = "SELECT * " + "{" * 1000 + "}" * 1000
    return [
        ("900 parentheses", nested_parens(900), True),
        ("1,000 braces", braces, True),
        ("100,000 parentheses", nested_parens(100_000), False),
    ]


async def scenario_nested(ctx: Context, result: Result) -> None:
    server = Server(ctx, ctx.store)
    table = [
        "| query | sent as | status | time | answer (first words) | server after |",
        "|---|---|---:|---:|---|---|",
    ]

    async def attack(server: Server) -> None:
        for name, query, by_get in nested_queries():
            encoded = urllib.parse.quote(query, safe="")
            variants = [
                ("GET /sparql", request_bytes("GET", f"/sparql?query={encoded}", server.port, close=True)),
                ("POST /sparql", request_bytes("POST", "/sparql", server.port, body=query.encode(),
                                               content_type="application/sparql-query", close=True)),
                ("GET /web/query", request_bytes("GET", f"/web/query?query={encoded}", server.port,
                                                 accept="text/html", close=True)),
            ]
            if not by_get:
                variants = variants[1:2]
            for how, data in variants:
                t0 = time.monotonic()
                try:
                    response = await fetch(server.port, data, 15.0)
                    status, words = str(response.status), first_words(response.body)
                except Exception as error:  # noqa: BLE001
                    status, words = classify(error), ""
                took = time.monotonic() - t0
                await asyncio.sleep(0.3)
                if server.alive():
                    after = "alive"
                else:
                    server.note_death()
                    after = f"**{server.deaths[-1][:80]}** (restarted)"
                    await server.restart()
                table.append(f"| {name} ({len(query):,} B) | {how} | {status} | {ms(took)} | {cell(words)} | {cell(after)} |")

    await run_attack(ctx, result, server, attack)
    result.tables.append("\n".join(table))
    cli = await asyncio.to_thread(
        run_cmd, [str(ctx.binary), "query", "-", "--store", str(ctx.store), "--format", "csv"], 60,
        input=nested_parens(5000),
    )
    said = next((line for line in cli.stderr.splitlines() if line.strip()), "")
    result.add(
        "CLI: `officegraph query -` with 5,000 nested parentheses",
        (f"exit {cli.returncode}" if cli.returncode >= 0 else f"killed by signal {-cli.returncode}")
        + (f": `{said[:110]}`" if said else ""),
        "exit 2 with a message",
        cli.returncode == 2,
    )
    result.notes.append(
        "A server that dies is restarted on the same port so that each variant is tried; "
        "the normal clients' errors include the time it was down."
    )


def first_words(body: bytes, limit: int = 70) -> str:
    text = body.decode("utf-8", errors="replace")
    if "<" in text[:200]:
        error = re.search(r'<p class="error"[^>]*>(.*?)</p>', text, re.S)
        text = re.sub(r"<[^>]*>", " ", error.group(1) if error else text)
        text = text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


async def scenario_slow_body(ctx: Context, result: Result) -> None:
    server = Server(ctx, ctx.store)
    hold = ctx.plan.slow_hold

    async def attack(server: Server) -> None:
        count = server.threads + 4
        head = (
            f"POST /sparql HTTP/1.1\r\nHost: {HOST}:{server.port}\r\nAccept: text/csv\r\n"
            "Content-Type: application/sparql-query\r\nContent-Length: 5000\r\n\r\n"
        ).encode()
        conns: list[Conn] = []
        for _ in range(count):
            try:
                conn = await Conn.open(server.port, timeout=5)
                conn.writer.write(head)
                await asyncio.wait_for(conn.writer.drain(), 5)
                conns.append(conn)
            except Exception:  # noqa: BLE001
                pass
        t0 = time.monotonic()

        async def watch(conn: Conn) -> tuple[float, str] | None:
            try:
                data = await asyncio.wait_for(conn.reader.read(256), hold)
            except asyncio.TimeoutError:
                return None
            except Exception as error:  # noqa: BLE001
                return time.monotonic() - t0, classify(error)
            line = data.split(b"\r\n", 1)[0].decode("latin-1") if data else "closed"
            return time.monotonic() - t0, line

        outcomes = await asyncio.gather(*(watch(conn) for conn in conns))
        for conn in conns:
            conn.close()
        ended = [o for o in outcomes if o is not None]
        result.add("slow POSTs opened (workers + 4)", f"{len(conns)} of {count} ({server.threads} workers)")
        if ended:
            kinds = Counter(o[1] for o in ended)
            result.add(
                f"slow POSTs ended by the server within {hold:.0f} s",
                f"{len(ended)}: after {ms(min(o[0] for o in ended))}–{ms(max(o[0] for o in ended))}; "
                + ", ".join(f"{k} ×{n}" for k, n in kinds.most_common(3)),
                "all, by a read timeout",
                len(ended) == len(conns),
            )
        else:
            result.add(
                f"slow POSTs ended by the server within {hold:.0f} s",
                "none: all still open when the harness let go",
                "all, by a read timeout",
                False,
            )

    await run_attack(ctx, result, server, attack)
    result.notes.append(
        f"Each slow POST sends its headers with `Content-Length: 5000` and then nothing; "
        f"the harness holds them {hold:.0f} s and closes them."
    )


async def stream_junk(port: int, prefix: bytes, unit: bytes, secs: float, limit: int) -> tuple[int, float, str, str]:
    conn = await Conn.open(port, timeout=5)
    writer = conn.writer
    sent = 0
    t0 = time.monotonic()
    outcome = f"harness stopped after {secs:.0f} s"
    try:
        writer.write(prefix)
        while True:
            if sent >= limit:
                outcome = f"harness stopped at {human_bytes(limit)}"
                break
            if time.monotonic() - t0 >= secs:
                break
            writer.write(unit)
            await asyncio.wait_for(writer.drain(), 5)
            sent += len(unit)
    except asyncio.TimeoutError:
        outcome = "server stopped reading (no progress for 5 s)"
    except Exception as error:  # noqa: BLE001
        outcome = f"server closed the connection ({classify(error)})"
    took = time.monotonic() - t0
    reply = ""
    try:
        data = await asyncio.wait_for(conn.reader.read(256), 2)
        reply = data.split(b"\r\n", 1)[0].decode("latin-1") if data else "closed, no answer"
    except Exception as error:  # noqa: BLE001
        reply = f"none ({classify(error)})"
    conn.close()
    return sent, took, outcome, reply


async def scenario_huge_line(ctx: Context, result: Result) -> None:
    server = Server(ctx, ctx.store)
    plan = ctx.plan

    async def attack(server: Server) -> None:
        line_unit = b"a" * (256 << 10)
        header_unit = (b"X-Pad: " + b"a" * 8183 + b"\r\n") * 32
        phases = [
            ("never-ending request line (`GET /aaaa…`)", b"GET /", line_unit),
            (
                "never-ending headers (8 KB `X-Pad` lines)",
                f"GET {CHEAP_PATH} HTTP/1.1\r\nHost: {HOST}:{server.port}\r\n".encode(),
                header_unit,
            ),
        ]
        for name, prefix, unit in phases:
            if not server.alive():
                server.note_death()
                await server.restart()
            server.sampler.reset_window()
            sent, took, outcome, reply = await stream_junk(server.port, prefix, unit, plan.line_secs, plan.line_bytes)
            peak = server.sampler.window_peak
            await asyncio.sleep(1.0)
            result.add(
                f"{name}: bytes accepted",
                f"{human_bytes(sent)} in {took:.1f} s; {outcome}; answer: {reply}",
                "refused early (414/431) at a small limit",
                sent < (1 << 20),
            )
            result.add(
                f"{name}: server RSS peak / 1 s after",
                f"{mb(peak)} / {mb(server.rss_now()) if server.alive() else 'gone'}",
                f"< {ctx.max_memory_mib} MB",
                peak < ctx.max_memory_mib * 1024,
            )

    await run_attack(ctx, result, server, attack)
    result.notes.append(
        f"Each phase streams for {plan.line_secs:.0f} s or up to {human_bytes(plan.line_bytes)}, "
        "whichever comes first, on one connection."
    )


async def scenario_fd(ctx: Context, result: Result) -> None:
    server = Server(ctx, ctx.store, nofile=256)
    plan = ctx.plan

    async def attack(server: Server) -> None:
        failures: Counter = Counter()

        async def connect() -> Conn | None:
            try:
                return await Conn.open(server.port, timeout=2)
            except Exception as error:  # noqa: BLE001
                failures[classify(error)] += 1
                return None

        opened = [c for c in await asyncio.gather(*(connect() for _ in range(300))) if c]
        others = ", ".join(f"{k} ×{n}" for k, n in failures.most_common(3))
        result.add(
            "idle connections held (server under `ulimit -n 256`)",
            f"{len(opened)} of 300" + (f" (the others: {others})" if others else ""),
        )
        probes: list[bool] = []
        t0 = time.monotonic()
        while time.monotonic() - t0 < plan.fd_hold:
            ok, _ = await answers(server.port, timeout=1.0)
            probes.append(ok)
            await asyncio.sleep(0.5)
        result.add(
            "fresh connections answered while held",
            f"{sum(probes)} of {len(probes)} probes",
            "— (refusing is fine while full)",
        )
        for conn in opened:
            conn.close()
        t_release = time.monotonic()
        ok, text = await answers_within(server.port, plan.fd_recover)
        result.add(
            f"answers again within {plan.fd_recover:.0f} s of the release",
            text if ok else f"{text} (waited {ms(time.monotonic() - t_release)})",
            "yes",
            ok,
        )
        result.add("server fds (peak, sampled) / threads (peak)", f"{server.sampler.fds_peak} / {server.sampler.threads_peak}")

    await run_attack(ctx, result, server, attack)
    result.notes.append(
        f"The server runs with RLIMIT_NOFILE 256 (set with prlimit at start); 300 idle "
        f"connections are opened at once and held {plan.fd_hold:.0f} s, probed by fresh requests "
        "every ~0.5 s, then closed."
    )


async def scenario_runaway(ctx: Context, result: Result) -> None:
    server = Server(ctx, ctx.store, extra=("--timeout", "5"))
    plan = ctx.plan

    async def attack(server: Server) -> None:
        path = "/sparql?query=" + urllib.parse.quote(RUNAWAY_QUERY, safe="")
        data = request_bytes("GET", path, server.port)
        end = time.monotonic() + plan.runaway_secs
        give_up = end + plan.runaway_grace
        outcomes: list[tuple[str, float]] = []

        async def client() -> None:
            conn: Conn | None = None
            while time.monotonic() < end and server.alive():
                t0 = time.monotonic()
                try:
                    if conn is None:
                        conn = await Conn.open(server.port, timeout=10)
                    wait = max(1.0, min(40.0, give_up - time.monotonic()))
                    response = await asyncio.wait_for(conn.request(data), wait)
                    outcomes.append((f"HTTP {response.status}", time.monotonic() - t0))
                    if not response.keep_alive:
                        conn.close()
                        conn = None
                except Exception as error:  # noqa: BLE001
                    outcomes.append((classify(error), time.monotonic() - t0))
                    if conn is not None:
                        conn.close()
                        conn = None
                    await asyncio.sleep(0.1)
            if conn is not None:
                conn.close()

        await asyncio.gather(*(client() for _ in range(12)))
        peak = server.sampler.window_peak
        kinds = Counter(kind for kind, _ in outcomes)
        times = sorted(t for _, t in outcomes)
        result.add(
            "runaway answers (12 clients)",
            f"{len(outcomes)}: " + ", ".join(f"{k} ×{n}" for k, n in kinds.most_common(4))
            + (f"; time p50 {ms(percentile(times, 50))}, max {ms(times[-1])}" if times else ""),
            "503 at the 5 s timeout",
        )
        result.add(
            "server RSS peak while they ran",
            mb(max(peak, server.sampler.killed_rss)),
            f"< {ctx.max_memory_mib} MB",
            max(peak, server.sampler.killed_rss) < ctx.max_memory_mib * 1024,
        )
        if server.alive():
            cpu0 = cpu_seconds(server.proc.pid) or 0.0
            t0 = time.monotonic()
            await asyncio.sleep(plan.runaway_after)
            cpu1 = cpu_seconds(server.proc.pid)
            if cpu1 is not None:
                busy = (cpu1 - cpu0) / (time.monotonic() - t0)
                result.add(
                    f"server CPU in the {plan.runaway_after:.0f} s after the clients stopped",
                    f"{busy:.2f} cores; RSS then {mb(server.rss_now())}",
                    "≈ 0 (evaluations cancelled, memory freed)",
                    busy < 0.1,
                )

    await run_attack(ctx, result, server, attack, target_rss=False)
    result.notes.append(
        f"`{RUNAWAY_QUERY}` by `GET /sparql`, 12 clients in a loop for {plan.runaway_secs:.0f} s "
        f"on a server started with `--timeout 5`; a request still unanswered {plan.runaway_grace:.0f} s "
        "after the loop ends is abandoned (counted as a timeout). The normal clients' window is the whole time "
        "the runaway clients ran (until the guard killed the server, if it did)."
    )


# --------------------------------------------------------------- big position page

FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do",
          "Ho", "Ngo", "Duong", "Ly", "Mai", "Trinh", "Dinh", "Lam", "Ha", "Cao"]
MIDDLE = ["Van", "Thi", "Duc", "Minh", "Quang", "Thanh", "Huu", "Ngoc", "Xuan", "Kim",
          "Hong", "Anh", "Gia", "Bao", "Cong", "Dinh", "Hai", "Khac", "Manh", "Phu"]
GIVEN = ["An", "Binh", "Chau", "Dung", "Giang", "Hanh", "Khanh", "Linh", "Long", "Nam",
         "Phong", "Quan", "Son", "Tam", "Thu", "Trung", "Tuan", "Viet", "Yen", "Hieu"]


def big_record(tenures: int) -> str:
    """A record of one position held `tenures` times (the text format of docs/design.md)."""
    title = "Keeper of the Attack Ledger"
    names = []
    for i in range(tenures):
        family = FAMILY[i % 20]
        middle = MIDDLE[(i // 20) % 20]
        given = GIVEN[(i // 400) % 20]
        suffix = "" if i < 8000 else f" {chr(65 + (i // 8000) % 26)}"
        names.append(f"{family} {middle} {given}{suffix}")
    start = dt.date(1500, 1, 1)
    dates = [start + dt.timedelta(days=30 * i) for i in range(tenures + 1)]

    def day(d: dt.date) -> str:
        return f"{d.day} {d.strftime('%B')} {d.year}"

    lines = [
        f"= {title} =",
        "",
        "Infobox",
        f"- Post: {title}",
        "- Body: the Attack Council",
        f"- Inaugural: {names[0]}",
        "",
        f"The {title} is a synthetic position held {tenures} times, written by scripts/attack.py "
        "to measure the size of a position page.",
        "",
        "==List==",
        "| No. | Name | Took office | Left office |",
    ]
    for i, name in enumerate(names):
        lines.append(f"| {i + 1} | {name} | {day(dates[i])} | {day(dates[i + 1])} |")
    return "\n".join(lines) + "\n"


def parse_csv(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8", errors="replace"))))


async def scenario_big_page(ctx: Context, result: Result) -> None:
    table = [
        "| tenures | ingest | page status | page time | page size | RSS before → peak → 2 s after | server after |",
        "|---:|---:|---:|---:|---:|---|---|",
    ]
    for tenures in ctx.plan.page_sizes:
        folder = ctx.tmp / f"big-{tenures}"
        folder.mkdir(exist_ok=True)
        (folder / "big.txt").write_text(big_record(tenures), encoding="utf-8")
        store = ctx.tmp / f"big-store-{tenures}"
        t0 = time.monotonic()
        ingest = await asyncio.to_thread(
            run_cmd, [str(ctx.binary), "ingest", str(folder / "big.txt"), "--store", str(store)], 600
        )
        ingest_took = time.monotonic() - t0
        if ingest.returncode not in (0, 1):
            raise RuntimeError(f"ingest of the {tenures}-tenure record failed: {ingest.stderr[-400:]}")
        server = Server(ctx, store)
        page: dict[str, str] = {}
        sub = Result(result.key, "", "")

        async def attack(server: Server, tenures: int = tenures, page: dict = page, sub: Result = sub) -> None:
            query = (
                f"PREFIX og: <{OG}> SELECT ?p (COUNT(?t) AS ?n) "
                "WHERE { ?p a og:Position . ?t og:position ?p } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1"
            )
            found = await fetch(
                server.port,
                request_bytes("GET", "/sparql?query=" + urllib.parse.quote(query, safe=""), server.port, close=True),
                60,
            )
            rows = parse_csv(found.body) if found.status == 200 else []
            if not rows or not rows[0].get("p", "").startswith(BASE):
                raise RuntimeError(f"cannot find the big position: {found.status} {first_words(found.body)}")
            iri, count = rows[0]["p"], rows[0].get("n", "?")
            page["iri"], page["count"] = iri, count
            path = "/id/" + iri[len(BASE):]
            before = server.rss_now()
            server.sampler.reset_window()
            t0 = time.monotonic()
            try:
                response = await fetch(
                    server.port, request_bytes("GET", path, server.port, accept="text/html", close=True),
                    ctx.plan.page_timeout,
                )
                page["status"], page["size"] = str(response.status), human_bytes(len(response.body))
            except Exception as error:  # noqa: BLE001
                page["status"], page["size"] = classify(error), "–"
            took = time.monotonic() - t0
            page["time"] = ms(took)
            peak = max(server.sampler.window_peak, server.sampler.killed_rss)
            await asyncio.sleep(2.0)
            page["rss"] = f"{mb(before)} → {mb(peak)} → {mb(server.rss_now()) if server.alive() else 'gone'}"
            ok_time = page["status"] == "200" and took < 1.0
            sub.add(f"{tenures} tenures ({count} in the store): page time", page["time"], "< 1 s", ok_time)
            sub.add(f"{tenures} tenures: page RSS peak", f"{mb(peak)} ({mb(peak - before)} over the {mb(before)} before)",
                    "< 100 MB over the store's baseline",
                    peak - before < 100 * 1024)

        try:
            await run_attack(ctx, sub, server, attack, target_rss=False)
        finally:
            for row in sub.rows:
                if not row.measure.startswith(f"{tenures} tenures"):
                    row.measure = f"{tenures:,} tenures — {row.measure}"
            result.rows.extend(sub.rows)
        after = "alive" if not server.deaths else "; ".join(server.deaths)
        table.append(
            f"| {tenures:,} | {ingest_took:.1f} s | {page.get('status', '–')} | {page.get('time', '–')} "
            f"| {page.get('size', '–')} | {page.get('rss', '–')} | {cell(after)} |"
        )
    result.tables.append("\n".join(table))
    result.notes.append(
        "The record is generated by the script: one position, one table row per tenure "
        "(distinct holders, consecutive 30-day terms from 1500). The page is `GET /id/position/…` "
        "with `Accept: text/html`; its IRI is found with a SPARQL query (the position with the most "
        f"tenures). Page request timeout {ctx.plan.page_timeout:.0f} s."
    )


# ----------------------------------------------------------------------- main

SCENARIOS = [
    ("load", "Load: keep-alive and close", "requests/s and latency at 1, 8, 64, 256 clients", scenario_load),
    ("burst", "Connection burst: keep-alive clients connecting at once", "8 and 32 keep-alive clients connecting in the same instant, a few trials each", scenario_burst),
    ("nested", "Attack (a): nested queries", "900 nested parentheses and 1,000 nested braces by GET, POST and /web/query", scenario_nested),
    ("slow-body", "Attack (b): slow bodies", "workers + 4 POSTs announcing 5,000 bytes and sending none", scenario_slow_body),
    ("huge-line", "Attack (c): never-ending request line and headers", "one connection streaming a request line, then headers, without end", scenario_huge_line),
    ("fd", "Attack (d): file descriptor exhaustion", "300 idle connections to a server under `ulimit -n 256`", scenario_fd),
    ("runaway", "Attack (e): runaway queries", "12 clients sending a 9-variable cross product with ORDER BY, `--timeout 5`", scenario_runaway),
    ("big-page", "Attack (f): a big position page", "the page of one position held thousands of times", scenario_big_page),
]


def scenario_cap(key: str, plan: Plan) -> float:
    """The most a scenario may take before the harness gives up on it."""
    base = 60.0 + plan.warm_secs + NORMAL_TIMEOUT
    return base + {
        "load": 21 * (plan.load_secs + 8),
        "nested": 6 * 25,
        "burst": 6 * (15 + NORMAL_TIMEOUT),
        "slow-body": plan.slow_hold + 20,
        "huge-line": 2 * (plan.line_secs + 15),
        "fd": plan.fd_hold + plan.fd_recover + 20,
        "runaway": plan.runaway_secs + plan.runaway_grace + 15 + plan.runaway_after,
        "big-page": len(plan.page_sizes) * (plan.page_timeout + 120),
    }[key]


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        mem_gb = int(mem.split()[1]) / (1 << 20)
    except (OSError, StopIteration, ValueError):
        mem_gb = float("nan")
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    return (
        f"{os.cpu_count()} cores ({model}), {mem_gb:.0f} GB RAM, Linux {platform.release()}, "
        f"Python {platform.python_version()}; load average {load} at the start"
    )


def commit_text() -> str:
    def git(*args: str) -> str:
        return run_cmd(["git", "-C", str(REPO), *args], 10).stdout.strip()

    try:
        head = git("log", "-1", "--format=%h %s")
        code = git("log", "-1", "--format=%h %s", "--", "lib", "src", "Cargo.toml", "Cargo.lock")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return "?"

    def short(text: str) -> str:
        return text if len(text) <= 90 else text[:89] + "…"

    text = f"`{short(head)}`"
    if code and code != head:
        text += f"; the server's code (lib/, src/) is that of `{short(code)}`"
    return text + (" (with uncommitted changes)" if dirty else "")


def ensure_wrk(choice: str, install: bool) -> tuple[str, str]:
    if choice == "python":
        return "python", "asked for"
    if shutil.which("wrk"):
        return "wrk", "installed"
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for argv in (["apt-get", "install", "-y", "-q", "wrk"], ["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "wrk"]):
            try:
                run_cmd(argv, 300, env=env)
            except (OSError, subprocess.SubprocessError):
                pass
            if shutil.which("wrk"):
                return "wrk", "installed by the script with apt-get"
    if choice == "wrk":
        raise SystemExit("attack.py: wrk is not installed and could not be installed")
    return "python", "wrk not available"


def render(ctx: Context, results: list[Result], header: dict[str, str]) -> str:
    out = ["# officegraph serve under attack: reliability figures", ""]
    for name, value in header.items():
        out.append(f"- **{name}**: {value}")
    out.append("")
    out.append("## Summary")
    out.append("")
    out.append("| scenario | targets met | server survived | took |")
    out.append("|---|---:|---|---:|")
    for result in results:
        judged = [row for row in result.rows if row.met is not None]
        met = sum(1 for row in judged if row.met)
        survived_rows = [
            row for row in result.rows
            if row.measure.endswith("server never exited") or row.measure == "server alive at the end"
        ]
        survived = "harness failed" if result.failed else (
            "–" if not survived_rows else "yes" if all(r.met for r in survived_rows) else "**no**"
        )
        if survived == "**no**" and any("memory guard" in r.figure for r in survived_rows):
            survived += " (memory guard)"
        out.append(f"| [{result.title}](#{result.key}) | {met} of {len(judged)} | {survived} | {result.seconds:.0f} s |")
    out.append("")
    for result in results:
        out.append(f'<a id="{result.key}"></a>')
        out.append(f"## {result.title}")
        out.append("")
        out.append(result.what[0].upper() + result.what[1:] + ".")
        out.append("")
        if result.failed:
            out.append(f"**The harness failed in this scenario:** {cell(result.failed)}")
            out.append("")
        for table in result.tables:
            out.append(table)
            out.append("")
        if result.rows:
            out.append("| measure | figure | target | met |")
            out.append("|---|---|---|---|")
            for row in result.rows:
                met = "–" if row.met is None else ("met" if row.met else "**not met**")
                out.append(f"| {cell(row.measure)} | {cell(row.figure)} | {cell(row.target or '–')} | {met} |")
            out.append("")
        for note in result.notes:
            out.append(note)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


async def run_all(ctx: Context, chosen: list[str]) -> list[Result]:
    results = []
    for key, title, what, function in SCENARIOS:
        if key not in chosen:
            continue
        result = Result(key, title, what)
        print(f"attack.py: {key} …", file=sys.stderr, flush=True)
        t0 = time.monotonic()
        try:
            await asyncio.wait_for(function(ctx, result), scenario_cap(key, ctx.plan))
        except asyncio.TimeoutError:
            result.failed = f"the scenario did not finish within its cap of {scenario_cap(key, ctx.plan):.0f} s"
        except Exception as error:  # noqa: BLE001 - reported, then the next scenario
            result.failed = f"{type(error).__name__}: {error}"
            traceback.print_exc(file=sys.stderr)
        finally:
            for proc in list(ctx.live):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=5)
                except (OSError, subprocess.TimeoutExpired):
                    pass
                ctx.live.discard(proc)
        result.seconds = time.monotonic() - t0
        print(f"attack.py: {key} done in {result.seconds:.0f} s", file=sys.stderr, flush=True)
        results.append(result)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Soak and attack suite for `officegraph serve` (issue 14): load at 1/8/64/256 "
        "clients, nested queries, slow bodies, huge request lines, fd exhaustion, runaway "
        "queries, big position pages. Prints a Markdown report; exits 0 even when targets "
        "are missed (it measures), non-zero only when the script itself failed.",
    )
    parser.add_argument("--binary", default=str(REPO / "target/release/officegraph"),
                        help="the officegraph binary (default: target/release/officegraph)")
    parser.add_argument("--quick", action="store_true", help="short durations: a smoke run of about a minute")
    parser.add_argument("--out", metavar="FILE", help="also write the report to FILE")
    parser.add_argument("--only", metavar="LIST",
                        help="comma-separated scenarios to run: " + ",".join(s[0] for s in SCENARIOS))
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator for the load scenario (auto: wrk when available)")
    parser.add_argument("--no-install", action="store_true", help="never try to apt-get install wrk")
    parser.add_argument("--max-memory-mb", type=int, default=1024,
                        help="the RSS target a server should stay under (default 1024)")
    parser.add_argument("--guard-mb", type=int, default=0,
                        help="kill the server past this RSS, to protect the machine "
                        "(default: 3072 or a quarter of MemAvailable, whichever is less)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (stores, server logs)")
    args = parser.parse_args()

    binary = Path(args.binary).resolve()
    if not binary.is_file() or not os.access(binary, os.X_OK):
        print(f"attack.py: no binary at {binary} (build it: cargo build --release)", file=sys.stderr)
        return 2
    chosen = [s[0] for s in SCENARIOS]
    if args.only:
        chosen = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in chosen if name not in {s[0] for s in SCENARIOS}]
        if unknown:
            print(f"attack.py: unknown scenario(s) {', '.join(unknown)}", file=sys.stderr)
            return 2
    plan = QUICK if args.quick else FULL

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))

    guard_mb = args.guard_mb
    if guard_mb <= 0:
        try:
            avail = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemAvailable"))
            guard_mb = min(3072, int(avail.split()[1]) // 1024 // 4)
        except (OSError, StopIteration, ValueError):
            guard_mb = 2048
    generator, generator_why = ensure_wrk(args.generator, not args.no_install)

    tmp = Path(tempfile.mkdtemp(prefix="officegraph-attack-"))
    ctx = Context(binary, plan, tmp, tmp / "store", guard_mb * 1024, args.max_memory_mb, generator)
    live = ctx.live

    def on_alarm(signum, frame):  # last resort: the script must never hang
        for proc in list(live):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        print("attack.py: global time limit reached; aborting", file=sys.stderr)
        os._exit(3)

    total_cap = sum(scenario_cap(key, plan) for key in chosen) + 120
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(int(total_cap))

    started = dt.datetime.now(dt.timezone.utc)
    command = os.environ.get("ATTACK_SH_COMMAND") or " ".join(
        shlex.quote(a) for a in ["python3", os.path.relpath(__file__)] + sys.argv[1:]
    )
    try:
        ingest = run_cmd([str(binary), "ingest", str(REPO / "data/records"), "--store", str(ctx.store)], 300)
        if ingest.returncode not in (0, 1):
            print(f"attack.py: ingest failed ({ingest.returncode}): {ingest.stderr[-800:]}", file=sys.stderr)
            return 2
        version = run_cmd([str(binary), "--version"], 10).stdout.strip() or "?"
        t0 = time.monotonic()
        results = asyncio.run(run_all(ctx, chosen))
        took = time.monotonic() - t0
    finally:
        signal.alarm(0)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    header = {
        "Command": f"`{command}`",
        "Date": started.strftime("%Y-%m-%d %H:%M UTC") + f" (run took {took:.0f} s)",
        "Commit": commit_text(),
        "Binary": f"`{os.path.relpath(binary, REPO) if str(binary).startswith(str(REPO)) else binary}` ({version}), built "
        + dt.datetime.fromtimestamp(binary.stat().st_mtime, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "Machine": machine() + " — shared with other builds, so figures move by tens of percent between runs",
        "Run": f"{plan.name} (`--quick` for a ~1 min smoke run); load generator `{generator}` ({generator_why})",
        "Normal clients": f"{NORMAL_CLIENTS} keep-alive clients sending `GET {CHEAP_PATH}` "
        f"(`Accept: text/csv`) in a loop during every attack, connecting 50 ms apart, {NORMAL_TIMEOUT:.0f} s "
        "timeout per request; a request cut off by the memory guard's kill counts with the time it had "
        "waited, not as an error",
        "Memory guard": f"the harness SIGKILLs a server past {guard_mb} MB RSS (sampled every 50 ms) "
        "so that the shared machine survives; a guard kill is reported as such",
    }
    report = render(ctx, results, header)
    sys.stdout.write(report)
    sys.stdout.flush()
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
