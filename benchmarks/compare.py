"""The typo scan and `duizhao check` of this tree against another revision, on this machine.

    python benchmarks/compare.py REV [--rounds 8]

REV (a commit, a tag, HEAD~3) is checked out in a temporary git worktree. Each round runs one
process per tree, in alternating order (so a slow spell of this shared VM hits both alike):

- scan: the typo scan (`find_typos_in`) of every corpus sample, each right after an `analyze()`
  of the same draft without the language checks, so the processor caches are as cold as inside
  a review; the mean over the drafts, milliseconds;
- check: `duizhao check` of the 4,000-character sample as a whole process (bytecode written,
  as any install leaves it), seconds.

Prints the median of the rounds for each tree. What README calls "measured one change at a
time" is this script with REV the commit before the change.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "corpus/samples/xunshi-zhenggai-town-mayor.txt"
LANGUAGE_RULES = ["typo", "term", "punctuation", "boilerplate"]


def child(repeat: int) -> None:
    """In a tree's own process (its root first on sys.path): mean cold scan per draft, ms."""
    from analyzer import analyze_text
    from analyzer.language import segment
    from analyzer.proofread import find_typos_in
    from analyzer.read import clean_line

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("corpus/samples").glob("*.txt"))]
    drafts = [[line for line in map(clean_line, text.splitlines()) if line] for text in texts]
    for text, paragraphs in zip(texts, drafts, strict=True):  # caches, index, automatons
        analyze_text(text)
        find_typos_in(paragraphs)
    spent = []
    for _ in range(repeat):
        for text, paragraphs in zip(texts, drafts, strict=True):
            segment.cache_clear()
            analyze_text(text, options={"disable": LANGUAGE_RULES})
            start = time.perf_counter()
            find_typos_in(paragraphs)
            spent.append(time.perf_counter() - start)
    print(statistics.mean(spent) * 1000)


def measure(tree: Path, env: dict) -> tuple[float, float]:
    """(scan ms, check s) of one round in `tree`."""
    scan = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child"], cwd=tree,
                          env=env | {"PYTHONPATH": str(tree)}, capture_output=True, text=True, check=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "cli.py", "check", SAMPLE], cwd=tree,
                          env=env | {"PYTHONPATH": str(tree)}, capture_output=True)
    seconds = time.perf_counter() - start
    if "结论：".encode() not in done.stdout:
        raise SystemExit(f"{tree}: duizhao check failed: {done.stderr.decode(errors='replace')[-500:]}")
    return float(scan.stdout.split()[-1]), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rev", nargs="?")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=5, help="scans of each draft per round")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.repeat)
    if not args.rev:
        parser.error("give the revision to compare with")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), args.rev],
                       check=True)
        try:
            trees = {args.rev: other, "this tree": ROOT}
            for tree in trees.values():
                measure(tree, env)  # warm-up: caches built, bytecode written
            results: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            for r in range(args.rounds):
                for name in (list(trees) if r % 2 else list(trees)[::-1]):
                    results[name].append(measure(trees[name], env))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    for name, rounds in results.items():
        print(f"{name}: typo scan {statistics.median(r[0] for r in rounds):.3f} ms a draft (cold), "
              f"duizhao check {statistics.median(r[1] for r in rounds):.3f} s  [{args.rounds} rounds]")


if __name__ == "__main__":
    main()
