"""Every finding over a fixed set of texts, as one JSON file: run it before and after a change
that should not change behaviour (a refactor, a speed-up), and compare the two files.

    python benchmarks/typos/snapshot.py OUT.json      # then: cmp BEFORE.json AFTER.json

The texts: the typo benchmark's sentences (sentences.tsv and tuning.tsv), the labelled
paragraphs of corpus/labelled, four mutated copies of each labelled paragraph (a character
swapped for a homophone, dropped, doubled, or another character of the line inserted; seeded,
so the same copies every run) - their typo hits, found as one document and one by one - and
the full `analyze()` findings and stats of every draft in corpus/samples.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from analyzer import analyze_text  # noqa: E402
from analyzer.proofread import find_typos_in, phrase_index  # noqa: E402


def texts() -> list[str]:
    out = []
    for name in ("sentences.tsv", "tuning.tsv"):
        rows = (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines()[1:]
        out += [row.split("\t")[2] for row in rows]
    labelled = [line.split("\t")[-1] for path in sorted((ROOT / "corpus" / "labelled").glob("*.txt"))
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    readings = phrase_index().readings
    by_sound: dict[str, list[str]] = {}
    for ch, syllables in sorted(readings.items()):
        for syllable in sorted(syllables):
            by_sound.setdefault(syllable, []).append(ch)
    rng = random.Random(1)
    mutated = []
    for line in labelled:
        han = [i for i, c in enumerate(line) if "\u4e00" <= c <= "\u9fff"]
        for op in range(4) if han else ():
            i, j = rng.choice(han), rng.choice(han)
            c = line[i]
            if op == 0:  # a homophone of its first reading (a character without one stays)
                swap = rng.choice(by_sound[min(readings[c])]) if c in readings else c
                mutated.append(line[:i] + swap + line[i + 1:])
            elif op == 1:
                mutated.append(line[:i] + line[i + 1:])
            elif op == 2:
                mutated.append(line[:i] + c + line[i:])
            else:
                mutated.append(line[:i] + line[j] + line[i:])
    return out + labelled + mutated


def snapshot() -> dict:
    all_texts = texts()

    def hits(found):
        return [[(h.start, h.end, h.wrong, h.right, h.kind, h.window_start, h.window_end) for h in one]
                for one in found]

    drafts = {}
    for path in sorted((ROOT / "corpus" / "samples").glob("*.txt")):
        report = analyze_text(path.read_text(encoding="utf-8"))
        drafts[path.name] = {"stats": report.stats, "verdict": report.verdict, "score": report.score,
                             "findings": [(f.rule, f.paragraph, f.start, f.end, f.message, f.suggestion)
                                          for f in report.findings]}
    return {"texts": len(all_texts), "typos_as_one_document": hits(find_typos_in(all_texts)),
            "typos_one_by_one": [hits(find_typos_in([t]))[0] for t in all_texts], "drafts": drafts}


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    data = snapshot()
    Path(sys.argv[1]).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"{data['texts']} texts, {sum(map(len, data['typos_as_one_document']))} typo hits, "
          f"{sum(len(d['findings']) for d in data['drafts'].values())} findings on "
          f"{len(data['drafts'])} drafts -> {sys.argv[1]}")


if __name__ == "__main__":
    main()
