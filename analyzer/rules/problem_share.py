"""problem-share: 问题查摆 and 原因剖析 together take less of the text than expected.

Source: reviewers' scripts flag drafts whose problem+cause part is under half of the text
(reviewers' practice, not a published rule; the nearest published guidance on length is the older
~3000字 expectation for 党性分析材料: http://caiyes.cn/forum.php?goto=nextoldset&mod=redirect&tid=85021);
the "以摆成绩代替查摆问题" defect (http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml). The share is
`problem_share` in each template.
"""

from ..context import SELF_CRITICAL_PARTS
from . import Hit, rule


@rule(
    "problem-share", "warning", "问题剖析篇幅占比低",
    why="查摆问题、剖析原因（含对照案例查摆）的篇幅不到全文的一半，材料重心偏离自我批评。",
    bad="""
某镇副镇长对照检查材料
会前，我认真学习了党的二十大精神和习近平总书记重要讲话精神，通过召开座谈会、个别访谈等方式广泛征求意见建议，并与班子成员逐一开展谈心谈话，交流思想、查找不足，为开好民主生活会打下了基础。
一、存在的问题
2025年自学原著不足计划一半。
二、原因剖析
理想信念有所松懈。
三、整改措施
2026年起每月自学原著不少于2篇，年底前完成全部篇目，并在支部会上交流心得体会，接受班子成员和党员群众监督。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
2025年自学原著不足计划一半，全年计划24篇只读了11篇；中心组研讨发言3次照念材料，没有结合分管的农业农村工作谈体会。
二、原因剖析
理想信念有所松懈，把理论学习当软任务，认为抓好项目就是最大的政治，放松了思想改造。
三、整改措施
2026年起每月自学原著不少于2篇。
""",
    template="generic",
)
def check(ctx):
    total = sum(len(p.text) for p in ctx.document.paragraphs)
    if not total or ctx.structure.section("problems") is None:
        return
    core = sum(ctx.part_chars.get(p, 0) for p in SELF_CRITICAL_PARTS)
    share = core / total
    need = ctx.template.problem_share
    if share < need:
        yield Hit(None, 0, 0,
                  f"问题查摆和原因剖析占全文{share:.0%}，低于{need:.0%}，自我批评分量不足。",
                  "压缩学习体会和工作成绩的叙述，把篇幅用在查摆问题和剖析根源上。")
