"""praise-in-problems: 先扬后抑 — praise framing (虽然…但是, 始终/一贯/能够…但) inside the
problems, which turns self-criticism into self-praise.

Sources: published criticism of 明批暗褒, self-praise dressed as criticism
(https://www.fanwenq.com/UserLookArticle.asp?ArticleID=f7bf6ac17c17d029), and sites that teach a
"表扬+批评+表扬" formula (http://haohaofanwen.com/jianli/39817.html), so praise words inside 问题 are a
useful signal; list in
lexicons/substance.toml [praise_framing] (its patterns; a listed word alone proves nothing).
"""

from __future__ import annotations

from ..matching import lexicon_patterns
from ..units import sentence_units
from . import Hit, rule


@rule(
    "praise-in-problems", "warning", "先扬后抑",
    why="在问题部分先讲成绩再讲不足（虽然…但是），冲淡自我批评，是审核常说的“先扬后抑”。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。虽然我始终坚持学习，取得了较好成效，但2025年自学原著只读了11篇。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。2025年自学原著计划24篇只读了11篇，研讨发言3次照念材料。
""",
    template="generic",
)
def check(ctx):
    for unit in sentence_units(ctx, "problems"):
        if found := [(m.start(), m.end()) for rx in lexicon_patterns("substance.toml", "praise_framing")
                     for m in rx.finditer(unit.text)]:
            start, end = min(found)
            yield Hit(unit.paragraph, unit.start + start, unit.start + end,
                      "问题部分先扬后抑，用成绩和优点冲淡了问题。",
                      "删去前半句的成绩表述，直接写问题。")
