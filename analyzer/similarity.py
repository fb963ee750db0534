"""Copy detection between drafts and against known 范文: character shingles, MinHash and LSH.

Each draft becomes the set of 64-bit hashes of its character 6-grams (normalised text, hashed
with numpy in one vectorised pass), minus the shingles every draft may share: the template's
category headings and the meeting theme (`common_text`) and shingles found in half of a large
batch. Each draft's hashes shared with each 范文 are counted exactly (binary search; the 范文
are few). Those every pair of drafts shares are counted exactly by one sort of all the hashes
(`shared_counts`), unless that would mean more than PAIR_BUDGET co-occurrences (a large batch
whose drafts share many passages); then MinHash signatures of a 1-in-4 sample of each set go
into one LSH index (datasketch), candidate pairs come from band collisions and each gets an exact
count. Pairs above the threshold get their Jaccard (or, against a 范文, containment) and a
search for the passages they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SHINGLE = 6
NUM_PERM = 64
SAMPLE = 4                  # MinHash sees one shingle in SAMPLE (by hash); exact scores see all
THRESHOLD = 0.35            # Jaccard of filtered shingle sets above which two drafts are paired
TEMPLATE_CONTAINMENT = 0.5  # share of a draft's shingles found in one 范文
PAIR_BUDGET = 3_000_000     # draft co-occurrences counted exactly at most (about 90 MB while
                            # counting them); beyond, MinHash LSH
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


def batch_common(sets: list) -> tuple[object, int]:
    """Hashes in at least COMMON_SHARE of the drafts (only meaningful from five drafts on), and
    how many co-occurrences of the other hashes `shared_counts` would count among the drafts
    (at most: the meeting's common text is taken out after). One sort serves both."""
    import numpy as np

    if not sets:
        return np.zeros(0, dtype=np.uint64), 0
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    common = counts >= COMMON_SHARE * len(sets) if len(sets) >= 5 else np.zeros(len(counts), dtype=bool)
    holders = counts[~common].astype(np.int64)
    return values[common], int((holders * (holders - 1) // 2).sum())


def find_pairs(drafts: dict[str, str], templates: dict[str, str] | None = None,
               common_text: str = "") -> list[Pair]:
    """Near-duplicate pairs among `drafts` (name -> text) and drafts mostly copied from one of
    `templates`. `common_text` (template headings, the meeting theme) never counts as copying."""
    import numpy as np

    templates = templates or {}
    sets = {name: shingle_set(text) for name, text in drafts.items()}
    shared_by_batch, cost = batch_common(list(sets.values()))
    common = np.union1d(shingle_set(common_text), shared_by_batch)
    sets = {name: np.setdiff1d(s, common, assume_unique=True) for name, s in sets.items()}
    template_sets = {name: np.setdiff1d(shingle_set(text), common, assume_unique=True)
                     for name, text in templates.items()}

    # drafts with each other: counted exactly when that is cheap (a check, a township's batch),
    # else MinHash candidates; with the few 范文 always exactly (a draft copied from part of a
    # long 范文 resembles it too little as a whole for MinHash to propose the pair)
    counted = shared_counts(sets) if cost <= PAIR_BUDGET else \
        [(a, b, shared_count(sets[a], sets[b])) for a, b in _lsh_candidates(sets)]
    pairs: list[Pair] = []
    for name, other, shared, is_template in [(*pair, False) for pair in counted] + [
            (name, template, shared_count(sets[name], values), True)
            for name in sets for template, values in template_sets.items()]:
        mine = sets[name]
        theirs = template_sets[other] if is_template else sets[other]
        if is_template:
            score = shared / len(mine) if len(mine) else 0.0
            keep = score >= TEMPLATE_CONTAINMENT
        else:
            union = len(mine) + len(theirs) - shared
            score = shared / union if union else 0.0
            keep = score >= THRESHOLD
        if keep:
            common_hashes = np.intersect1d(mine, theirs, assume_unique=True)
            pairs.append(Pair(name, other, round(float(score), 3),
                              shared_passages(drafts[name], common_hashes), is_template))
    return sorted(pairs, key=lambda p: (-p.similarity, p.a, p.b))


def shared_count(a, b) -> int:
    """How many hashes two sorted arrays of unique hashes have in common: a binary search of
    each of the shorter one's in the longer (4x faster than intersecting them, which only the
    pairs kept need, for their passages)."""
    import numpy as np

    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0
    at = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return int(np.count_nonzero(b[at] == a))


def shared_counts(sets: dict) -> list[tuple[str, str, int]]:
    """(name, other name, hashes the two share) for every pair of the sets that share any,
    counted exactly: all the hashes sorted once, then each run of equal hashes counts once for
    every pair of sets in it (memory grows with those co-occurrences: see PAIR_BUDGET)."""
    import numpy as np

    names = [name for name, values in sets.items() if len(values)]
    if len(names) < 2:
        return []
    values = np.concatenate([sets[name] for name in names])
    owners = np.repeat(np.arange(len(names), dtype=np.int64), [len(sets[name]) for name in names])
    order = np.argsort(values, kind="stable")  # stable: within a run the owners ascend
    values, owners = values[order], owners[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, len(values)])
    n, codes = len(names), []
    for size in np.unique(sizes[sizes >= 2]).tolist():
        texts = owners[starts[sizes == size][:, None] + np.arange(size)]  # one row per shared hash
        i, j = np.triu_indices(size, 1)
        codes.append((texts[:, i] * n + texts[:, j]).ravel())
    if not codes:
        return []
    pairs, counts = np.unique(np.concatenate(codes), return_counts=True)
    return [(names[code // n], names[code % n], count)
            for code, count in zip(pairs.tolist(), counts.tolist(), strict=True)]


def _lsh_candidates(sets: dict) -> list[tuple[str, str]]:
    """Pairs of the sets worth an exact count in a batch too large for `shared_counts`, each
    pair once, in a stable order: LSH band collisions of MinHash signatures of a 1-in-SAMPLE
    sample of each set."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD * 0.8, num_perm=NUM_PERM)
    signatures = {}
    for name, values in sets.items():
        sample = values[values % np.uint64(SAMPLE) == 0]
        if not len(sample):
            continue
        m = MinHash(num_perm=NUM_PERM, hashfunc=int)
        m.update_batch((sample & np.uint64(0xFFFFFFFF)).tolist())
        signatures[name] = m
        lsh.insert(name, m)
    order = {name: i for i, name in enumerate(signatures)}
    return [(name, other) for name, m in signatures.items() for other in sorted(lsh.query(m), key=order.get)
            if order[other] > order[name]]


def known_templates(extra_dirs: list[str]) -> dict[str, str]:
    """The shipped 范文 (corpus/templates) and those under `extra_dirs`: what every draft is
    compared with, by `check`, `batch` and the web page alike."""
    from .lexicons import CORPUS

    return load_templates([str(CORPUS / "templates"), *extra_dirs])


def load_templates(dirs: list[str]) -> dict[str, str]:
    """Known 范文: every draft `read.discover` finds under the given folders, by file name."""
    from .errors import DuizhaoError
    from .read import discover, read_document

    out: dict[str, str] = {}
    for path in discover(dirs):
        try:
            out[path.name] = read_document(path).text
        except DuizhaoError:
            continue
    return out
