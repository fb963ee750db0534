"""previous-rectification: where the template requires it, the draft gives no account of how the
problems of the last meeting were rectified (上年度/上次 … 整改 … 落实/完成/销号), or only declares
them "基本整改到位" without saying what was done.

The account is the part the structure stage found: a heading, or a paragraph before the problems
matching the part's `content` patterns in lexicons/structure.toml. A problem item that mentions
the last meeting (对2024年度民主生活会查摆问题的整改抓得不紧) is a problem, not the account.

Sources: meetings formally report how the previous meeting's problems were rectified
(https://www.lnst.gov.cn/html/CYSTQ/202602/0177108067322666.html ;
http://lueyang.gov.cn/lyxzf/lyxwzx/zwyw/202602/49a283ea03e146028bec2b35afa8beec.shtml), and
reviewers expect the problems raised at the last meeting to be faced, not just declared settled
(http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml); bare declarations in
lexicons/substance.toml [declared_rectified].
"""

from __future__ import annotations

import re

from ..units import find_all
from . import Hit, rule

MIN_ACCOUNT = 80  # characters below which a rectification account is a bare declaration


@rule(
    "previous-rectification", "error", "缺少上次整改情况",
    why="本次会议要求通报上年度（上次）民主生活会查摆问题的整改落实情况，材料没有交代或只写“基本整改到位”。",
    bad="""
某局局长2025年度民主生活会对照检查材料
会前，我参加了局党组理论学习中心组专题学习4次，征求意见23条。
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。2025年传达学习上级部署5次，其中2项只转发文件。
""",
    good="""
某局局长2025年度民主生活会对照检查材料
会前，我参加了局党组理论学习中心组专题学习4次，征求意见23条。
一、2024年度民主生活会整改落实情况
2024年度民主生活会我查摆的5个问题，已整改完成4个并销号：调研不深的问题，2025年走访农户120户；学用脱节的问题，完成专题调研报告2篇。剩余1个需长期坚持，正按台账推进。
二、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。2025年传达学习上级部署5次，其中2项只转发文件。
""",
    template="annual-2025",
)
def check(ctx):
    if "previous_rectification" not in ctx.template.required_parts:
        return
    section = ctx.structure.section("previous_rectification")
    paragraphs = ctx.part_paragraphs("previous_rectification") if section else []
    account = "".join(ctx.text(i) for i in paragraphs if i != getattr(section, "paragraph", -1)
                      or not section.heading)
    if not account:
        yield Hit(None, 0, 0, "没有交代上年度（上次）民主生活会查摆问题的整改落实情况。",
                  "单列一部分，逐条说明上次查摆问题的整改措施、完成情况和未完成原因。")
        return
    declared = find_all("declared_rectified", account)
    if len(account) < MIN_ACCOUNT and declared:
        first = paragraphs[-1]
        text = ctx.text(first)
        m = re.search(re.escape(declared[0][2]), text)
        yield Hit(first, m.start() if m else 0, m.end() if m else len(text),
                  "上次整改情况只写了“整改到位”的结论，没有逐条说明做了什么。",
                  "逐条写明上次查摆的问题、整改措施和完成情况，未完成的说明原因。",
                  severity="warning")
