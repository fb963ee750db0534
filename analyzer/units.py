"""Units the substance rules judge: problem points (一是/二是 …), measure items, sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .matching import PhraseMatcher, lexicon_matcher, lexicon_patterns, sentences


@dataclass(frozen=True)
class Unit:
    """A span of one paragraph: a problem point, an item's body, or a sentence."""

    paragraph: int
    start: int
    end: int
    text: str


def item_units(ctx, part: str) -> list[list[Unit]]:
    """For each item of a part, its points (一是/二是 …) or, without points, its body."""
    section = ctx.structure.section(part)
    if section is None:
        return []
    if not section.items:
        return [[Unit(i, 0, len(ctx.text(i)), ctx.text(i))] for i in section.paragraphs
                if len(ctx.text(i)) >= 20]
    out = []
    for item in section.items:
        units: list[Unit] = []
        for paragraph in item.paragraphs:
            text = ctx.text(paragraph)
            starts = [pt.start for pt in item.points if pt.paragraph == paragraph]
            if starts:
                bounds = [*starts, len(text)]
                units += [Unit(paragraph, a, b, text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
            else:
                head = len(item.heading) if paragraph == item.paragraphs[0] else 0
                body = text[head:].lstrip("。：: ")
                if len(body) >= 10:
                    units.append(Unit(paragraph, len(text) - len(body), len(text), body))
        if units:
            out.append(units)
    return out


def sentence_units(ctx, part: str) -> list[Unit]:
    out = []
    for index in ctx.part_paragraphs(part):
        text = ctx.text(index)
        out += [Unit(index, a, b, text[a:b]) for a, b in sentences(text)]
    return out


def substance_list(table: str) -> tuple[PhraseMatcher, tuple[re.Pattern, ...]]:
    """The phrases (as one automaton) and regex patterns of a lexicons/substance.toml table."""
    return lexicon_matcher("substance.toml", table), lexicon_patterns("substance.toml", table)


def find_all(table: str, text: str) -> list[tuple[int, int, str]]:
    """(start, end, matched text) of every phrase or pattern of a substance table in `text`."""
    matcher, patterns = substance_list(table)
    found = [(m.start, m.end, m.phrase) for m in matcher.find(text)]
    found += [(m.start(), m.end(), m.group()) for rx in patterns for m in rx.finditer(text)
              if m.end() > m.start()]
    return sorted(found)


def longest_matches(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping matches of phrases and patterns reported once: the union of each overlapping
    run, labelled with its first match."""
    out: list[tuple[int, int, str]] = []
    for start, end, phrase in sorted(found, key=lambda m: (m[0], -(m[1] - m[0]))):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end, out[-1][2])
            continue
        out.append((start, end, phrase))
    return out
