"""Plain data passed between stages: read -> structure -> rules -> report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Paragraph:
    """One non-empty paragraph (docx) or line (txt); `index` is 0-based over those.

    `prefix` is the automatic Word numbering (e.g. "一、") that was resolved into `text`;
    it is not in the document's runs, so writers of annotated copies skip `len(prefix)` chars.
    """

    index: int
    text: str
    prefix: str = ""
    in_table: bool = False


@dataclass
class Document:
    """A draft as numbered paragraphs, plus where it came from."""

    path: str
    paragraphs: list[Paragraph]
    encoding: str = ""

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def char_count(self) -> int:
        """Characters excluding whitespace, the count reviewers mean by 字数."""
        return sum(len("".join(p.text.split())) for p in self.paragraphs)


@dataclass
class Point:
    """A numbered point inside an item (一是/二是, 第一/第二, 1./2.)."""

    label: str
    number: int
    paragraph: int
    start: int
    end: int


@dataclass
class Item:
    """A numbered item of a part, e.g. （一）在“…”方面…, spanning one or more paragraphs."""

    label: str
    number: int
    heading: str
    paragraphs: list[int]
    points: list[Point] = field(default_factory=list)
    named_category: str = ""


@dataclass
class Section:
    """A part of the draft: canonical `part` id (e.g. problems), its heading paragraph."""

    part: str
    name: str
    heading: str
    paragraph: int
    paragraphs: list[int]
    number: int = 0
    label: str = ""
    items: list[Item] = field(default_factory=list)
    declared_count: int | None = None
    declared_at: int | None = None


@dataclass
class Structure:
    title: str
    title_paragraph: int | None
    meeting_type: str
    meeting_year: int | None
    role: str
    sections: list[Section]
    opening: list[int]
    candidate_templates: tuple[str, ...] = ("generic",)

    def section(self, part: str) -> Section | None:
        return next((s for s in self.sections if s.part == part), None)

    def part_of(self, paragraph: int) -> str:
        for s in self.sections:
            if paragraph in s.paragraphs or paragraph == s.paragraph:
                return s.part
        return "opening" if paragraph in self.opening else ""


@dataclass
class Finding:
    rule: str
    severity: Severity
    paragraph: int | None
    start: int
    end: int
    excerpt: str
    message: str
    suggestion: str = ""
    part: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class CategoryResult:
    id: str
    name: str
    status: Literal["covered", "weak", "missing"]
    paragraphs: list[int]
    confidence: float

    def to_dict(self) -> dict:
        return asdict(self)
