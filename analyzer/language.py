"""Language stage: jieba, set up once per process with the domain dictionary, silenced."""

from __future__ import annotations

import logging
import re
from functools import cache

from .lexicons import cache_dir, lexicon_path

_USERDICT_LINE = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+(\S+))?$")


@cache
def tokenizer():
    """The jieba Tokenizer with lexicons/userdict.txt added; loaded once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())  # jieba keeps its marshalled dictionary cache here
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


def tokens(text: str) -> list[str]:
    """Words of `text` (jieba precise mode, HMM on), whitespace dropped."""
    return [t for t in tokenizer().lcut(text) if t.strip()]
