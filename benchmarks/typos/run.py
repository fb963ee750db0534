"""Typo benchmark: sentence-level precision / recall / F1 of the `typo` rule, per error kind,
and false alarms per 10,000 characters of clean text.

    python benchmarks/typos/run.py [--split dev|test|all] [--show]

sentences.tsv was written for the project independently of the lexicons (see its header);
rows are split into dev and test by a hash of their id: tune on dev only, quote test.
tuning.tsv (320 sentences, written later by someone who had not seen the engine or the
benchmark) is a second set for tuning: `--split tuning`.
A sentence counts as a true positive when a finding overlaps the erroneous span; a flagged
sentence without such an overlap is a false positive. Clean text for the false-alarm rate is
every draft in corpus/samples and corpus/templates plus the labelled paragraphs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.proofread import find_typos  # noqa: E402


@dataclass(frozen=True)
class Row:
    id: str
    kind: str
    text: str
    wrong: str
    correct: str

    @property
    def split(self) -> str:
        return "dev" if int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _read(name: str) -> list[Row]:
    with (HERE / name).open(encoding="utf-8") as fh:
        return [Row(r["id"], r["kind"], r["text"], r["wrong"], r["correct"])
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def load_rows(split: str = "all") -> list[Row]:
    """`dev`/`test`/`all` of sentences.tsv, or `tuning`: tuning.tsv, a second set written later,
    blind to the engine, for tuning only (never quoted as a result)."""
    if split == "tuning":
        return _read("tuning.tsv")
    return [r for r in _read("sentences.tsv") if split == "all" or r.split == split]


@dataclass
class Result:
    tp: int
    fp: int
    fn: int
    errors: int
    clean_flagged: int
    recall_by_kind: dict[str, float]
    fixed: int
    misses: list[Row]
    false_alarms: list[tuple[Row, list]]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.errors if self.errors else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(rows: list[Row]) -> Result:
    tp = fp = fixed = clean_flagged = 0
    by_kind, found_kind = Counter(), Counter()
    misses, false_alarms = [], []
    for row in rows:
        hits = find_typos(row.text)
        if row.kind == "clean":
            if hits:
                fp += 1
                clean_flagged += 1
                false_alarms.append((row, hits))
            continue
        by_kind[row.kind] += 1
        start = row.text.find(row.wrong)
        end = start + len(row.wrong)
        good = [h for h in hits if h.start < end and start < h.end]
        if good:
            tp += 1
            found_kind[row.kind] += 1
            fixed_text = row.text[:good[0].start] + good[0].right + row.text[good[0].end:]
            fixed += int(fixed_text == row.text.replace(row.wrong, row.correct, 1))
        else:
            misses.append(row)
            if hits:
                fp += 1
                false_alarms.append((row, hits))
    errors = sum(by_kind.values())
    return Result(tp, fp, errors - tp, errors, clean_flagged,
                  {k: found_kind[k] / n for k, n in sorted(by_kind.items())}, fixed, misses,
                  false_alarms)


def clean_texts(which: str) -> list[tuple[str, str]]:
    """Clean text: 'drafts' (corpus/samples and corpus/templates, the reported figure) or
    'labelled' (the labelled paragraphs, which may be looked at while tuning)."""
    texts: list[tuple[str, str]] = []
    if which == "drafts":
        for folder in ("samples", "templates"):
            for path in sorted((ROOT / "corpus" / folder).glob("*.txt")):
                texts += [(path.name, line) for line in path.read_text(encoding="utf-8").splitlines()
                          if line.strip()]
    else:
        for path in sorted((ROOT / "corpus" / "labelled").glob("*.txt")):
            texts += [(path.name, line.split("\t", 1)[1])
                      for line in path.read_text(encoding="utf-8").splitlines()
                      if "\t" in line and not line.startswith("#")]
    return texts


def clean_corpus_false_alarms(which: str = "drafts") -> tuple[int, int, list[tuple[str, str, str]]]:
    """(hits, characters, examples) of the typo rule over clean text."""
    texts = clean_texts(which)
    hits, chars, examples = 0, 0, []
    for name, text in texts:
        chars += len(text)
        for h in find_typos(text):
            hits += 1
            examples.append((name, text[max(0, h.start - 8):h.end + 8], f"{h.wrong}->{h.right} {h.kind}"))
    return hits, chars, examples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test", choices=["dev", "test", "all", "tuning"])
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = parser.parse_args()
    rows = load_rows(args.split)
    result = evaluate(rows)
    print(f"typo benchmark, split={args.split}: {len(rows)} sentences, {result.errors} with one error")
    print(f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
          f"(tp {result.tp}, fp {result.fp}, fn {result.fn}; right fix for {result.fixed}/{result.tp})")
    print("recall by kind: " + ", ".join(f"{k} {v:.2f}" for k, v in result.recall_by_kind.items()))
    for which in ("drafts", "labelled"):
        hits, chars, examples = clean_corpus_false_alarms(which)
        print(f"clean {which}: {hits} false alarms in {chars} characters = "
              f"{hits / chars * 10000:.2f} per 10,000")
        if args.show and which == "labelled":
            for name, ctx, what in examples:
                print(f"CLEAN-FP {name}: …{ctx}… {what}")
    if args.show:
        for row in result.misses:
            print(f"MISS [{row.kind}] {row.wrong}->{row.correct}: {row.text}")
        for row, hits_ in result.false_alarms:
            print(f"FP [{row.kind}] {row.text} :: " + "; ".join(f"{h.wrong}->{h.right}({h.kind})" for h in hits_))


if __name__ == "__main__":
    main()
