"""Category stage: map every problem item to the template's categories, with a confidence.

An item that names its category in its heading (在“…”方面) is mapped by that name. Otherwise the
template's keywords and the theme classifier vote. Each category is then covered, weak or missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .classify import theme_model
from .model import CategoryResult, Document, Item, Structure
from .templates import Category, Template
from .units import part_items

HEADING_MATCH = 0.34   # bigram similarity at which a named heading is taken as the category
COVERED = 0.5          # confidence from which a category counts as covered
WEAK = 0.25            # below this the category is missing
MIN_BODY_CHARS = 40    # an item shorter than this only covers its category weakly


@dataclass
class ItemMapping:
    item: Item | None
    paragraphs: list[int]
    text: str
    scores: dict[str, float]   # category id -> confidence
    by_heading: bool


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def heading_similarity(named: str, category: Category) -> float:
    """How well a heading's named category matches a template category (0–1)."""
    a, b = _bigrams(named), _bigrams(category.name)
    dice = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    kws = [k for k in category.keywords if len(k) >= 2]
    kw = sum(1 for k in kws if k in named) / min(len(kws), 3) if kws else 0.0
    return max(dice, min(kw, 1.0) * 0.9)


def item_category_name(item: Item | None) -> str:
    """The category an item's heading names: 在“…”方面, or a short heading as a whole."""
    if item is None:
        return ""
    if item.named_category:
        return item.named_category
    return item.heading if len(item.heading) <= 30 else ""


def heading_fit(structure: Structure, template: Template) -> float:
    """How well the named headings of the problem items match a template's categories (mean)."""
    section = structure.section("problems")
    named = [n for it in section.items if (n := item_category_name(it))] if section else []
    if not named or not template.categories:
        return 0.0
    return sum(max(heading_similarity(n, c) for c in template.categories) for n in named) / len(named)


def content_scores(text: str, categories: tuple[Category, ...]) -> dict[str, float]:
    """Confidence per category from keywords and the theme classifier."""
    model = theme_model()
    proba = model.predict_proba(text) if model else {}
    scores = {}
    for cat in categories:
        hits = sum(1 for k in cat.keywords if k in text)
        keyword = min(hits / 2, 1.0)
        theme = sum(proba.get(t, 0.0) for t in cat.themes)
        scores[cat.id] = round(0.5 * keyword + 0.5 * min(theme * 1.5, 1.0), 3) if cat.themes \
            else round(keyword, 3)
    return scores


def map_items(document: Document, structure: Structure, template: Template) -> list[ItemMapping]:
    mappings = []
    for item, paras in part_items(document, structure, "problems"):
        text = "".join(document.paragraphs[i].text for i in paras)
        named = item_category_name(item)
        if named:
            sims = {c.id: heading_similarity(named, c) for c in template.categories}
            ranked = sorted(sims.values(), reverse=True)
            if ranked and ranked[0] >= HEADING_MATCH and (len(ranked) < 2 or ranked[0] > ranked[1]):
                best = max(sims, key=sims.get)
                body = len(text) - len(item.heading)
                conf = 0.95 if body >= MIN_BODY_CHARS else 0.4
                mappings.append(ItemMapping(item, paras, text, {best: conf}, True))
                continue
        mappings.append(ItemMapping(item, paras, text, content_scores(text, template.categories),
                                    False))
    return mappings


def category_coverage(mappings: list[ItemMapping], template: Template) -> list[CategoryResult]:
    results = []
    for cat in template.categories:
        best, paragraphs = 0.0, []
        for m in mappings:
            conf = m.scores.get(cat.id, 0.0)
            if conf >= WEAK:
                paragraphs.extend(m.paragraphs[:1])
            best = max(best, conf)
        status = "covered" if best >= COVERED else "weak" if best >= WEAK else "missing"
        results.append(CategoryResult(cat.id, cat.name, status, sorted(set(paragraphs)),
                                      round(best, 3)))
    return results
