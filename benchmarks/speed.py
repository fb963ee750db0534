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


CORE_RULES = {"missing-section", "missing-category", "weak-category", "count-mismatch", "numbering",
              "too-short", "problem-share"}
LANGUAGE_RULES = {"typo", "term", "punctuation", "boilerplate"}


def in_process(n: int) -> dict[str, float]:
    """Seconds for bare segmentation and for analyze() with: the core rules (issue 2) only,
    every rule but the language checks, and every rule."""
    from analyzer import analyze_text
    from analyzer.language import tokenizer
    from analyzer.rules import all_rules

    drafts = make_drafts(n)
    tk = tokenizer()
    analyze_text(drafts[0])  # warm-up: model and lexicons loaded once
    out = {"chars": sum(len(t) for t in drafts)}
    start = time.perf_counter()
    for text in drafts:
        tk.lcut(text)
    out["bare"] = time.perf_counter() - start
    for name, disabled in (("core", [r for r in all_rules() if r not in CORE_RULES]),
                           ("no_language", sorted(LANGUAGE_RULES)), ("full", [])):
        start = time.perf_counter()
        for text in drafts:
            analyze_text(text, options={"disable": disabled})
        out[name] = time.perf_counter() - start
    return out


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
    t = in_process(args.drafts)
    print(f"(b) {args.drafts} drafts, {t['chars']} chars: jieba.lcut {t['bare']:.2f} s; analyze() with "
          f"the core rules {t['core']:.2f} s ({t['core'] / t['bare']:.2f}x), all rules {t['full']:.2f} s "
          f"({t['full'] / t['bare']:.2f}x, {args.drafts / t['full']:.1f} drafts/s); the language checks add "
          f"{(t['full'] - t['no_language']) / t['no_language']:.0%} to the rest")


if __name__ == "__main__":
    main()
