"""Language stage: jieba, set up once per process with the domain dictionary, silenced."""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cache, lru_cache
from math import log

from .lexicons import cache_dir, lexicon_path, write_cache

_USERDICT_LINE = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+(\S+))?$")


class Dictionary:
    """jieba's prefix dictionary with the domain words: FREQ (word or prefix -> count, 0 for a
    prefix only) and the total count; what segmentation and the typo check read."""

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self.FREQ, self.total = freq, total


@cache
def tokenizer() -> Dictionary:
    """jieba's dictionary with lexicons/userdict.txt added; loaded once per process.

    jieba's own start-up re-reads its dictionary cache and then every user word is added one by
    one; instead the finished prefix dictionary is marshalled once into our cache directory
    (keyed by jieba's dictionary and the user dictionary) and loaded in one call, without even
    importing jieba (whose import alone pulls in pkg_resources: 0.1 s).
    """
    import array
    import gc
    import marshal

    path = lexicon_path("userdict.txt")
    key = hashlib.sha256(path.read_bytes() if path.exists() else b"")
    key.update(jieba_version().encode())
    key.update(b"2")  # the layout below
    cached = cache_dir() / f"jieba-{key.hexdigest()[:16]}.marshal"
    if cached.exists():
        gc.disable()  # building a 500,000-entry dict is much faster without the collector
        try:
            # (total, the words joined by NUL as UTF-8, their counts as int32): one split and
            # one zip build the dict a quarter faster than unmarshalling it entry by entry
            total, words, counts = marshal.loads(cached.read_bytes())
            values = array.array("i")
            values.frombytes(counts)
            return Dictionary(dict(zip(words.decode("utf-8").split("\0"), values, strict=True)), total)
        except (ValueError, EOFError, TypeError, UnicodeDecodeError):
            pass
        finally:
            gc.enable()
    tk = jieba_tokenizer(with_cache=False)
    write_cache(cached, marshal.dumps((tk.total, "\0".join(tk.FREQ).encode("utf-8"),
                                       array.array("i", tk.FREQ.values()).tobytes())))
    return Dictionary(tk.FREQ, tk.total)


def jieba_dict_path() -> str:
    """jieba's dict.txt (words, counts, POS tags), found without importing jieba."""
    import importlib.util
    import os

    return os.path.join(os.path.dirname(importlib.util.find_spec("jieba").origin), "dict.txt")


def jieba_version() -> str:
    """Size and time of jieba's dict.txt: what caches built from it are keyed by."""
    import os

    stat = os.stat(jieba_dict_path())
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def jieba_tokenizer(with_cache: bool = True):
    """A real jieba.Tokenizer over the same dictionary (for building the cache, and for the
    tests that check `cut` against jieba itself)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    if with_cache:
        d = tokenizer()
        tk.FREQ, tk.total, tk.initialized = d.FREQ, d.total, True
        return tk
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    path = lexicon_path("userdict.txt")
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = _USERDICT_LINE.match(line)
            if m:
                tk.add_word(m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3))
    return tk


# jieba's own block and whitespace patterns (jieba.re_han_default, jieba.re_skip_default)
_RE_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _cut_block(block: str, get, logtotal: float, out: list[str]) -> None:
    """jieba's `__cut_DAG_NO_HMM` for one block, with the word graph and the best route found
    in one right-to-left pass (jieba builds a DAG dict, then a route dict through generators).
    Same words, same scores, same tie-break (the longer word wins), 1.8-2x faster
    (benchmarks/speed.py (d))."""
    n = len(block)
    score = [0.0] * (n + 1)
    nxt = [0] * n
    for idx in range(n - 1, -1, -1):
        best, end = None, idx
        i, f = idx, get(block[idx])
        while f is not None:          # the fragment is a word or a prefix of one
            if f:
                v = log(f) - logtotal + score[i + 1]
                if best is None or v >= best:
                    best, end = v, i
            i += 1
            if i >= n:
                break
            f = get(block[idx:i + 1])
        if best is None:              # an unknown character is a word of its own
            best = log(get(block[idx]) or 1) - logtotal + score[idx + 1]
        score[idx] = best
        nxt[idx] = end + 1
    x, buf = 0, ""
    while x < n:                      # single letters and digits are glued back together
        y = nxt[x]
        word = block[x:y]
        if y - x == 1 and word in _ALNUM:
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)


def cut(text: str) -> list[str]:
    """`jieba_tokenizer().lcut(text, HMM=False)`, token for token (tests/test_language.py checks it)."""
    tk = tokenizer()
    get, logtotal = tk.FREQ.get, log(tk.total)
    out: list[str] = []
    for block in _RE_HAN.split(text):
        if not block:
            continue
        if _RE_HAN.match(block):
            _cut_block(block, get, logtotal, out)
        else:
            for piece in _RE_SKIP.split(block):
                if _RE_SKIP.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
    return out


@lru_cache(maxsize=8192)
def segment(text: str) -> tuple[str, ...]:
    """All tokens of `text` in order, whitespace included, so offsets add up (jieba precise
    mode without HMM: the domain dictionary decides, unknown names stay in pieces).
    Cached: the classifier, the typo check and the substance rules segment the same text."""
    return tuple(cut(text))


def tokens(text: str) -> list[str]:
    """Words of `text`, whitespace dropped."""
    return [t for t in segment(text) if t.strip()]
