"""term: 提法规范 — canonical forms of political formulations, and formulations outdated for the
meeting's year. Data: lexicons/terms.toml, each entry with its public source (e.g. 编校差错
lists: http://voitric.com/sys-nd/225.html ; http://www.yifadz.net.cn/article/2025/0831/article_72510.html).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import load_toml
from . import Hit, rule


@cache
def _terms() -> list[tuple[dict, list[re.Pattern]]]:
    out = []
    for entry in load_toml("terms.toml").get("term", []):
        patterns = [re.compile(w if entry.get("kind") == "regex" else re.escape(w))
                    for w in entry.get("wrong", [])]
        out.append((entry, patterns))
    return out


@cache
def _any_term() -> re.Pattern:
    """All wrong forms in one alternation: one scan tells whether a paragraph needs the rest."""
    sources = [rx.pattern for _, patterns in _terms() for rx in patterns]
    return re.compile("|".join(f"(?:{p})" for p in sources)) if sources else re.compile(r"(?!x)x")


@cache
def _outdated() -> list[tuple[dict, re.Pattern]]:
    return [(e, re.compile(e["pattern"] if e.get("kind", "regex") == "regex" else re.escape(e["pattern"])))
            for e in load_toml("terms.toml").get("outdated", [])]


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
    for p in ctx.document.paragraphs:
        seen: set[tuple[int, int]] = {(m.start(), m.end()) for t in allow
                                      for m in re.finditer(re.escape(t), p.text)}
        for entry, patterns in _terms() if _any_term().search(p.text) else ():
            for rx in patterns:
                for m in rx.finditer(p.text):
                    if m.end() == m.start() or (m.start(), m.end()) in seen:
                        continue
                    seen.add((m.start(), m.end()))
                    yield Hit(p.index, m.start(), m.end(), entry["message"], entry.get("right", ""),
                              severity=entry.get("severity"))
        if year is None:
            continue
        for entry, rx in _outdated():
            if year < int(entry.get("superseded_from", 9999)):
                continue
            if any(s in text for s in entry.get("unless_doc_contains", ())):
                continue
            for m in rx.finditer(p.text):
                if m.end() > m.start():
                    yield Hit(p.index, m.start(), m.end(), entry["message"], entry.get("right", ""),
                              severity=entry.get("severity", "warning"))
