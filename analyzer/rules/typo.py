"""typo: wrong characters in the genre's fixed phrases, and 的/地/得 misuse.

Sources: the phrase lexicon in lexicons/phrases (political formulations, 公文 collocations,
idioms — each group names its source), the confusion set lexicons/confusions.txt, and the
的/地/得 lists in lexicons/dedide.toml. Precision is measured by benchmarks/typos.
"""

from __future__ import annotations

import re
from functools import cache

from ..proofread import TypoHit, de_rules, phrase_index
from . import Hit, rule

_KIND_TEXT = {
    "homophone": "同音字", "near_homophone": "近音字", "shape": "形近字", "idiom": "成语用字",
    "missing_char": "漏字", "doubled": "重复", "extra_char": "多字", "list_item": "并列词语",
    "de_di_de": "的地得",
}


@cache
def _de_patterns() -> tuple[re.Pattern, re.Pattern]:
    rules = de_rules()
    alt = lambda words: "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True))  # noqa: E731
    di = re.compile(f"({alt(rules['adverbials'])})(的)(?=({alt(rules['verbs'])}))"
                    f"(?!(?:{alt(rules['verbs'])})(?:{alt(rules['noun_heads'])}))")
    de = re.compile(f"({alt(rules['complement_verbs'])})(的)(?=(?:{alt(rules['degree'])})?"
                    f"(?:{alt(rules['complements'])})(?:[，。；、！？]|$|了|一些|一点))")
    return di, de


def de_di_de_hits(text: str) -> list[TypoHit]:
    di, de = _de_patterns()
    hits = [TypoHit(m.start(2), m.end(2), "的", "地", "de_di_de") for m in di.finditer(text)]
    hits += [TypoHit(m.start(2), m.end(2), "的", "得", "de_di_de") for m in de.finditer(text)]
    return hits


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def vetted_hits(text: str, allow: tuple[str, ...] = ()) -> list[TypoHit]:
    """Candidates that survive the checks against real words (jieba's dictionary)."""
    index = phrase_index()
    candidates = index.candidates(text)
    exact = index.exact_spans(text)
    allowed = [(m.start(), m.end()) for term in allow for m in re.finditer(re.escape(term), text)]
    out: dict[tuple[int, int], TypoHit] = {}
    for hit in candidates:
        if _covered(exact, hit.start, hit.end) or any(
                s < hit.end and hit.start < e for s, e in allowed):
            continue
        if not plausible(hit, text):
            continue
        out.setdefault((hit.start, hit.end), hit)
    for hit in de_di_de_hits(text):
        if not any(s < hit.end and hit.start < e for s, e in allowed):
            out.setdefault((hit.start, hit.end), hit)
    return sorted(out.values(), key=lambda h: (h.start, h.end))


FUNCTION_WORD_FREQ = 50_000  # single characters this frequent in jieba stand alone normally
CONTEXT = 6


def _boundaries(text: str, lo: int, hi: int) -> set[int]:
    from ..language import tokenizer

    cuts, pos = {lo}, lo
    for token in tokenizer().cut(text[lo:hi], HMM=False):
        pos += len(token)
        cuts.add(pos)
    return cuts


def plausible(hit: TypoHit, text: str) -> bool:
    """Keep a hit only when the corrected phrase fits its context and the wrong text is no word.

    - the corrected text, segmented by jieba, must have word boundaries at both ends of the
      phrase (确保工作 is not 保密工作 with 密 dropped: 保 belongs to 确保);
    - the wrong window must not be an established word nearly as frequent as the phrase;
    - a dropped character must leave a fragment: a single-character token that is not a
      function word (全加强 -> 全|加强), not a clean parse (不到位).
    """
    from ..language import tokenizer

    freq = tokenizer().FREQ
    ws, we = hit.window_start, hit.window_end
    if ws < 0:
        return True
    wrong_window = text[ws:we]
    corrected = text[:hit.start] + hit.right + text[hit.end:]
    shift = len(hit.right) - (hit.end - hit.start)
    lo, hi = max(0, ws - CONTEXT), min(len(corrected), we + shift + CONTEXT)
    cuts = _boundaries(corrected, lo, hi)
    if ws not in cuts or we + shift not in cuts:
        return False
    right_window = corrected[ws:we + shift]
    f_wrong, f_right = freq.get(wrong_window, 0), freq.get(right_window, 0)
    if f_wrong >= 10 and f_wrong * 3 >= f_right:
        return False
    if hit.kind == "missing_char":
        lo, hi = max(0, ws - CONTEXT), min(len(text), we + CONTEXT)
        cuts = _boundaries(text, lo, hi)
        if ws not in cuts or we not in cuts:
            return False
        pieces, pos = [], ws
        for token in tokenizer().cut(wrong_window, HMM=False):
            pieces.append(token)
            pos += len(token)
        return any(len(t) == 1 and freq.get(t, 0) < FUNCTION_WORD_FREQ for t in pieces)
    if hit.kind == "doubled":
        return freq.get(text[hit.start:hit.end], 0) < 10
    return True


@rule(
    "typo", "error", "错别字",
    why="错别字、漏字、重复字和的地得误用是退回材料最常见的原因之一，也有损严肃性。",
    bad="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。对党的创新理论的精髓要以把握不准，2025年有3次中心组学习只是传达文件。
""",
    good="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。对党的创新理论的精髓要义把握不准，2025年有3次中心组学习只是传达文件。
""",
    template="generic",
)
def check(ctx):
    allow = tuple(ctx.options.get("allow", ()))
    for p in ctx.document.paragraphs:
        for hit in vetted_hits(p.text, allow):
            yield Hit(p.index, hit.start, hit.end,
                      f"疑似{_KIND_TEXT.get(hit.kind, '错别字')}：“{hit.wrong}”应为“{hit.right}”。",
                      hit.right)
