"""Structure stage: title, meeting type, role, parts, numbered items and points, declared counts.

Input: a Document. Output: a Structure (plain data) that rules read; nothing here judges.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicons import load_toml
from .model import Document, Item, Point, Section, Structure

CN_NUM = "一二三四五六七八九十"
_SECTION_RE = re.compile(rf"^\s*([{CN_NUM}]{{1,3}})\s*[、.．]\s*(.*)$")
_ITEM_RE = re.compile(rf"^\s*[（(]\s*([{CN_NUM}]{{1,3}})\s*[）)]\s*[、.．]?\s*(.*)$")
_ARABIC_ITEM_RE = re.compile(r"^\s*([0-9０-９]{1,2})\s*[.．、](?![0-9])\s*(.*)$")
_POINT_RE = re.compile(rf"(?:^|(?<=[。；;！？!?：:\s”]))([{CN_NUM}]{{1,3}})是(?=[，,：:、\s]|[^\s])")
_ORDINAL_RE = re.compile(rf"(?:^|(?<=[。；;！？!?\s]))第([{CN_NUM}]{{1,3}})[，,、：:]")
_NAMED_CATEGORY_RE = re.compile(r"在\s*[“\"]?(.{2,60}?)[”\"]?\s*等?\s*方面")
_DECLARED_RE = re.compile(rf"([{CN_NUM}两0-9]{{1,3}})\s*(?:个\s*方面|方面|点|个问题|条)")
_END_PUNCT = "。！？!?；;…"


def cn_to_int(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23, 两 -> 2, also ASCII/full-width digits."""
    text = text.strip()
    if not text:
        return 0
    if text.isdigit():
        return int(text.translate({0xFF10 + i: 0x30 + i for i in range(10)}))
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(units, 0) if units else 0)
    return _DIGITS.get(text, 0)


_DIGITS = {c: i + 1 for i, c in enumerate("一二三四五六七八九")} | {"两": 2}


@cache
def _config() -> dict:
    data = load_toml("structure.toml")
    parts = [
        (p["id"], p["name"], [re.compile(x) for x in p.get("heading", [])],
         [re.compile(x) for x in p.get("content", [])])
        for p in data["part"]
    ]
    meetings = [
        (m["name"], [re.compile(x) for x in m["patterns"]], m["template"], m.get("default_template"),
         tuple(m.get("alternatives", ())))
        for m in data["meeting"]
    ]
    roles = sorted(data.get("roles", []), key=len, reverse=True)
    return {"parts": parts, "meetings": meetings, "roles": roles}


# Heading patterns are tried in this order so that "问题整改措施" is a measures part and
# "存在问题的原因" a causes part.
_PART_ORDER = ("case", "causes", "measures", "previous_rectification", "problems", "preparation")


def part_names() -> dict[str, str]:
    return {pid: name for pid, name, _, _ in _config()["parts"]}


def classify_heading(text: str) -> str:
    """Canonical part id for a heading text, or '' when it names no known part."""
    patterns = {pid: heads for pid, _, heads, _ in _config()["parts"]}
    for pid in _PART_ORDER:
        if any(rx.search(text) for rx in patterns.get(pid, ())):
            return pid
    return ""


HEADING_ENDS = "。：:"  # a heading runs up to the first of these
HEADING_MAX = 60


def heading_text(text: str) -> str:
    """The heading part of a paragraph: up to the first 。/： when the rest is body text."""
    head = re.split(f"[{HEADING_ENDS}]", text, maxsplit=1)[0]
    return head[:HEADING_MAX]


def detect_meeting(lines: list[str]) -> tuple[str, int | None, tuple[str, ...]]:
    """(meeting type name, year or None, candidate template ids) from title and opening lines."""
    joined = "\n".join(lines)
    year = None
    if m := re.search(r"(20[0-9]{2})\s*年度", joined):
        year = int(m.group(1))
    for name, patterns, template, default, alternatives in _config()["meetings"]:
        for rx in patterns:
            m = rx.search(joined)
            if not m:
                continue
            if "{year}" in template:
                y = m.groupdict().get("year") or year
                if y:
                    year = int(y)
                    return f"{year}年度民主生活会", year, (template.format(year=year), default)
                return name, year, (default or template,)
            return name, year, (template, *alternatives)
    return "", year, ("generic",)


def detect_role(title: str, opening: list[str]) -> str:
    for text in [title, *opening]:
        for role in _config()["roles"]:
            if role in text:
                return role
    return ""


def _is_title(text: str) -> bool:
    return len(text) <= 60 and text[-1] not in _END_PUNCT and not _SECTION_RE.match(text)


def _unnumbered_heading(text: str) -> str:
    """A short paragraph without number that is still a part heading (e.g. 存在的问题)."""
    if len(text) > 24 or text[-1] in "。；;，," or _ITEM_RE.match(text) or _ARABIC_ITEM_RE.match(text):
        return ""
    return classify_heading(text)


