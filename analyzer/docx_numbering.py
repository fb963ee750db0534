"""Resolve Word automatic numbering (numbering.xml) into the labels a reader sees.

python-docx's `paragraph.text` drops list labels such as 一、 （一） 1. that Word draws from
numbering.xml; real drafts use them for their part and item headings, so we rebuild them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def qn(tag: str) -> str:
    """Clark name of a w: tag (python-docx's `qn`, without importing python-docx)."""
    prefix, local = tag.split(":")
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + local

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一, 105 -> 一百零五 (counting style)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else chinese_number(rest))
        if 10 <= rest < 20:
            tail = "一" + tail
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Format counter `n` in Word's numFmt `fmt`."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital",
               "chineseLegalSimplified"):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return _HEAVENLY[(n - 1) % 10]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None


@dataclass
class NumberingResolver:
    """Keeps list counters while paragraphs are visited in document order."""

    abstract_levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen_nums: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document) -> NumberingResolver:
        resolver = cls()
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return resolver
        for abstract in numbering.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                level = _Level()
                for tag, attr in (("w:start", "start"), ("w:lvlRestart", "restart")):
                    node = lvl.find(qn(tag))
                    if node is not None and (val := node.get(qn("w:val"))) is not None:
                        try:
                            setattr(level, attr, int(val))
                        except ValueError:
                            pass
                if (node := lvl.find(qn("w:numFmt"))) is not None:
                    level.fmt = node.get(qn("w:val"), "decimal")
                if (node := lvl.find(qn("w:lvlText"))) is not None:
                    level.text = node.get(qn("w:val"), "")
                try:
                    levels[int(lvl.get(qn("w:ilvl"), "0"))] = level
                except ValueError:
                    continue
            resolver.abstract_levels[aid] = levels
        for num in numbering.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            node = num.find(qn("w:abstractNumId"))
            if node is None:
                continue
            resolver.num_to_abstract[nid] = node.get(qn("w:val"))
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    try:
                        resolver.start_overrides.setdefault(nid, {})[
                            int(override.get(qn("w:ilvl"), "0"))] = int(start.get(qn("w:val")))
                    except (TypeError, ValueError):
                        continue
        return resolver

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the rendered label text."""
        aid = self.num_to_abstract.get(num_id)
        levels = self.abstract_levels.get(aid or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.seen_nums:
            self.seen_nums.add(num_id)
            for lvl, start in self.start_overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = levels.get(k, _Level())
                text = text.replace(token, format_number(counters.get(k, lv.start), lv.fmt))
        return text


def paragraph_num(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) of a python-docx paragraph, from its own pPr or its style chain."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = None
    if num_pr is None:
        try:
            style = paragraph.style
        except (KeyError, ValueError, AttributeError):
            style = None
        while style is not None and num_pr is None:
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None:
                num_pr = s_pr.numPr
            style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    num_id = str(num_pr.numId.val)
    if num_id == "0":
        return None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return num_id, int(ilvl)
