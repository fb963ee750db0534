"""Copy detection between drafts and against known 范文: character shingles, MinHash and LSH.

Each draft becomes the set of 64-bit hashes of its character 6-grams (normalised text, hashed
with numpy in one vectorised pass), minus the shingles every draft may share: the template's
category headings and the meeting theme (`common_text`) and shingles found in half of a large
batch. Up to ALL_PAIRS texts (a check, a small batch) every pair is scored; in a larger batch
MinHash signatures of a 1-in-4 sample of each set go into one LSH index (datasketch), so
candidate pairs come from band collisions rather than an all-pairs matrix. Candidates get an
exact Jaccard (or, against a 范文, containment) and a search for the passages they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SHINGLE = 6
NUM_PERM = 64
SAMPLE = 4                  # MinHash sees one shingle in SAMPLE (by hash); exact scores see all
THRESHOLD = 0.35            # Jaccard of filtered shingle sets above which two drafts are paired
TEMPLATE_CONTAINMENT = 0.5  # share of a draft's shingles found in one 范文
ALL_PAIRS = 40              # up to this many texts every pair is compared exactly
COMMON_SHARE = 0.5          # shingles in at least this share of a batch (of 5+) are boilerplate
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_BASE = 1_000_003


def normalise(text: str) -> str:
    return "".join(_KEEP.findall(text))


def position_hashes(text: str):
    """Hash of the shingle starting at each position of the normalised text (uint64 array)."""
    import numpy as np

    codes = np.frombuffer(normalise(text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            h = h * np.uint64(_BASE) + codes[k:k + n]
    return h


def locate(paragraphs: list[str], passage: str) -> tuple[int, int, int] | None:
    """Where a shared passage (normalised text, see `shared_passages`) lies in a draft given as
    its paragraphs: (paragraph, start, end) of its part in the paragraph that holds most of it
    (a passage found across paragraphs is anchored on its longest part), offsets into that
    paragraph's own text; None when it is not there."""
    places = [(i, m.start()) for i, text in enumerate(paragraphs) for m in _KEEP.finditer(text)]
    at = "".join(paragraphs[i][pos] for i, pos in places).find(passage) if passage else -1
    if at < 0:
        return None
    span = places[at:at + len(passage)]
    counts: dict[int, int] = {}
    for i, _ in span:
        counts[i] = counts.get(i, 0) + 1
    best = max(counts, key=lambda i: (counts[i], -i))
    inside = [pos for i, pos in span if i == best]
    return best, inside[0], inside[-1] + 1


def shingle_set(text: str):
    import numpy as np

    return np.unique(position_hashes(text))


@dataclass
class Pair:
    a: str
    b: str
    similarity: float
    passages: list[str] = field(default_factory=list)
    b_is_template: bool = False


def shared_passages(text: str, shared, limit: int = 3, min_len: int = 12) -> list[str]:
    """The longest passages of `text` made of consecutive shingles whose hashes are in `shared`."""
    import numpy as np

    t = normalise(text)
    inside = np.isin(position_hashes(text), shared)
    runs, start = [], None
    for i, flag in enumerate([*inside.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append(t[start:i - 1 + SHINGLE])
            start = None
    return sorted((r for r in runs if len(r) >= min_len), key=len, reverse=True)[:limit]


def batch_common(sets: list) -> object:
    """Hashes in at least COMMON_SHARE of the drafts (only meaningful from five drafts on)."""
    import numpy as np

    if len(sets) < 5:
        return np.zeros(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    return values[counts >= COMMON_SHARE * len(sets)]


def find_pairs(drafts: dict[str, str], templates: dict[str, str] | None = None,
               common_text: str = "") -> list[Pair]:
    """Near-duplicate pairs among `drafts` (name -> text) and drafts mostly copied from one of
    `templates`. `common_text` (template headings, the meeting theme) never counts as copying."""
    import numpy as np

    templates = templates or {}
    sets = {name: shingle_set(text) for name, text in drafts.items()}
    common = np.union1d(shingle_set(common_text), batch_common(list(sets.values())))
    sets = {name: np.setdiff1d(s, common, assume_unique=True) for name, s in sets.items()}
    template_sets = {name: np.setdiff1d(shingle_set(text), common, assume_unique=True)
                     for name, text in templates.items()}

    keyed = {"d:" + n: v for n, v in sets.items()} | {"t:" + n: v for n, v in template_sets.items()}
    pairs: list[Pair] = []
    for key, other in _candidates(keyed):
        name, mine = key[2:], keyed[key]
        is_template = other.startswith("t:")
        theirs = keyed[other]
        shared = np.intersect1d(mine, theirs, assume_unique=True)
        if is_template:
            score = len(shared) / len(mine) if len(mine) else 0.0
            keep = score >= TEMPLATE_CONTAINMENT
        else:
            union = len(mine) + len(theirs) - len(shared)
            score = len(shared) / union if union else 0.0
            keep = score >= THRESHOLD
        if keep:
            pairs.append(Pair(name, other[2:], round(float(score), 3),
                              shared_passages(drafts[name], shared), is_template))
    return sorted(pairs, key=lambda p: -p.similarity)


def _candidates(keyed: dict) -> list[tuple[str, str]]:
    """(draft key, other key) pairs worth an exact score, each pair once; keys are "d:" drafts
    and "t:" 范文. Up to ALL_PAIRS texts every pair is scored (a check against the shipped 范文
    then needs no MinHash, nor datasketch's 0.4 s import); beyond, LSH band collisions of
    MinHash signatures of a 1-in-SAMPLE sample of each set pick them."""
    import numpy as np

    keys = [k for k, values in keyed.items() if len(values)]
    if len(keys) <= ALL_PAIRS:
        drafts = [k for k in keys if k.startswith("d:")]
        return [(a, b) for i, a in enumerate(drafts) for b in drafts[i + 1:]] + \
               [(a, b) for a in drafts for b in keys if b.startswith("t:")]
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=min(THRESHOLD, TEMPLATE_CONTAINMENT) * 0.8, num_perm=NUM_PERM)
    signatures = {}
    for key in keys:
        values = keyed[key]
        sample = values[values % np.uint64(SAMPLE) == 0]
        if not len(sample):
            continue
        m = MinHash(num_perm=NUM_PERM, hashfunc=int)
        m.update_batch((sample & np.uint64(0xFFFFFFFF)).tolist())
        signatures[key] = m
        lsh.insert(key, m)
    out, seen = [], set()
    for key, m in signatures.items():
        if not key.startswith("d:"):
            continue
        for other in lsh.query(m):
            if other != key and frozenset((key, other)) not in seen:
                seen.add(frozenset((key, other)))
                out.append((key, other))
    return out


def known_templates(extra_dirs: list[str]) -> dict[str, str]:
    """The shipped 范文 (corpus/templates) and those under `extra_dirs`: what every draft is
    compared with, by `check`, `batch` and the web page alike."""
    from .lexicons import CORPUS

    return load_templates([str(CORPUS / "templates"), *extra_dirs])


def load_templates(dirs: list[str]) -> dict[str, str]:
    """Known 范文: every draft `batch.discover` finds under the given folders, by file name."""
    from .batch import discover
    from .errors import DuizhaoError
    from .read import read_document

    out: dict[str, str] = {}
    for path in discover(dirs):
        try:
            out[path.name] = read_document(path).text
        except DuizhaoError:
            continue
    return out
