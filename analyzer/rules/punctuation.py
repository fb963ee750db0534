"""punctuation: half-width marks in Chinese text, unbalanced or nested quotes and brackets,
lists joined by ， instead of 、, repeated marks, body paragraphs with no end mark.

Source: GB/T 15834-2011《标点符号用法》(§4.1 句号, §4.5 顿号 for 并列词语, §4.8 引号: 引号里面
还要用引号时，外面用双引号，里面用单引号) and GB/T 9704-2012 for 公文.
"""

from __future__ import annotations

import re

from . import Hit, rule

_HAN = "\u4e00-\u9fff"
_ASCII_MARK = re.compile(r'[,;:?!()"]')   # what the two half-width checks below look for
_HALF = re.compile(rf"(?<=[{_HAN}])[,;:?!()]|[,;:?!()](?=[{_HAN}])")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_QUOTE = re.compile(rf'(?<=[{_HAN}])"|"(?=[{_HAN}])')
_REPEATED = re.compile(r"([，。、；：！？])\1+|[，、；：][，。、；：]|。[，、；：]")
_COMMA_LIST = re.compile(rf"(?:[{_HAN}]{{2,4}}，){{2,}}[{_HAN}]{{2,4}}(?=等)")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_ENDINGS = "。！？；…”’）)》：:」』—"


_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def bracket_hits(paragraph: int, text: str):
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            if ch == "“" and stack and stack[-1][0] == "“":
                yield Hit(paragraph, i, i + 1, "双引号内又用双引号，内层应改用单引号‘’。", "‘")
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            elif any(op == _CLOSERS[ch] for op, _ in stack):
                while stack and stack[-1][0] != _CLOSERS[ch]:
                    op, pos = stack.pop()
                    yield Hit(paragraph, pos, pos + 1, f"“{op}”没有对应的“{_PAIRS[op]}”。", "")
                stack.pop()
            else:
                yield Hit(paragraph, i, i + 1, f"“{ch}”前面没有对应的“{_CLOSERS[ch]}”（引号或括号方向错误、不成对）。", "")
    for op, pos in stack:
        yield Hit(paragraph, pos, pos + 1, f"“{op}”没有对应的“{_PAIRS[op]}”。", "")


def _heading_paragraphs(ctx) -> set[int]:
    heads = {s.paragraph for s in ctx.structure.sections if s.heading}
    if ctx.structure.title_paragraph is not None:
        heads.add(ctx.structure.title_paragraph)
    return heads


@rule(
    "punctuation", "warning", "标点不规范",
    why="中文材料中混用半角标点、引号括号不成对、并列词语用逗号、段末缺句号等，是审核中常被圈出的硬伤。",
    bad="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。对“两个确立”的决定性意义领悟不深,2025年参加学习研讨只有4次
""",
    good="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。对“两个确立”的决定性意义领悟不深，2025年参加学习研讨只有4次。
""",
    template="generic",
)
def check(ctx):
    headings = _heading_paragraphs(ctx)
    for p in ctx.document.paragraphs:
        text = p.text
        half = _ASCII_MARK.search(text) is not None
        for m in _HALF.finditer(text) if half else ():
            yield Hit(p.index, m.start(), m.end(),
                      f"中文中使用了半角标点“{m.group()}”，应为全角“{_FULL[m.group()]}”。", _FULL[m.group()])
        for m in _ASCII_QUOTE.finditer(text) if half else ():
            yield Hit(p.index, m.start(), m.end(), "中文中使用了半角引号，应为全角“”。", "“”")
        yield from bracket_hits(p.index, text)
        for m in _REPEATED.finditer(text):
            yield Hit(p.index, m.start(), m.end(), f"标点重复或连用不当：“{m.group()}”。", m.group()[0])
        for m in _COMMA_LIST.finditer(text) if "等" in text else ():
            yield Hit(p.index, m.start(), m.end(), "并列词语之间应使用顿号“、”，不用逗号。",
                      m.group().replace("，", "、"))
        if p.index not in headings and len(text) >= 30 and text[-1] not in _ENDINGS:
            yield Hit(p.index, len(text) - 1, len(text), "正文段落末尾缺少句末标点。", text[-1] + "。")
