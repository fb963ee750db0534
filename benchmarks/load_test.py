"""Load test of `duizhao serve` on 127.0.0.1 (bounded in count and time).

    python benchmarks/load_test.py [--requests 200] [--clients 8]

Starts the server as a child process on a free loopback port, sends --requests uploads of the
corpus drafts from --clients concurrent clients to POST /api/check, and checks that every
response is the report `analyze()` gives for that draft (verdict, score and findings), that
concurrent identical uploads give identical reports, that no temporary folder is left behind, and
that the server's memory stays bounded: its peak over the second half of the requests at most
MEMORY_GROWTH times the peak over the first half (exit status 1 otherwise). Prints p50/p95
latency and the server's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 600  # seconds: the whole test stops by itself
MEMORY_GROWTH = 1.25


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    drafts = sorted((ROOT / "corpus" / "samples").glob("*.docx")) + sorted((ROOT / "corpus" / "samples").glob("*.txt"))
    tmp_root = Path(tempfile.mkdtemp(prefix="duizhao-load-"))
    env = dict(os.environ, TMPDIR=str(tmp_root))
    port = free_port()
    log = open(tmp_root / "server.log", "wb")  # a pipe nobody reads would block the server
    server = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--port", str(port)],
                              env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/api/check"
    start = time.time()
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
                break
            except OSError:
                if time.time() - start > 60:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        memory = [rss_mb(server.pid)]
        trace: list[tuple[int, float]] = []

        def one(i: int):
            if time.time() - start > DEADLINE:
                raise SystemExit("load test exceeded its deadline")
            path = drafts[i % len(drafts)]
            body, ctype = multipart(path.name, path.read_bytes())
            request = urllib.request.Request(url, data=body, headers={"Content-Type": ctype})
            t0 = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:
                data = json.loads(response.read())
                status = response.status
            if i % 20 == 0:
                memory.append(rss_mb(server.pid))
                trace.append((i, memory[-1]))
            return path.name, status, data, time.perf_counter() - t0

        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(one, range(args.requests)))
        if time.time() - start > DEADLINE:
            raise SystemExit("load test exceeded its deadline")
        memory.append(rss_mb(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(r[3] for r in results)
    sys.path.insert(0, str(ROOT))
    from analyzer import analyze
    from analyzer.similarity import known_templates

    templates = known_templates([])
    expected = {}
    for path in drafts:   # what the page must say about each draft: the same analyze()
        report = analyze(path, options={"project_config": False, "templates": templates})
        expected[path.name] = (report.verdict, report.score,
                               [(f.rule, f.paragraph, f.start, f.end) for f in report.findings])
    by_file: dict[str, set[str]] = {}
    for name, status, data, _ in results:
        got = (data["verdict"], data["score"], [(f["rule"], f["paragraph"], f["start"], f["end"])
                                                 for f in data["findings"]])
        if status != 200 or got != expected[name]:
            raise SystemExit(f"wrong report for {name}: status {status}")
        by_file.setdefault(name, set()).add(json.dumps(data, sort_keys=True, ensure_ascii=False))
    identical = all(len(v) == 1 for v in by_file.values())
    log.close()
    leftovers = [p for p in tmp_root.rglob("*") if p.name.startswith("duizhao-web-")]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"{args.requests} uploads from {args.clients} clients: all correct; identical uploads identical: "
          f"{identical}; temporary folders left: {len(leftovers)}")
    print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
          f"server memory {memory[0]:.0f} MB at start, {memory[1]:.0f} MB after the first requests, "
          f"peak {max(memory):.0f} MB, {memory[-1]:.0f} MB at the end")
    quarter = max(1, len(trace) // 4)
    print("server memory by request: " + ", ".join(f"{i}: {m:.0f} MB" for i, m in trace[::quarter]))
    if len(trace) < 4:  # memory is sampled every 20 requests: fewer samples cannot show growth
        raise SystemExit(f"--requests {args.requests} gives {len(trace)} memory samples; give at least 80")
    half = len(trace) // 2
    first, second = max(m for _, m in trace[:half]), max(m for _, m in trace[half:])
    bounded = second <= MEMORY_GROWTH * first
    print(f"server memory peak {first:.0f} MB over the first half of the requests, {second:.0f} MB over "
          f"the second (bounded if at most {MEMORY_GROWTH}x): {'bounded' if bounded else 'GROWING'}")
    if not identical or leftovers or not bounded:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
