"""duplicate: the same sentence, or a near-same paragraph, repeated inside one draft — a sign
of patching a template together.

Source: published criticism of copied and template material (套用、借用、翻用:
http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml ; 抄袭其他单位:
https://czjtsc.com/a/view/2013/1031/773896.html ; 千人一面 across units:
http://www.ncdzx.com/plzhx/dlgc/201311/t20131118_5222328.htm).
"""

from __future__ import annotations

from ..matching import sentences
from ..similarity import normalise
from ..structure import label_end
from . import Hit, rule

MIN_SENTENCE = 15    # shorter sentences (slogans) may fairly recur
NEAR_SAME = 0.8      # character-trigram Jaccard at which two paragraphs are the same
# Punctuation and spaces do not make two sentences different; numbers do (调研12次 / 调研18次):
# both compared as copy detection normalises text (Chinese characters, letters, digits).


def _trigrams(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(len(text) - 2)}


@rule(
    "duplicate", "warning", "内容重复",
    why="同一句话或几乎相同的段落在材料中重复出现，说明材料拼凑、没有通读。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
（一）2025年到村调研18次，其中10次只听汇报，没有深入农户家中了解情况。
（二）落实八项规定精神方面。2025年到村调研18次，其中10次只听汇报，没有深入农户家中了解情况。
""",
    good="""
某镇副镇长对照检查材料
一、存在的问题
（一）2025年到村调研18次，其中10次只听汇报，没有深入农户家中了解情况。
（二）落实八项规定精神方面。2025年3次到企业调研时接受了工作餐，没有按规定付费。
""",
    template="generic",
)
def check(ctx):
    seen_sentences: dict[str, int] = {}
    kept: list[tuple[int, set[str]]] = []
    headings = {s.paragraph for s in ctx.structure.sections if s.heading}
    for p in ctx.document.paragraphs:
        if p.index in headings:
            continue
        reported = False
        for a, b in sentences(p.text):
            sentence = p.text[a:b]
            key = normalise(sentence[label_end(sentence):])
            if len(key) < MIN_SENTENCE:
                continue
            if key in seen_sentences and seen_sentences[key] != p.index:
                yield Hit(p.index, a, b, f"这句话与第{seen_sentences[key] + 1}段重复。", "删去重复内容。")
                reported = True
            seen_sentences.setdefault(key, p.index)
        grams = _trigrams(normalise(p.text))
        if len(grams) >= 30 and not reported:
            for index, other in kept:
                if len(grams & other) / len(grams | other) >= NEAR_SAME:
                    yield Hit(p.index, 0, len(p.text), f"本段与第{index + 1}段内容几乎相同。",
                              "合并或删去重复段落。")
                    break
        kept.append((p.index, grams))
