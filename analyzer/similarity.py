"""Copy detection between drafts and against known 范文: character shingles, MinHash and LSH.

Each draft becomes a set of character 6-gram shingles of its normalised text, minus shingles
that every draft must share: the template's category headings and the meeting theme
(`common` below) and shingles found in a large share of the batch. MinHash signatures go into
one LSH index (datasketch), so candidate pairs come from band collisions rather than an
all-pairs matrix; only candidates get an exact Jaccard and a search for shared passages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

SHINGLE = 6
NUM_PERM = 64
THRESHOLD = 0.35          # Jaccard of filtered shingle sets above which a pair is reported
TEMPLATE_CONTAINMENT = 0.5  # share of a draft's shingles found in one 范文
COMMON_SHARE = 0.5        # shingles in at least this share of a large batch are boilerplate
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def normalise(text: str) -> str:
    return "".join(_KEEP.findall(text))


def shingles(text: str, common: frozenset[str] = frozenset()) -> set[str]:
    t = normalise(text)
    return {t[i:i + SHINGLE] for i in range(len(t) - SHINGLE + 1)} - common


@dataclass
class Pair:
    a: str
    b: str
    similarity: float
    passages: list[str] = field(default_factory=list)
    b_is_template: bool = False


def shared_passages(text_a: str, text_b: str, limit: int = 3, min_len: int = 12) -> list[str]:
    """The longest passages two texts share (normalised, at least `min_len` characters)."""
    a, b = normalise(text_a), normalise(text_b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    blocks = sorted((m for m in matcher.get_matching_blocks() if m.size >= min_len),
                    key=lambda m: -m.size)
    return [a[m.a:m.a + m.size] for m in blocks[:limit]]


def batch_common(sets: list[set[str]]) -> frozenset[str]:
    """Shingles found in at least COMMON_SHARE of the drafts (only meaningful past 4 drafts)."""
    if len(sets) < 5:
        return frozenset()
    counts = Counter(s for shingle_set in sets for s in shingle_set)
    limit = COMMON_SHARE * len(sets)
    return frozenset(s for s, n in counts.items() if n >= limit)


def find_pairs(drafts: dict[str, str], templates: dict[str, str] | None = None,
               common_text: str = "") -> list[Pair]:
    """Near-duplicate pairs among `drafts` (name -> text) and drafts mostly copied from one of
    `templates`. `common_text` (template headings, the meeting theme) never counts as copying."""
    from datasketch import MinHash, MinHashLSH

    templates = templates or {}
    base_common = frozenset(shingles(common_text))
    draft_sets = {name: shingles(text, base_common) for name, text in drafts.items()}
    common = base_common | batch_common(list(draft_sets.values()))
    draft_sets = {name: s - common for name, s in draft_sets.items()}
    template_sets = {name: shingles(text, common) for name, text in templates.items()}

    lsh = MinHashLSH(threshold=min(THRESHOLD, TEMPLATE_CONTAINMENT) * 0.8, num_perm=NUM_PERM)
    signatures = {}
    for key, shingle_set in [*(("d:" + n, s) for n, s in draft_sets.items()),
                             *(("t:" + n, s) for n, s in template_sets.items())]:
        if not shingle_set:
            continue
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingle_set])
        signatures[key] = m
        lsh.insert(key, m)

    pairs: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for key, m in signatures.items():
        if not key.startswith("d:"):
            continue
        name = key[2:]
        mine = draft_sets[name]
        for other in lsh.query(m):
            if other == key or (other, key) in seen:
                continue
            seen.add((key, other))
            if other.startswith("t:"):
                tname = other[2:]
                theirs = template_sets[tname]
                score = len(mine & theirs) / len(mine) if mine else 0.0
                if score >= TEMPLATE_CONTAINMENT:
                    pairs.append(Pair(name, tname, round(score, 3),
                                      shared_passages(drafts[name], templates[tname]), True))
            else:
                oname = other[2:]
                theirs = draft_sets[oname]
                score = len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0
                if score >= THRESHOLD:
                    pairs.append(Pair(name, oname, round(score, 3),
                                      shared_passages(drafts[name], drafts[oname])))
    return sorted(pairs, key=lambda p: -p.similarity)


def load_templates(dirs: list[str]) -> dict[str, str]:
    """Known 范文: every .txt/.md/.docx under the given folders, by file name."""
    from pathlib import Path

    from .errors import DuizhaoError
    from .read import read_document

    out: dict[str, str] = {}
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() in (".txt", ".md", ".docx") and not path.name.startswith(("~$", ".")):
                try:
                    out[path.name] = read_document(path).text
                except DuizhaoError:
                    continue
    return out
