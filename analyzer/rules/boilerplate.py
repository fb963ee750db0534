"""boilerplate: 套话/空话 — paragraphs made mostly of fixed formulas (不够/不深/不强, 有待提高,
the 老三样 学习/调研/创新不够) with no fact behind them.

Sources: lexicons/boilerplate.txt (each group with its source, e.g.
http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml on the 老三样,
https://dawenge.com/jihuazongjie/365235.html on "不够"); reports of the same formulas recurring
year after year (https://www.qfxww.com.cn/news/jicengfengcai/116866.html ;
https://opinion.dahe.cn/2025/03-28/1913106.html).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..matching import lexicon_matcher, sentences
from . import Hit, rule

# A run of three or more "X不够/不深/不强…" formulas with no object: 要求不严、标准不高、抓得不紧.
_NEG = "不够|不深|不强|不足|不高|不严|不实|不透|不到位|不紧|不多|不细"
_NEGATIVE_RUN = re.compile(rf"(?:[\u4e00-\u9fff]{{1,4}}(?:{_NEG})[、，]){{2,}}[\u4e00-\u9fff]{{0,4}}(?:{_NEG})")
_NEGATION = re.compile(_NEG)
_FACT = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千万]+(?:次|个|件|人|项|户|元|天|年|月|条|名)|例如|比如")
BODY_PARTS = ("problems", "causes", "case", "previous_rectification")
DENSE = 0.5         # share of a paragraph's sentences that are boilerplate before it is flagged
MIN_SENTENCES = 2   # and at least this many of them: one stock phrase is not yet 套话


def lexicon_formulas(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, phrase) of the 套话 lexicon's formulas in each text, found by one search
    over the texts joined by line breaks (no formula holds one, so each text's matches are the
    ones a search of it alone would find)."""
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for m in lexicon_matcher("boilerplate.txt").find("\n".join(texts)):
        i = bisect_right(starts, m.start) - 1
        found[i].append((m.start - starts[i], m.end - starts[i], m.phrase))
    return found


def boilerplate_sentences(text: str, spans_of_sentences: list[tuple[int, int]],
                          formulas: list[tuple[int, int, str]]
                          ) -> tuple[list[tuple[int, int]], list[str], int]:
    """(spans of formulas, the formulas, number of sentences that are boilerplate); `formulas`
    are the lexicon's in `text` (`lexicon_formulas`)."""
    matches = list(formulas)
    if len(_NEGATION.findall(text)) >= 3:  # the run pattern needs three 不够/不深/… formulas
        matches += [(m.start(), m.end(), m.group()) for m in _NEGATIVE_RUN.finditer(text)]
    if not matches:
        return [], [], 0
    spans, phrases, count = [], [], 0
    for start, end in spans_of_sentences:  # (a formula never crosses 。；！？)
        found = sorted(m for m in matches if start <= m[0] < end)
        if found and not _FACT.search(text, start, end):
            count += 1
        for s, e, phrase in found:
            spans.append((s, e))
            phrases.append(phrase)
    return spans, phrases, count


@rule(
    "boilerplate", "warning", "套话空话",
    why="用“不够、不深、有待提高”等固定说法堆砌问题，没有事实，不见人不见事，是“四个不放过”中问题不聚焦的典型。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。理论学习不够深入，学用结合不够。创新意识不强，工作标准不高、要求不严、抓得不紧。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。2025年自学原著计划24篇只读了11篇，中心组研讨发言3次照念材料，没有结合分管的农业农村工作谈体会。
""",
    template="generic",
)
def check(ctx):
    total_sentences = boiler_sentences = 0
    body = [index for part in BODY_PARTS for index in ctx.part_paragraphs(part)]
    for index, formulas in zip(body, lexicon_formulas([ctx.text(i) for i in body]), strict=True):
        text = ctx.text(index)
        parts = sentences(text)
        n = len(parts)
        spans, phrases, count = boilerplate_sentences(text, parts, formulas)
        total_sentences += n
        boiler_sentences += count
        if not n or count < MIN_SENTENCES or count / n < DENSE:
            continue
        shown = "、".join(dict.fromkeys(phrases))
        yield Hit(index, spans[0][0], spans[-1][1] if len(spans) < 4 else spans[0][1],
                  f"本段{n}句中有{count}句是套话（{shown}），占{count / n:.0%}，缺少具体事实。",
                  "用具体的时间、事件、数据或例子说明问题，删去空泛的“不够”“不强”。")
    ctx.stats["boilerplate_ratio"] = round(boiler_sentences / total_sentences, 3) if total_sentences else 0.0
