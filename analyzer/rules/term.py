"""term: 提法规范 — canonical forms of political formulations, and formulations outdated for the
meeting's year. Data: lexicons/terms.toml, each entry with its public source (e.g. 编校差错
lists: http://voitric.com/sys-nd/225.html ; http://www.yifadz.net.cn/article/2025/0831/article_72510.html).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import load_toml
from ..matching import PatternSet
from . import Hit, rule


def _compiled(entries: list[dict], key: str, default_kind: str) -> list[tuple[dict, re.Pattern]]:
    """(entry, regex) of every form listed under `key` (a regex, or literal text when the
    entry's kind is "literal")."""
    out = []
    for entry in entries:
        forms = entry.get(key, [])
        for form in [forms] if isinstance(forms, str) else forms:
            literal = entry.get("kind", default_kind) != "regex"
            out.append((entry, re.compile(re.escape(form) if literal else form)))
    return out


@cache
def _terms() -> list[tuple[dict, re.Pattern]]:
    """Every wrong form of a 提法 as (its entry, its regex)."""
    return _compiled(load_toml("terms.toml").get("term", []), "wrong", "literal")


@cache
def _outdated() -> list[tuple[dict, re.Pattern]]:
    """Every outdated formulation as (its entry, its regex)."""
    return _compiled(load_toml("terms.toml").get("outdated", []), "pattern", "regex")


@cache
def _prefilter() -> PatternSet:
    """One set over the wrong forms, then the outdated formulations (one automaton walk picks
    the regexes worth running on each paragraph)."""
    return PatternSet(rx for _, rx in _terms() + _outdated())


def reference_year(ctx) -> int | None:
    """The year the meeting reviews: from the meeting type, else the latest year in the text."""
    if ctx.structure.meeting_year:
        return ctx.structure.meeting_year
    years = [int(y) for y in re.findall(r"(20[0-9]{2})\s*年", ctx.document.text)]
    return max(years) if years else None


@rule(
    "term", "error", "提法不规范",
    why="重要政治提法必须与中央文件表述一致，简称、误写、过时提法都会被审核退回。",
    bad="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。学习党的二十大会议精神不够系统，2025年只参加集中学习4次。
""",
    good="""
某镇党委书记对照检查材料
一、存在的问题
（一）理论学习方面。学习党的二十大精神不够系统，2025年只参加集中学习4次。
""",
    template="generic",
)
def check(ctx):
    year = reference_year(ctx)
    text = ctx.document.text
    allow = tuple(ctx.options.get("allow", ()))
    terms, outdated = _terms(), _outdated()
    # outdated formulations that apply to this meeting year and document
    current = {i for i, (entry, _) in enumerate(outdated)
               if year is not None and year >= int(entry.get("superseded_from", 9999))
               and not any(s in text for s in entry.get("unless_doc_contains", ()))}
    paragraphs = ctx.document.paragraphs
    for p, found in zip(paragraphs, _prefilter().candidates_each([p.text for p in paragraphs]), strict=True):
        if not found:
            continue  # (most paragraphs: no required literal of any form in them)
        term_hits = [i for i in found if i < len(terms)]
        outdated_hits = [i - len(terms) for i in found if i >= len(terms)]
        allowed = {(m.start(), m.end()) for t in allow for m in re.finditer(re.escape(t), p.text)}
        seen = set(allowed)
        for i in term_hits:
            entry, rx = terms[i]
            for m in rx.finditer(p.text):
                if m.end() == m.start() or (m.start(), m.end()) in seen:
                    continue
                seen.add((m.start(), m.end()))
                yield Hit(p.index, m.start(), m.end(), entry["message"], entry.get("right", ""),
                          severity=entry.get("severity"))
        for i in outdated_hits:
            entry, rx = outdated[i]
            if i not in current:
                continue
            for m in rx.finditer(p.text):
                if m.end() > m.start() and (m.start(), m.end()) not in allowed:
                    yield Hit(p.index, m.start(), m.end(), entry["message"], entry.get("right", ""),
                              severity=entry.get("severity", "warning"))
