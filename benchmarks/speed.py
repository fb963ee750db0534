"""Speed of the reviewer.

    python benchmarks/speed.py [--runs 11] [--drafts 200]

(a) `duizhao check` on a ~4,000-character draft as a whole process (interpreter start included),
    median of --runs runs after one warm-up run that fills the caches (jieba, theme model,
    Python's bytecode: PYTHONDONTWRITEBYTECODE is unset for these runs).
(b) `analyze()` over --drafts drafts against bare segmentation of the same text, same process.
(c) what the language checks (typo, term, punctuation, boilerplate) add to `analyze()`: over the
    drafts of (b), on the sample as a file (.txt and .docx, reading included), and on each
    corpus draft in memory.
(d) the pieces the README compares: jieba.lcut against language.cut; the typo automatons'
    searches in UTF-8 against the two-byte units the engine uses.
(e) where the language checks' time goes inside analyze() (`inside`).
Targets: (a) median < 0.8 s; (b) ratio <= 1.5 (issue 2); (c) at most +30% (issue 3).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DRAFT = ROOT / "corpus" / "samples" / "xunshi-zhenggai-town-mayor.txt"


def whole_process(runs: int) -> list[float]:
    exe = shutil.which("duizhao")
    cmd = [exe] if exe else [sys.executable, str(ROOT / "cli.py")]
    cmd += ["check", str(DRAFT)]
    # Python writes each module's bytecode on first import, as pip does when it installs; an
    # environment with PYTHONDONTWRITEBYTECODE set would compile every module on every run
    # (0.06-0.08 s here), which is no user's machine
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for run in range(runs + 1):  # run 0 is the warm-up: it fills jieba's, the model's and the bytecode caches
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, env=env)
        took = time.perf_counter() - start
        # 0 or 1 (the draft has errors) is a review; a crash also exits 1, so the report must be there
        if done.returncode not in (0, 1) or "结论：" not in done.stdout.decode(errors="replace"):
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode(errors='replace')[-500:]}")
        if run:
            times.append(took)
    return times


def make_drafts(n: int) -> list[str]:
    """`n` drafts drawn at random from the corpus's sample drafts (1,800 to 5,200 characters,
    most near 4,000); every run starts with an empty segmentation cache (see `_best`)."""
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


def _fastest(fns: dict, repeat: int) -> dict[str, float]:
    """Seconds of the fastest of `repeat` runs of each of `fns`, the functions alternating run
    by run (a slow spell of this shared VM then hits them alike), each run with the segmentation
    cache emptied (so a draft never profits from an earlier run of itself)."""
    from analyzer.language import segment

    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            segment.cache_clear()
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def in_process(n: int, repeat: int = 3) -> dict[str, float]:
    """Seconds for bare segmentation and for analyze() with: the core rules (issue 2) only,
    every rule but the language checks, and every rule; per draft the configurations run
    interleaved and the fastest of `repeat` runs counts."""
    from analyzer import analyze_text
    from analyzer.language import cut
    from analyzer.rules import all_rules

    drafts = make_drafts(n)
    analyze_text(drafts[0])  # warm-up: model and lexicons loaded once
    configs = {"core": [r for r in all_rules() if r not in CORE_RULES],
               "no_language": sorted(LANGUAGE_RULES), "full": []}
    out = {"chars": sum(len(t) for t in drafts), "bare": 0.0} | dict.fromkeys(configs, 0.0)
    for text in drafts:
        fns = {"bare": lambda text=text: [cut(line) for line in text.splitlines()]}
        fns |= {name: lambda text=text, disabled=disabled: analyze_text(text, options={"disable": disabled})
                for name, disabled in configs.items()}
        for name, seconds in _fastest(fns, repeat).items():
            out[name] += seconds
    return out


def _with_and_without(review, repeat: int) -> tuple[float, float]:
    """(seconds without the language checks, seconds with them) of `review(options)`."""
    t = _fastest({"without": lambda: review({"disable": sorted(LANGUAGE_RULES)}),
                  "with": lambda: review({})}, repeat)
    return t["without"], t["with"]


def files(repeat: int = 31) -> list[tuple[str, float, float]]:
    """analyze() on the ~4,000-character sample as it arrives, .txt and .docx: (file, seconds
    without the language checks, seconds with them), fastest of `repeat` alternating runs."""
    from analyzer import analyze

    out = []
    for path in (DRAFT, DRAFT.with_suffix(".docx")):
        analyze(path)
        out.append((path.name, *_with_and_without(lambda options, path=path: analyze(path, options=options), repeat)))
    return out


def components(n: int, repeat: int = 5) -> dict[str, float]:
    """Seconds, fastest of `repeat`, for the pieces the README compares: jieba's own cut against
    `language.cut` over every line of `n` drafts; and the typo check's two automaton searches
    over those drafts in UTF-8 (automatons over the keys as text, the sound and look keys made
    by `str.translate`) against the two-byte units the engine searches (`haystacks`)."""
    import ahocorasick_rs

    from analyzer.language import cut, jieba_tokenizer
    from analyzer.proofread import code_points, phrase_index

    lines = [line for text in make_drafts(n) for line in text.splitlines()]
    docs = make_drafts(n)
    tk, index = jieba_tokenizer(), phrase_index()
    utf8 = {name: ahocorasick_rs.AhoCorasick(index.tables[name][0], store_patterns=False,
                                             implementation=ahocorasick_rs.Implementation.ContiguousNFA)
            for name in ("plain", "near")}
    keyed = [(d, d.translate(index.sound_table) + "\n" + d.translate(index.look_table)) for d in docs]
    stacks = [index.haystacks(code_points(d)) for d in docs]
    fns = {
        "jieba": lambda: [tk.lcut(line, HMM=False) for line in lines],
        "cut": lambda: [cut(line) for line in lines],
        "utf8": lambda: [(utf8["plain"].find_matches_as_indexes(d, overlapping=True),
                          utf8["near"].find_matches_as_indexes(k, overlapping=True)) for d, k in keyed],
        "units": lambda: [(index._matches("plain", p), index._matches("near", k)) for p, k in stacks],
    }
    for fn in fns.values():
        fn()  # warm-up
    return _fastest(fns, repeat)


def per_draft(repeat: int = 41) -> list[tuple[str, int, float, float]]:
    """analyze_text() on each corpus draft, with and without the language checks: (file,
    characters, seconds without, seconds with), fastest of `repeat` alternating runs."""
    from analyzer import analyze_text

    out = []
    for path in sorted((ROOT / "corpus" / "samples").glob("*.txt")):
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        analyze_text(text)
        out.append((path.name, len(text),
                    *_with_and_without(lambda options, text=text: analyze_text(text, options=options), repeat)))
    return out


def inside(n: int, repeat: int = 3) -> dict[str, float]:
    """Where the language checks' time goes inside analyze() over `n` drafts, milliseconds per
    draft: the typo check's scan with the segmentation already done, and its automaton
    searches; the same scan repeated at once on the same draft, and its searches (the gap is
    what cold processor caches cost after the other rules); the term, punctuation and
    boilerplate rules together."""
    from dataclasses import replace

    import analyzer.rules.typo as typo_rule
    from analyzer import analyze_text
    from analyzer.language import segment
    from analyzer.proofread import PhraseIndex, find_typos_in
    from analyzer.rules import REGISTRY, all_rules

    drafts = make_drafts(n)
    analyze_text(drafts[0])
    spent = dict.fromkeys(("scan", "search", "scan_again", "search_again", "others"), 0.0)
    phase = ["scan"]
    search = PhraseIndex._matches

    def timed(key: str, fn, *args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - start

    def timed_search(self, *args, **kwargs):
        return timed("search" if phase[0] == "scan" else "search_again", search, self, *args, **kwargs)

    def timed_scan(paragraphs, allow=()):
        for paragraph in paragraphs:
            segment(paragraph)   # segmentation out of the picture (other rules share it)
        phase[0] = "scan"
        timed("scan", find_typos_in, paragraphs, allow)
        phase[0] = "scan_again"
        return timed("scan_again", find_typos_in, paragraphs, allow)

    rules = dict(all_rules())
    PhraseIndex._matches, typo_rule.find_typos_in = timed_search, timed_scan
    REGISTRY.update({rid: replace(rules[rid], check=lambda ctx, check=rules[rid].check: timed("others", list, check(ctx)))
                     for rid in ("term", "punctuation", "boilerplate")})
    try:
        for _ in range(repeat):
            for text in drafts:
                segment.cache_clear()
                analyze_text(text)
    finally:
        PhraseIndex._matches, typo_rule.find_typos_in = search, find_typos_in
        REGISTRY.update(rules)
    return {key: seconds / (n * repeat) * 1000 for key, seconds in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--drafts", type=int, default=200)
    args = parser.parse_args()
    times = whole_process(args.runs)
    print(f"(a) duizhao check, {DRAFT.name} ({len(DRAFT.read_text(encoding='utf-8'))} chars), "
          f"{args.runs} runs: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s")
    t = in_process(args.drafts)
    print(f"(b) {args.drafts} drafts, {t['chars']} chars: segmentation {t['bare']:.2f} s; analyze() with "
          f"the core rules {t['core']:.2f} s ({t['core'] / t['bare']:.2f}x), all rules {t['full']:.2f} s "
          f"({t['full'] / t['bare']:.2f}x, {args.drafts / t['full']:.1f} drafts/s)")
    print(f"(c) the language checks (issue 3) add {(t['full'] - t['no_language']) / t['no_language']:.0%} "
          f"to analyze_text() over the {args.drafts} drafts")
    for name, without, with_all in files():
        print(f"    analyze({name}): {without * 1000:.1f} ms without them, {with_all * 1000:.1f} ms with "
              f"them (+{(with_all - without) / without:.0%})")
    for name, chars, without, with_all in per_draft():
        print(f"    {name} ({chars} chars, in memory): {without * 1000:.1f} ms -> {with_all * 1000:.1f} ms "
              f"(+{(with_all - without) * 1000:.1f} ms, +{(with_all - without) / without:.0%})")
    e = inside(args.drafts)
    c = components(args.drafts)
    print(f"(d) over the same drafts: jieba.lcut {c['jieba']:.3f} s, language.cut {c['cut']:.3f} s "
          f"({c['jieba'] / c['cut']:.1f}x faster); the typo automatons' searches in UTF-8 "
          f"{c['utf8'] * 1000:.1f} ms, in two-byte units {c['units'] * 1000:.1f} ms "
          f"({c['utf8'] / c['units']:.2f}x faster)")
    print(f"(e) inside analyze(), per draft: the typo scan {e['scan']:.2f} ms (segmentation aside), of which "
          f"automaton search {e['search']:.2f} ms; the same scan repeated at once {e['scan_again']:.2f} ms "
          f"(search {e['search_again']:.2f} ms); term, punctuation and boilerplate {e['others']:.2f} ms")


if __name__ == "__main__":
    main()
