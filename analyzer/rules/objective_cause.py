"""objective-cause: the cause analysis blames circumstances (基础设施滞后, 人手少, 上级要求多,
客观条件 …) instead of 理想信念、党性、宗旨、纪律 roots.

Sources: published criticism of "分析问题找客观" and of meetings that stress only objective causes
(https://czjtsc.com/a/view/2013/1031/773896.html ,
https://soolun.net/periodical/46fe7ffb57b8a4099ea6e116d94fa502.html); lists in
lexicons/substance.toml [objective_cause] and [negation].
"""

from __future__ import annotations

from ..units import asserted
from . import Hit, rule


@rule(
    "objective-cause", "warning", "原因剖析找客观",
    why="原因剖析应从理想信念、党性修养、宗旨意识、纪律规矩等主观方面找根源，而不是归咎于客观条件。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）2025年到村调研18次，其中10次只听汇报。
二、原因剖析
（一）我镇基础设施建设滞后，人手少、任务多，上级安排的检查考核多，导致调研走了过场。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）2025年到村调研18次，其中10次只听汇报。
二、原因剖析
（一）宗旨意识淡化，把调研当任务应付，内心深处怕麻烦、图省事，群众观点树得不牢。
""",
    template="generic",
)
def check(ctx):
    for index in ctx.part_paragraphs("causes"):
        for start, end, phrase in asserted("objective_cause", ctx.text(index)):
            yield Hit(index, start, end,
                      f"原因剖析归于客观条件（“{phrase}”），没有从主观上找根源。",
                      "从理想信念、党性修养、宗旨意识、纪律规矩等方面剖析自身原因。")
