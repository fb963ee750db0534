"""copied: a draft mostly copied from a known 范文, or nearly the same as another draft of the
batch (千人一面, 照搬照抄).

Sources: reviewers' complaints about 查找问题找"参考"、抄袭其他单位 and "一个提纲管到底，换个帽子还能
用": https://czjtsc.com/a/view/2013/1031/773896.html , http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml .
The comparison itself is analyzer/similarity.py; `duizhao check --templates DIR` compares one
draft with the 范文, `duizhao batch` also compares the drafts with each other.
"""

from __future__ import annotations

from ..similarity import find_pairs, locate
from . import Hit, rule

_FANWEN = (
    "（一）理论学习方面。理论学习不够系统深入，满足于读读文件、看看报纸，学习的主动性和自觉性不强，"
    "存在以干代学、以会代学的现象，学用结合不够紧密。\n"
    "（二）工作作风方面。深入基层调查研究不够，了解情况多停留在听汇报、看材料上，与群众面对面交流少，"
    "解决实际问题的办法不多。\n"
)


@rule(
    "copied", "warning", "照搬范文或雷同",
    why="材料大段照搬网上范文或与他人材料雷同，不是本人查摆，属于“千人一面”。",
    bad="某镇副镇长对照检查材料\n一、存在的问题\n" + _FANWEN,
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。2025年自学原著计划24篇只读了11篇，中心组研讨发言3次照念材料，没有结合分管的农业农村工作谈体会。
（二）工作作风方面。全年到村调研18次，其中10次只听汇报，对西岗村饮水问题没有实地查看，直到群众信访才过问。
""",
    template="generic",
    example_options={"templates": {"网上范文.txt": "XX镇领导干部对照检查材料范文\n" + _FANWEN}},
)
def check(ctx):
    templates = ctx.options.get("templates")
    if not templates:
        return
    text = ctx.document.text
    common = " ".join(c.name for c in ctx.template.categories)
    for pair in find_pairs({"draft": text}, templates, common):
        yield copy_hit(ctx.document, pair.b, pair.similarity, pair.passages, pair.b_is_template)


SEVERE = 0.8  # from this similarity the copy alone sends the draft back (severity error)


def copy_hit(document, source: str, similarity: float, passages: list[str], template: bool) -> Hit:
    """The finding for a copied draft, anchored on the longest shared passage (on its part in
    the paragraph that holds most of it); on the whole draft when no passage is long enough
    to show."""
    what = f"范文《{source}》" if template else f"材料《{source}》"
    message = f"与{what}雷同（相似度{similarity:.0%}），疑似照搬。"
    advice = "用本人的具体事实重写，不照搬他人材料。"
    severity = "error" if similarity >= SEVERE else "warning"
    paragraphs = document.paragraphs
    for passage in passages:
        found = locate([p.text for p in paragraphs], passage)
        if found is not None:
            index, start, end = found
            return Hit(paragraphs[index].index, start, end, message, advice, severity)
    return Hit(None, 0, 0, message, advice, severity)
