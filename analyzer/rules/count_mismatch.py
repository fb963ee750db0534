"""count-mismatch: the number of items declared in a part's intro ("以下六个方面问题") differs from
the number of items that follow.

Source: a mismatch is a plain editing error reviewers mark; drafts routinely declare counts
(e.g. a published draft naming "重点查摆的5个方面": https://www.fswk.com/articles/38584).
"""

import re

from ..structure import CN_NUM
from . import Hit, rule

_SPAN = re.compile(rf"[{CN_NUM}两0-9]{{1,3}}\s*(?:个\s*方面|方面|点|个问题|条)")


@rule(
    "count-mismatch", "warning", "声明数量与实际不符",
    why="导语写“以下几个方面”，实际列出的条目数量与之不符。",
    bad="""
某镇镇长对照检查材料
一、存在的问题
对照反馈意见，我主要存在以下三个方面问题。
（一）理论学习方面。2025年自学原著篇目不足计划的一半。
（二）作风方面。全年到村调研18次，其中10次只听汇报。
""",
    good="""
某镇镇长对照检查材料
一、存在的问题
对照反馈意见，我主要存在以下两个方面问题。
（一）理论学习方面。2025年自学原著篇目不足计划的一半。
（二）作风方面。全年到村调研18次，其中10次只听汇报。
""",
    template="generic",
)
def check(ctx):
    for section in ctx.structure.sections:
        if section.declared_count is None or not section.items:
            continue
        found = len(section.items)
        if found == section.declared_count:
            continue
        text = ctx.text(section.declared_at)
        m = _SPAN.search(text)
        start, end = (m.start(), m.end()) if m else (0, len(text))
        yield Hit(section.declared_at, start, end,
                  f"“{section.name}”写明{section.declared_count}个方面，实际列出{found}项。",
                  f"改为{found}个方面，或补齐缺少的条目。")
