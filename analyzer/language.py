"""Language stage: jieba, set up once per process with the domain dictionary, silenced."""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cache, lru_cache

from .lexicons import cache_dir, lexicon_path, write_cache

_USERDICT_LINE = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+(\S+))?$")


@cache
def tokenizer():
    """The jieba Tokenizer with lexicons/userdict.txt added; loaded once per process.

    jieba's own start-up re-reads its dictionary cache and then every user word is added one by
    one; instead the finished prefix dictionary is marshalled once into our cache directory
    (keyed by jieba's dictionary and the user dictionary) and loaded in one call.
    """
    import gc
    import marshal

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    path = lexicon_path("userdict.txt")
    key = hashlib.sha256(path.read_bytes() if path.exists() else b"")
    key.update(jieba.__version__.encode())
    cached = cache_dir() / f"jieba-{key.hexdigest()[:16]}.marshal"
    if cached.exists():
        gc.disable()  # building a 500,000-entry dict is much faster without the collector
        try:
            tk.FREQ, tk.total = marshal.loads(cached.read_bytes())
            tk.initialized = True
            return tk
        except (ValueError, EOFError, TypeError):
            pass
        finally:
            gc.enable()
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = _USERDICT_LINE.match(line)
            if m:
                tk.add_word(m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3))
    write_cache(cached, marshal.dumps((tk.FREQ, tk.total)))
    return tk


@lru_cache(maxsize=8192)
def segment(text: str) -> tuple[str, ...]:
    """All tokens of `text` in order, whitespace included, so offsets add up (jieba precise
    mode without HMM: the domain dictionary decides, unknown names stay in pieces).
    Cached: the classifier, the typo check and the substance rules segment the same text."""
    return tuple(tokenizer().cut(text, HMM=False))


def tokens(text: str) -> list[str]:
    """Words of `text`, whitespace dropped."""
    return [t for t in segment(text) if t.strip()]
