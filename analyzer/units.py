"""Units the substance rules judge: problem points (一是/二是 …), measure items, sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .matching import lexicon_matcher, lexicon_patterns, sentences
from .model import Item
from .structure import HEADING_ENDS, item_text_start


@dataclass(frozen=True)
class Unit:
    """A span of one paragraph: a problem point, an item's body, or a sentence."""

    paragraph: int
    start: int
    end: int
    text: str


MIN_PARAGRAPH = 20  # without numbered items, a shorter paragraph of a part is not an item
MIN_BODY = 10       # a shorter rest of an item's first paragraph is not a unit


def part_items(document, structure, part: str, min_chars: int = 0) -> list[tuple[Item | None, list[int]]]:
    """The items of a part with their paragraphs or, when the part has no numbered items, each
    of its paragraphs of at least `min_chars` characters as an item of its own (None)."""
    section = structure.section(part)
    if section is None:
        return []
    if section.items:
        return [(item, item.paragraphs) for item in section.items]
    return [(None, [i]) for i in section.paragraphs if len(document.paragraphs[i].text) >= min_chars]


def item_units(ctx, part: str) -> list[list[Unit]]:
    """For each item of a part, its points (一是/二是 …) or, without points, its body; an item
    that is only a heading sentence is that sentence."""
    out = []
    for item, paragraphs in part_items(ctx.document, ctx.structure, part, MIN_PARAGRAPH):
        if item is None:
            text = ctx.text(paragraphs[0])
            out.append([Unit(paragraphs[0], 0, len(text), text)])
            continue
        units: list[Unit] = []
        for paragraph in paragraphs:
            text = ctx.text(paragraph)
            starts = [pt.start for pt in item.points if pt.paragraph == paragraph]
            if starts:
                bounds = [*starts, len(text)]
                units += [Unit(paragraph, a, b, text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
                continue
            body = text[_heading_end(text, item.heading) if paragraph == paragraphs[0] else 0:]
            body = body.lstrip(HEADING_ENDS + " ")
            if len(body) >= MIN_BODY:
                units.append(Unit(paragraph, len(text) - len(body), len(text), body))
        if not units:  # nothing follows the heading: the heading is the item's one sentence
            text = ctx.text(paragraphs[0])
            start = item_text_start(text)
            if len(text) - start >= MIN_BODY:
                units.append(Unit(paragraphs[0], start, len(text), text[start:]))
        if units:
            out.append(units)
    return out


def _heading_end(text: str, heading: str) -> int:
    """Where the heading of an item's first paragraph ends (after its label). A heading cut at
    its length limit is not a heading: then the body starts where the heading does."""
    start = item_text_start(text)
    end = start + len(heading)
    return end if end >= len(text) or text[end] in HEADING_ENDS else start


def sentence_units(ctx, part: str) -> list[Unit]:
    out = []
    for index in ctx.part_paragraphs(part):
        text = ctx.text(index)
        out += [Unit(index, a, b, text[a:b]) for a, b in sentences(text)]
    return out


def find_all(table: str, text: str, key: str = "phrases") -> list[tuple[int, int, str]]:
    """(start, end, matched text) of every phrase (of the list `key`) or pattern of a substance
    table in `text`."""
    found = [(m.start, m.end, m.phrase) for m in lexicon_matcher("substance.toml", table, key).find(text)]
    found += [(m.start(), m.end(), m.group()) for rx in lexicon_patterns("substance.toml", table)
              for m in rx.finditer(text) if m.end() > m.start()]
    return sorted(found)


NEGATION_WINDOW = 10  # characters either side of a phrase searched for its negation
CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:]")


def clause_before(text: str, start: int, window: int | None = None) -> str:
    """The text of the clause that holds `start`, up to `start` (at most `window` characters)."""
    return CLAUSE_BREAK.split(text[0 if window is None else max(0, start - window):start])[-1]


def negated(text: str, start: int, end: int) -> bool:
    """Whether the phrase at text[start:end] is named only to be rejected (不能以工作忙为借口,
    人手少不是理由, 挤不出时间是假): a word of substance.toml [negation] `before` it or `after`
    it in the same clause."""
    before = clause_before(text, start, NEGATION_WINDOW)
    after = CLAUSE_BREAK.split(text[end:end + NEGATION_WINDOW])[0]
    return bool(lexicon_matcher("substance.toml", "negation", "before").find(before)
                or lexicon_matcher("substance.toml", "negation", "after").find(after))


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


def asserted(table: str, text: str) -> list[tuple[int, int, str]]:
    """`longest_matches` of a substance table in `text` that are not `negated`: the excuses or
    objective causes a text really gives."""
    return [(a, b, phrase) for a, b, phrase in longest_matches(find_all(table, text))
            if not negated(text, a, b)]
