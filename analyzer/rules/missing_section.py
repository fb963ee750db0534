"""missing-section: a part the meeting's template requires is absent.

Source: the expected parts of a 对照检查材料 (会前准备, 上次整改落实情况,
存在的问题, 反面典型案例剖析, 原因剖析, 整改措施), as reported for recent meetings and drafts
(https://www.lnst.gov.cn/html/CYSTQ/202602/0177108067322666.html ;
https://www.fswk.com/articles/38584 ; https://gongxunwk.com/doc/2668350.html ;
http://qzlx.12371.cn/2014/07/31/ARTI1406789099584911.shtml ;
https://www.maiji.gov.cn/info/1221/18991.htm); required parts are listed per template.
"""

from ..structure import part_names
from . import Hit, rule

_ADVICE = {
    "preparation": "在开头写明会前学习内容、征求意见条数和谈心谈话人次。",
    "previous_rectification": "单列上年度（上次）民主生活会查摆问题的整改落实情况，逐条说明完成情况。",
    "problems": "按规定的几个方面逐项查摆个人存在的问题。",
    "case": "选取反面典型案例，剖析案例并对照查摆自身差距。",
    "causes": "从理想信念、党性修养、宗旨意识、纪律规矩等主观方面剖析根源。",
    "measures": "针对查摆的问题逐条提出整改措施，明确时限和可检验的目标。",
}


@rule(
    "missing-section", "error", "缺少必备部分",
    why="材料缺少本次会议要求的组成部分（如原因剖析、整改措施），审核时会被直接退回。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。2025年参加中心组学习12次，其中3次因外出招商请假，未及时补学。
二、原因剖析
（一）理想信念有所松懈，对理论学习重要性认识不足。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。2025年参加中心组学习12次，其中3次因外出招商请假，未及时补学。
二、原因剖析
（一）理想信念有所松懈，对理论学习重要性认识不足。
三、整改措施
（一）2026年3月底前补学缺课篇目，每月自学原著不少于2篇并撰写心得。
""",
    template="generic",
)
def check(ctx):
    present = {s.part for s in ctx.structure.sections}
    names = part_names()
    for part in ctx.template.required_parts:
        # a missing account of the last meeting's rectification is reported (as an error) by
        # previous-rectification, which also judges an account that is there; not twice
        if part not in present and part != "previous_rectification":
            yield Hit(None, 0, 0, f"缺少“{names.get(part, part)}”部分。", _ADVICE.get(part, ""))
