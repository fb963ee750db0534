"""excuse: 以工作忙/任务重/时间紧为由解释不足, and 明批暗褒 — criticism that is really praise
(工作太投入, 对自己要求过高, 对家人照顾不够 …), in any part of the draft.

Sources: 明批暗褒, self-praise dressed as criticism
(https://www.fanwenq.com/UserLookArticle.asp?ArticleID=f7bf6ac17c17d029), and "工作忙" used as an
excuse (http://qzlx.12371.cn/2014/07/31/ARTI1406789099584911.shtml); lists in
lexicons/substance.toml [excuse], [praise_as_criticism] (whose `self_assessment` words turn a
phrase into real self-criticism: 认为自己经验丰富) and [negation].
"""

from __future__ import annotations

from ..lexicons import load_toml
from ..matching import lexicon_matcher, sentences
from ..units import asserted, find_all, longest_matches
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
    # in the causes, a span objective-cause reports is not reported twice (when it runs)
    causes = set(ctx.part_paragraphs("causes")) if "objective-cause" not in ctx.options.get("disable", ()) else set()
    self_assessment = lexicon_matcher("substance.toml", "praise_as_criticism", "self_assessment")
    self_regard = set(load_toml("substance.toml")["praise_as_criticism"]["self_regard"])
    for p in ctx.document.paragraphs:
        if p.index == title:
            continue
        taken = asserted("objective_cause", p.text) if p.index in causes else []
        for start, end, phrase in asserted("excuse", p.text):
            if any(a < end and start < b for a, b, _ in taken):
                continue
            yield Hit(p.index, start, end,
                      f"以“{phrase}”为理由解释不足，属于找客观借口。",
                      "删去借口，直接写清自己在思想和作风上的原因。")
        for start, end, phrase in longest_matches(find_all("praise_as_criticism", p.text)):
            if phrase in self_regard and self_assessment.find(_sentence_before(p.text, start)):
                continue  # 认为自己经验丰富: criticising the self-assessment, not praise
            yield Hit(p.index, start, end,
                      f"“{phrase}”是明批暗褒，以缺点之名行自我表扬之实。",
                      "换成真正的缺点和具体表现。")


def _sentence_before(text: str, start: int) -> str:
    """The text of the sentence that holds `start`, up to `start` (认为自己 governs every clause
    after it in its sentence: 认为自己作为老党员，入党时间长、工作经验丰富)."""
    return next((text[a:start] for a, b in sentences(text) if a <= start < b), "")

