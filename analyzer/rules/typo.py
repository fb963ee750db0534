"""typo: wrong characters in the genre's fixed phrases and common words, characters dropped,
added or doubled, and 的/地/得 misuse.

Sources: the phrase lexicon in lexicons/phrases (political formulations, 公文 collocations,
idioms — each group names its source), the confusion set lexicons/confusions.txt, jieba's word
frequencies, the 的/地/得 lists in lexicons/dedide.toml and the usage patterns in
lexicons/usage.toml (截止 before a time -> 截至). The engine is analyzer/proofread.py;
precision and recall are measured by benchmarks/typos.
"""

from __future__ import annotations

from ..proofread import find_typos_in
from . import Hit, rule

_KIND_TEXT = {
    "homophone": "同音字", "near_homophone": "近音字", "shape": "形近字",
    "homophone_word": "同音字", "near_homophone_word": "近音字", "shape_word": "形近字",
    "misspelling": "错别字", "shape_lone": "形近字",
    "missing_char": "漏字", "doubled": "重复字词", "extra_char": "多字", "list_item": "并列词语用字",
    "de_di_de": "“的、地、得”用法", "usage": "用词不当",
}


def describe(hit) -> str:
    kind = _KIND_TEXT.get(hit.kind, "错别字")
    if not hit.right:
        return f"疑似{kind}：“{hit.wrong}”应删去。"
    return f"疑似{kind}：“{hit.wrong}”应为“{hit.right}”。"


@rule(
    "typo", "error", "错别字",
    why="错别字、漏字、重复字和的地得误用是退回材料最常见的原因之一，也有损严肃性。",
    bad="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。对党的创新理论的精髓要以把握不准，2025年有3次中心组学习只是传达文件。
""",
    good="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。对党的创新理论的精髓要义把握不准，2025年有3次中心组学习只是传达文件。
""",
    template="generic",
)
def check(ctx):
    allow = tuple(ctx.options.get("allow", ()))
    paragraphs = ctx.document.paragraphs
    for p, hits in zip(paragraphs, find_typos_in([p.text for p in paragraphs], allow), strict=True):
        for hit in hits:
            yield Hit(p.index, hit.start, hit.end, describe(hit), hit.right)
