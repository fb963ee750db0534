"""excuse: 以工作忙/任务重/时间紧为由解释不足, and 明批暗褒 — criticism that is really praise
(工作太投入, 对自己要求过高, 对家人照顾不够 …), in any part of the draft.

Sources: ../shared/domain.md §4.4 (https://www.fanwenq.com/UserLookArticle.asp?ArticleID=f7bf6ac17c17d029),
§4.5 (http://qzlx.12371.cn/2014/07/31/ARTI1406789099584911.shtml); lists in
lexicons/substance.toml [excuse] and [praise_as_criticism].
"""

from __future__ import annotations

from ..units import find_all, longest_matches
from . import Hit, rule


@rule(
    "excuse", "warning", "找借口、明批暗褒",
    why="用工作忙、任务重解释问题，或把“工作太投入”“对自己要求过高”当缺点，是在为自己开脱、变相表扬。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。因为工作繁忙，2025年自学原著只读了11篇；有时对同志要求过严，工作太投入，对家人照顾不够。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）理论学习方面。2025年自学原著只读了11篇，把理论学习当软任务，挤不出时间是假，思想上不重视是真。
""",
    template="generic",
)
def check(ctx):
    title = ctx.structure.title_paragraph
    for p in ctx.document.paragraphs:
        if p.index == title:
            continue
        for start, end, phrase in longest_matches(find_all("excuse", p.text)):
            if _negated(p.text, start):
                continue
            yield Hit(p.index, start, end,
                      f"以“{phrase}”为理由解释不足，属于找客观借口。",
                      "删去借口，直接写清自己在思想和作风上的原因。")
        for start, end, phrase in longest_matches(find_all("praise_as_criticism", p.text)):
            yield Hit(p.index, start, end,
                      f"“{phrase}”是明批暗褒，以缺点之名行自我表扬之实。",
                      "换成真正的缺点和具体表现。")


def _negated(text: str, start: int) -> bool:
    """不能以工作忙为借口 / 挤不出时间是假 are not excuses but the opposite."""
    before = text[max(0, start - 6):start]
    after = text[start:start + 14]
    return any(w in before for w in ("不能以", "不以", "不得以", "决不以")) or \
        any(w in after for w in ("为借口", "是假", "不是理由", "不能成为"))
