"""Speed of the reviewer.

    python benchmarks/speed.py [--runs 11] [--drafts 200]

(a) `duizhao check` on a ~4,000-character draft as a whole process (interpreter start included),
    median of --runs runs after one warm-up run that fills the caches (jieba, theme model).
(b) `analyze()` over --drafts drafts against bare `jieba.lcut` over the same text, same process.
Targets (issue 2): (a) median < 0.8 s; (b) ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DRAFT = ROOT / "corpus" / "samples" / "xunshi-zhenggai-town-mayor.txt"


def whole_process(runs: int) -> list[float]:
    exe = shutil.which("duizhao")
    cmd = [exe] if exe else [sys.executable, str(ROOT / "cli.py")]
    cmd += ["check", str(DRAFT)]
    subprocess.run(cmd, capture_output=True)  # warm-up: fills jieba and model caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def make_drafts(n: int) -> list[str]:
    """Drafts of about 4,000 characters recombined from the corpus's own paragraphs."""
    rng = random.Random(0)
    samples = [p.read_text(encoding="utf-8").splitlines() for p in (ROOT / "corpus" / "samples").glob("*.txt")]
    drafts = []
    for _ in range(n):
        base = rng.choice(samples)
        lines = [line for line in base if line.strip()]
        drafts.append("\n".join(lines))
    return drafts


def in_process(n: int) -> tuple[float, float, int]:
    from analyzer import analyze_text
    from analyzer.language import tokenizer

    drafts = make_drafts(n)
    tk = tokenizer()
    analyze_text(drafts[0])  # warm-up: model and lexicons loaded once
    start = time.perf_counter()
    for text in drafts:
        tk.lcut(text)
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for text in drafts:
        analyze_text(text)
    full = time.perf_counter() - start
    return bare, full, sum(len(t) for t in drafts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--drafts", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory():
        times = whole_process(args.runs)
    print(f"(a) duizhao check, {DRAFT.name} ({len(DRAFT.read_text(encoding='utf-8'))} chars), "
          f"{args.runs} runs: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s")
    bare, full, chars = in_process(args.drafts)
    print(f"(b) {args.drafts} drafts, {chars} chars: jieba.lcut {bare:.2f} s, analyze() {full:.2f} s, "
          f"ratio {full / bare:.2f}x, {args.drafts / full:.1f} drafts/s")


if __name__ == "__main__":
    main()
