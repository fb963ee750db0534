"""not-self: in a personal draft, problems written about others or the group (有的同志, 部分同志,
个别党员 …) instead of 我/本人.

Sources: the defect of replacing one's own problems by the team's or subordinates' problems
(http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml ; a writer noticing he wrote others'
problems: https://m.haomeiwen.com/subject/hkguzhtx.html) and third-person hedges
("有的同志认为" sentences:
http://www.ncdzx.com/plzhx/dlgc/201311/t20131118_5222328.htm); list in lexicons/substance.toml [not_self].
"""

from __future__ import annotations

import re

from ..structure import label_end
from ..units import CLAUSE_BREAK, find_all, sentence_units
from . import Hit, rule

# What may stand between the start of a clause (after its numbering label) and the group word
# when that word is the subject of the clause.
_LEAD = re.compile(r"\s*(?:其中|另外|同时|此外)?[，、]?\s*")


@rule(
    "not-self", "warning", "查摆他人问题",
    why="个人对照检查应查摆本人的问题，写“有的同志”“部分党员”是以群体问题代替个人问题、推卸责任。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）作风方面。有的同志调研走过场，2025年部分同志到村只听汇报，群众意见较大。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）作风方面。我调研走过场，2025年到村18次，其中10次只听汇报，没有入户。
""",
    template="generic",
)
def check(ctx):
    if "班子" in ctx.structure.title and "个人" not in ctx.structure.title:
        return  # a 班子 draft speaks for the group by design
    for unit in sentence_units(ctx, "problems"):
        for start, end, phrase in find_all("not_self", unit.text):
            if not _is_subject(unit.text, start):
                continue  # 对班子成员的监督 — the group is the object, not the subject
            yield Hit(unit.paragraph, unit.start + start, unit.start + end,
                      f"个人材料中写“{phrase}”的问题，应查摆本人的问题。",
                      "改为“我”“本人”，写自己的具体表现。")
            break


def _is_subject(text: str, start: int) -> bool:
    """The group word at `start` opens its clause, after at most a numbering label (（一） 1.
    一是 第一，) and a connective (其中 另外 …)."""
    clause = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    clause += label_end(text[clause:])
    return clause <= start and _LEAD.fullmatch(text, clause, start) is not None
