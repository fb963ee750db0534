"""vague-measure: a measure with nothing checkable — no time limit, no number, no concrete
action (建立台账、每月、年底前、不少于 …).

Sources: criticism of measures that are "大而化之" with no quantified target
(https://www.qfxww.com.cn/news/jicengfengcai/116866.html ;
http://tech.jiangsulong.com/a/2019/0127/1548558425_7.html); 定一条、做一条、兑现一条:
https://www.maiji.gov.cn/info/1221/18991.htm; markers in lexicons/substance.toml
[measure_checkable].
"""

from __future__ import annotations

from ..units import find_all, item_units
from . import Hit, rule


@rule(
    "vague-measure", "info", "措施空泛",
    why="整改措施只有“加强、提高、深化”等表态，没有时限、数量或具体动作，无法检验是否兑现。",
    bad="""
某镇副镇长对照检查材料
三、整改措施
（一）加强理论武装。坚持把理论学习摆在首位，不断提高政治站位，真正入脑入心。
""",
    good="""
某镇副镇长对照检查材料
三、整改措施
（一）加强理论武装。2026年起每月自学原著不少于2篇，6月底前完成《习近平谈治国理政》第五卷通读。
""",
    template="generic",
)
def check(ctx):
    for units in item_units(ctx, "measures"):
        text = "".join(u.text for u in units)
        if len(text) < 20 or find_all("measure_checkable", text):
            continue
        first = units[0]
        yield Hit(first.paragraph, first.start, first.end,
                  "这条措施没有时限、数量或具体动作，难以检验。",
                  "写明完成时限（如“2026年6月底前”）、数量标准或具体做法。")
