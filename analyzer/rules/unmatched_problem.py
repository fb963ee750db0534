"""unmatched-problem: a problem item that no measure answers — judged leniently, because causes
and measures may legitimately be more general than problems.

A problem item counts as answered when some measure item (a) shares its theme among the
classifier's two most likely themes, or (b) shares MIN_SHARED distinctive words with it
(words found in fewer than a quarter of the draft's paragraphs: 建设、制度 match everything).

Sources: reviewers' "措施与问题不对应" comment and the expected 清单—台账—销号 practice
(https://www.qfxww.com.cn/news/jicengfengcai/116866.html ;
http://tech.jiangsulong.com/a/2019/0127/1548558425_7.html ;
https://www.maiji.gov.cn/info/1221/18991.htm), and the counter-view that 督导组 over-demand
one-to-one logic: https://wdkppt.com/news/txtlist_i131v.html.
"""

from __future__ import annotations

from ..classify import theme_model
from ..language import tokens
from ..units import MIN_PARAGRAPH, part_items
from . import Hit, rule

_STOP = frozenset("工作 问题 方面 存在 进一步 加强 提高 深入 切实 坚持 推动 落实 不够 没有 我们 自己 "
                  "本人 一是 二是 三是 今后 认真 全面 积极 主动 有效 严格 同志 群众 干部 党员".split())


MIN_SHARED = 3  # distinctive words a measure must share with a problem to answer it


def content_words(text: str) -> set[str]:
    return {w for w in tokens(text) if len(w) >= 2 and w not in _STOP and not w.isdigit()}


def top_themes(text: str, n: int = 2) -> list[str]:
    model = theme_model()
    if model is None:
        return []
    proba = model.predict_proba(text)
    return sorted(proba, key=proba.get, reverse=True)[:n]


def _common_words(ctx) -> set[str]:
    """Words in at least a quarter of the paragraphs (and at least three) carry no match."""
    counts: dict[str, int] = {}
    for p in ctx.document.paragraphs:
        for w in content_words(p.text):
            counts[w] = counts.get(w, 0) + 1
    limit = max(3, len(ctx.document.paragraphs) // 4)
    return {w for w, n in counts.items() if n >= limit}


def _items(ctx, part: str) -> list[tuple[int, str]]:
    """(first paragraph, whole text with its heading) of each item of a part."""
    return [(paragraphs[0], "".join(ctx.text(i) for i in paragraphs))
            for _, paragraphs in part_items(ctx.document, ctx.structure, part, MIN_PARAGRAPH)]


@rule(
    "unmatched-problem", "warning", "问题无对应措施",
    why="查摆出的问题在整改措施中找不到对应的举措，整改就落不了地。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）财政资金监管不严。2025年有3个村的高标准农田项目资金拨付后没有跟踪检查，1个村挪用补助资金8万元未及时发现。
三、整改措施
（一）加强理论学习。2026年起每月自学原著不少于2篇，撰写学习心得。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）财政资金监管不严。2025年有3个村的高标准农田项目资金拨付后没有跟踪检查，1个村挪用补助资金8万元未及时发现。
三、整改措施
（一）严管项目资金。2026年3月底前对全镇项目资金拨付使用开展一次全面检查，建立资金使用台账，每季度跟踪一次。
""",
    template="generic",
)
def check(ctx):
    problems = _items(ctx, "problems")
    measures = _items(ctx, "measures")
    if not problems or not measures:
        return  # a missing part is reported by missing-section
    common = _common_words(ctx)
    measure_words = [content_words(text) - common for _, text in measures]
    measure_themes = [set(top_themes(text)) for _, text in measures]
    for paragraph, text in problems:
        words = content_words(text) - common
        theme = top_themes(text, 1)
        answered = any(len(words & mw) >= MIN_SHARED for mw in measure_words) or \
            (theme and any(theme[0] in mt for mt in measure_themes))
        if not answered:
            head = ctx.text(paragraph)
            yield Hit(paragraph, 0, min(len(head), 40),
                      "这一项问题在整改措施中找不到对应的举措。",
                      "针对这项问题补充具体整改措施，明确时限和责任。")