def parse_structure(document: Document) -> Structure:
    """Find the parts, items and points of a draft."""
    paragraphs = document.paragraphs
    title, title_index = "", None
    if paragraphs and _is_title(paragraphs[0].text):
        title, title_index = paragraphs[0].text, 0
    start = 0 if title_index is None else 1

    sections: list[Section] = []
    opening: list[int] = []
    current: Section | None = None
    item: Item | None = None
    for p in paragraphs[start:]:
        text = p.text
        m = _SECTION_RE.match(text)
        head = heading_text(m.group(2)) if m else ""
        part = classify_heading(head) if m else _unnumbered_heading(text)
        is_section = bool(m and (part or len(text) <= 40)) or bool(part and not m)
        if is_section:
            current = Section(
                part=part or "other", name=part_names().get(part, head or text),
                heading=head or text, paragraph=p.index, paragraphs=[],
                number=cn_to_int(m.group(1)) if m else 0, label=m.group(1) if m else "",
            )
            sections.append(current)
            item = None
            continue
        if current is None:
            opening.append(p.index)
            continue
        current.paragraphs.append(p.index)
        im = _ITEM_RE.match(text) or (
            _ARABIC_ITEM_RE.match(text) if not _has_chinese_items(current) else None)
        if im:
            heading = heading_text(im.group(2))
            named = _NAMED_CATEGORY_RE.search(heading)
            item = Item(label=im.group(1), number=cn_to_int(im.group(1)), heading=heading,
                        paragraphs=[p.index], named_category=named.group(1).rstrip("等") if named else "")
            current.items.append(item)
        elif item is not None:
            item.paragraphs.append(p.index)
        elif current.declared_count is None and (d := _declared_count(text)):
            current.declared_count, current.declared_at = d, p.index
        if item is not None:
            item.points.extend(find_points(text, p.index))

    for section in sections:
        if section.declared_count is None and (d := _declared_count(section.heading)):
            section.declared_count, section.declared_at = d, section.paragraph

    _add_content_parts(document, sections, opening)
    meeting_lines = ([title] if title else []) + [paragraphs[i].text for i in opening[:3]]
    if not meeting_lines and paragraphs:
        meeting_lines = [paragraphs[0].text]
    meeting_type, year, templates = detect_meeting(meeting_lines)
    role = detect_role(title, [paragraphs[i].text for i in opening[:2]])
    return Structure(title=title, title_paragraph=title_index, meeting_type=meeting_type,
                     meeting_year=year, role=role, sections=sections, opening=opening,
                     candidate_templates=templates)


def _has_chinese_items(section: Section) -> bool:
    return any(not it.label.isdigit() for it in section.items)


def _declared_count(text: str) -> int | None:
    m = _DECLARED_RE.search(text)
    if not m:
        return None
    value = cn_to_int(m.group(1))
    return value if 1 <= value <= 20 else None


def item_text_start(text: str) -> int:
    """Where an item paragraph's text begins after its label (（一） or 1.); 0 without one."""
    m = _ITEM_RE.match(text) or _ARABIC_ITEM_RE.match(text)
    return m.start(2) if m else 0


def label_end(text: str) -> int:
    """Offset after the numbering a text starts with: a part, item or Arabic label (一、 （一）
    1.), then a point label (一是 第一，); 0 when it starts with none."""
    m = _ITEM_RE.match(text) or _SECTION_RE.match(text) or _ARABIC_ITEM_RE.match(text)
    end = m.start(2) if m else 0
    rest = text[end:]
    if point := _POINT_RE.match(rest) or _ORDINAL_RE.match(rest):
        end += point.end()
    return end


def find_points(text: str, paragraph: int) -> list[Point]:
    """一是/二是 and 第一/第二 points inside a paragraph, with their offsets."""
    points = [Point(m.group(1) + "是", cn_to_int(m.group(1)), paragraph, m.start(), m.end())
              for m in _POINT_RE.finditer(text)]
    if not points:
        points = [Point("第" + m.group(1), cn_to_int(m.group(1)), paragraph, m.start(), m.end())
                  for m in _ORDINAL_RE.finditer(text)]
    return points


def _add_content_parts(document: Document, sections: list[Section], opening: list[int]) -> None:
    """Parts written without a heading: 会前准备 in the opening, 上次整改 anywhere before problems."""
    have = {s.part for s in sections}
    patterns = {pid: content for pid, _, _, content in _config()["parts"]}
    names = part_names()
    first_problem = next((s.paragraph for s in sections if s.part == "problems"), None)
    for pid in ("preparation", "previous_rectification"):
        if pid in have:
            continue
        scope = opening if pid == "preparation" else [
            p.index for p in document.paragraphs
            if first_problem is None or p.index < first_problem or p.index in opening]
        for index in scope:
            text = document.paragraphs[index].text
            if any(rx.search(text) for rx in patterns.get(pid, ())):
                sections.insert(0 if pid == "preparation" else min(1, len(sections)),
                                Section(part=pid, name=names[pid], heading="", paragraph=index,
                                        paragraphs=[index]))
                break


def chinese_label(number: int, kind: str) -> str:
    """How item `number` is written for a numbering `kind` (部分/条目/要点)."""
    from .docx_numbering import chinese_number

    cn = chinese_number(number)
    return {"部分": f"{cn}、", "条目": f"（{cn}）", "要点": f"{cn}是"}.get(kind, cn)
