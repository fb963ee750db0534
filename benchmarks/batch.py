"""Batch benchmark: generate drafts from the project's corpus, run `duizhao batch` end to end.

    python benchmarks/batch.py [--drafts 100 1000] [--workers 2]

For each size: wall time of the whole command (reading, analysis, copy detection, spreadsheet),
drafts per second, the peak memory of the largest single process (main or worker: the kernel's
figure for waited-for children), the share of copy detection (timed separately on the same
texts), and bare `jieba.lcut` over the same texts with the same number of processes for
comparison. Targets (issue 5), checked for 1,000 drafts or more (exit status 1 when missed):
< 60 s on 2 cores, peak < 1 GB, copy detection < 10 %; linear growth is for the reader to judge.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def labelled(kind: str) -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus" / "labelled").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(kind + "\t"):
                out.append(line.split("\t", 1)[1])
    return out


def make_drafts(n: int, seed: int = 0) -> list[str]:
    """Drafts of about 4,000 characters: a corpus sample's frame (title, part and item
    headings) whose body paragraphs are replaced by labelled paragraphs of the matching kind
    (problem, cause, measure), with numbers changed — drafts that differ the way a township's
    submissions do while keeping the shared headings every draft must have."""
    rng = random.Random(seed)
    frames = [p.read_text(encoding="utf-8").splitlines() for p in sorted((ROOT / "corpus" / "samples").glob("*.txt"))]
    pools = {kind: labelled(kind) for kind in ("problem", "cause", "measure")}
    drafts = []
    for _ in range(n):
        lines = [line for line in rng.choice(frames) if line.strip()]
        out, kind = [], "problem"
        for line in lines:
            if re.match(r"^[一二三四五六七八九十]+、", line):
                kind = "cause" if "原因" in line else "measure" if ("措施" in line or "方向" in line) else "problem"
            elif len(line) > 40:
                head = re.match(r"^(（[一二三四五六七八九十]+）[^。]{0,30}?。|[一二三四五六七八九十]是)", line)
                line = (head.group(1) if head else "") + "".join(rng.sample(pools[kind], 2))
            out.append(re.sub(r"\d+", lambda m: str(rng.randint(2, 99)), line))
        text = "\n".join(out)
        while len(text) < 3800:
            text += "\n" + rng.choice(pools["problem"])
        drafts.append(text)
    return drafts


def _lcut(text: str) -> int:
    import jieba

    return len(jieba.lcut(text))


def run(n: int, workers: int) -> dict:
    drafts = make_drafts(n)
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
        folder = Path(tmp) / "drafts"
        folder.mkdir()
        for i, text in enumerate(drafts):
            (folder / f"draft-{i:05d}.txt").write_text(text, encoding="utf-8")
        out = Path(tmp) / "report.xlsx"
        lines = Path(tmp) / "reports.jsonl"
        cmd = [sys.executable, str(ROOT / "cli.py"), "batch", str(folder), "--out", str(out),
               "--json", str(lines), "--workers", str(workers)]
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - start
        peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        # 0: every draft passed, 1: some 不达标 (a normal review); anything else is a failure
        if proc.returncode not in (0, 1) or not out.exists():
            raise SystemExit(f"duizhao batch failed ({proc.returncode}): {proc.stderr[-800:]}")
        reports = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    from analyzer.similarity import find_pairs, known_templates

    # the comparison `duizhao batch` makes (batch.attach_copies): with the shipped 范文, and the
    # reports' category names as text every draft may share
    common = " ".join(c["name"] for report in reports for c in report["categories"])
    start = time.perf_counter()
    pairs = find_pairs({str(i): t for i, t in enumerate(drafts)}, known_templates([]), common)
    copy_seconds = time.perf_counter() - start
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    start = time.perf_counter()
    with Pool(workers) as p:
        p.map(_lcut, drafts, chunksize=16)
    lcut_seconds = time.perf_counter() - start
    return {"drafts": n, "chars": sum(map(len, drafts)), "wall": wall, "per_second": n / wall,
            "peak_mb": peak_kb / 1024, "copy_seconds": copy_seconds, "pairs": len(pairs),
            "lcut_seconds": lcut_seconds, "summary": proc.stderr.strip().splitlines()[-1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    missed = []
    for n in args.drafts:
        r = run(n, args.workers)
        print(f"{r['drafts']} drafts ({r['chars']} chars), {args.workers} workers: "
              f"{r['wall']:.1f} s end to end ({r['per_second']:.1f} drafts/s), "
              f"peak memory {r['peak_mb']:.0f} MB (largest process), "
              f"copy detection {r['copy_seconds']:.1f} s ({r['copy_seconds'] / r['wall']:.0%}, "
              f"{r['pairs']} pairs), bare jieba.lcut {r['lcut_seconds']:.1f} s "
              f"(ratio {r['wall'] / r['lcut_seconds']:.1f}x)")
        print("   ", r["summary"])
        if n >= 1000 and args.workers == 2:
            missed += [f"{n} drafts: {what}" for what, ok in (
                (f"{r['wall']:.1f} s (target < 60 s)", r["wall"] < 60),
                (f"peak {r['peak_mb']:.0f} MB (target < 1,024 MB)", r["peak_mb"] < 1024),
                (f"copy detection {r['copy_seconds'] / r['wall']:.0%} (target < 10 %)",
                 r["copy_seconds"] < 0.1 * r["wall"])) if not ok]
    if missed:
        raise SystemExit("targets missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
