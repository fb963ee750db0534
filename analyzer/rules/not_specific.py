"""not-specific: a problem point with no concrete detail — no date, counted number, named project
(“…”工程/行动), event (有一次) or example (例如). A place name alone does not count (锦绣街道 is
not a fact). Reviewers call it 没有见人见事.

Sources: criticism of vague problems with no facts; reviewers want "一件一桩" with examples
(https://dawenge.com/jihuazongjie/365235.html ;
http://qzlx.12371.cn/2014/07/31/ARTI1406789099584911.shtml);
the standard demand 见人见事见思想 (http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml ;
https://www.lnst.gov.cn/html/CYSTQ/202602/0177108067322666.html); markers in
lexicons/substance.toml [specific_markers].
"""

from __future__ import annotations

from ..matching import lexicon_matcher, lexicon_patterns
from ..units import item_units
from . import Hit, rule


def is_specific(text: str) -> bool:
    """Whether `text` holds a fact marker of [specific_markers] (stops at the first found)."""
    return bool(lexicon_matcher("substance.toml", "specific_markers").find(text)) or any(
        m.end() > m.start() for rx in lexicon_patterns("substance.toml", "specific_markers")
        for m in rx.finditer(text))


@rule(
    "not-specific", "warning", "问题不具体",
    why="查摆问题只有“不够、不深、不强”的判断，没有时间、事件、数据或例子，不见人不见事。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。一是理论学习不够深入，学用结合不够紧密。二是调查研究不够扎实，服务群众意识有待增强。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。一是2025年自学原著计划24篇只读了11篇，中心组研讨发言3次照念材料。二是全年到村调研18次，其中10次只听汇报，没有进农户家。
""",
    template="generic",
)
def check(ctx):
    total = specific = 0
    for units in item_units(ctx, "problems"):
        for unit in units:
            total += 1
            if is_specific(unit.text):
                specific += 1
                continue
            yield Hit(unit.paragraph, unit.start, unit.end,
                      "这一条问题没有具体事例、时间、数据或人和事，不见人不见事。",
                      "写明在哪件事、哪个时间、涉及哪些人和数据上暴露出这个问题。")
    ctx.stats["specific_share"] = round(specific / total, 3) if total else 0.0
