"""weak-category: a required category is touched only in passing (a heading with little under it,
or an item that only loosely matches).

Source: reviewers return drafts whose problems are "不聚焦" or listed without substance
(a county's "四个不放过" review standard: http://www.slrbs.com/special/j/2014-05-19/158536.html ;
vague problems with no facts: https://dawenge.com/jihuazongjie/365235.html ;
http://qzlx.12371.cn/2014/07/31/ARTI1406789099584911.shtml).
"""

from . import Hit, rule


@rule(
    "weak-category", "warning", "方面查摆薄弱",
    why="某个规定方面只有标题或一两句泛泛之谈，查摆不深不实。",
    bad="""
某县直局局长对照检查材料
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。有差距。
""",
    good="""
某县直局局长对照检查材料
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。2025年传达学习上级部署5次，但对其中2项只转发文件、未研究具体落实措施，落实高标准农田建设任务滞后一个月。
""",
    template="annual-2025",
)
def check(ctx):
    for cat in ctx.categories:
        if cat.status != "weak":
            continue
        anchor = cat.paragraphs[0] if cat.paragraphs else None
        text = ctx.text(anchor) if anchor is not None else ""
        yield Hit(anchor, 0, len(text) if anchor is not None else 0,
                  f"“{cat.name}”方面查摆不充分，内容单薄或与该方面关联不紧。",
                  "围绕该方面写出具体表现：时间、事件、数据或例子。")
