"""What every rule sees: the document, its structure, the template and the category mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .coverage import ItemMapping
from .model import CategoryResult, Document, Structure
from .templates import Template

# Parts that count as self-criticism for `problem-share`: the problems, the causes, and the
# case study whose second half is 对照案例查摆自身差距.
SELF_CRITICAL_PARTS = ("problems", "causes", "case")


@dataclass
class Context:
    document: Document
    structure: Structure
    template: Template
    mappings: list[ItemMapping]
    categories: list[CategoryResult]
    options: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)  # figures rules measure on the way

    def text(self, paragraph: int) -> str:
        return self.document.paragraphs[paragraph].text

    def part_paragraphs(self, part: str) -> list[int]:
        """Paragraph indexes of a part, heading included."""
        out: list[int] = []
        for s in self.structure.sections:
            if s.part == part:
                out.extend([s.paragraph, *s.paragraphs] if s.heading else s.paragraphs)
        return sorted(set(out))

    @cached_property
    def part_chars(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.structure.sections:
            n = sum(len(self.text(i)) for i in s.paragraphs if i != s.paragraph or not s.heading)
            counts[s.part] = counts.get(s.part, 0) + n
        return counts
