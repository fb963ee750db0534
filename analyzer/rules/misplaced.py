"""misplaced: plans (今后、下一步、要进一步、我将 …) written inside the problems, and problems stated
inside the measures.

Source: reviewers' "问题写成措施" comment — measures belong in their own part and must answer the
problems (https://www.qfxww.com.cn/news/jicengfengcai/116866.html ;
https://www.maiji.gov.cn/info/1221/18991.htm) — and the usual shape of a draft, with 存在的问题 and
整改措施 as separate parts (e.g. the table of contents at https://gongxunwk.com/doc/2668350.html);
markers in lexicons/substance.toml [plan_markers].
"""

from __future__ import annotations

import re

from ..language import tokenizer
from ..units import find_all, sentence_units
from . import Hit, rule

MODAL_WORD_MIN = 20  # 要/会 + the next character this common in jieba is a word (要求, 会同)


def plan_markers(text: str, key: str = "strong") -> list[tuple[int, int, str]]:
    """Plan markers of [plan_markers] in `text`: the `strong` ones, which by themselves make a
    sentence a plan, or (key "phrases") every marker (争取, 计划 may describe what was done),
    and every pattern (我将…, 今后要…) whose 要/会 is a modal verb, not the start of a word."""
    freq = tokenizer().FREQ
    return [(a, b, phrase) for a, b, phrase in find_all("plan_markers", text, key=key)
            if not (phrase[-1] in "要会" and freq.get(text[b - 1:b + 1], 0) >= MODAL_WORD_MIN)]


_PROBLEM_IN_MEASURE = re.compile(r"(?:我|本人)?(?:还)?存在[^。；]{0,20}(?:问题|不足|差距)|(?:没有|未能|不够)[^。；]{0,12}(?:导致|造成)")


@rule(
    "misplaced", "warning", "问题与措施错位",
    why="在“存在的问题”里写今后怎么做，或在“整改措施”里重复问题，说明查摆和整改没有分清。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）2025年到村调研18次，其中10次只听汇报。今后要进一步大兴调查研究之风，每月到村不少于4次。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）2025年到村调研18次，其中10次只听汇报，对西岗村饮水问题没有实地查看。
三、整改措施
（一）2026年起每月到村调研不少于4次，每次走访农户不少于5户。
""",
    template="generic",
)
def check(ctx):
    for unit in sentence_units(ctx, "problems"):
        if strong := plan_markers(unit.text):
            a, b, phrase = strong[0]
            yield Hit(unit.paragraph, unit.start, unit.end,
                      f"“存在的问题”中写了整改打算（“{phrase}”），应移到整改措施部分。",
                      "问题部分只写问题的表现和事实。")
    for unit in sentence_units(ctx, "measures"):
        m = _PROBLEM_IN_MEASURE.search(unit.text)
        if m and not plan_markers(unit.text, key="phrases"):
            yield Hit(unit.paragraph, unit.start, unit.end,
                      "整改措施中在陈述问题，不是措施。", "写清要做什么、何时完成、达到什么标准。")
