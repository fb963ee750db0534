"""Phrase lists matched with one Aho-Corasick automaton (never a loop over phrases)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_SURROGATE = re.compile("[\ud800-\udfff]")


def searchable(text: str) -> str:
    """`text` with lone surrogates (a broken file, a JSON escape) replaced one for one, so the
    Rust automatons, which take UTF-8, can search it and offsets stay the same."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str


class PhraseMatcher:
    """Longest non-overlapping occurrences of any phrase of a list (leftmost-longest search)."""

    def __init__(self, phrases) -> None:
        import ahocorasick_rs

        self.phrases = sorted({p for p in phrases if p})
        self.automaton = ahocorasick_rs.AhoCorasick(
            self.phrases, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
            store_patterns=False) if self.phrases else None

    def find(self, text: str) -> list[Match]:
        if self.automaton is None:
            return []
        return [Match(start, end, self.phrases[i])
                for i, start, end in self.automaton.find_matches_as_indexes(searchable(text))]


def required_literals(pattern: re.Pattern) -> list[str]:
    """Strings one of which every match of `pattern` contains: its required literal, or else
    one required literal per branch of its first alternation ((?:学思想|强党性|…), 迎接…|喜迎…);
    [] when nothing is certain."""
    from re import _constants as c
    from re import _parser

    if pattern.flags & re.IGNORECASE:
        return []
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    literal = _longest_run(items, descend=True)
    if literal:
        return [literal]
    while items and items[0][0] in (c.ASSERT, c.ASSERT_NOT, c.AT):
        items.pop(0)
    if items and items[0][0] is c.SUBPATTERN:
        items = list(items[0][1][-1])
    if items and items[0][0] is c.BRANCH:
        literals = [_longest_run(branch, descend=False) for branch in items[0][1][1]]
        if all(literals):
            return literals
    return []


def _longest_run(items, descend: bool) -> str:
    """The longest run of literal characters in a parsed sequence: look-arounds are skipped,
    groups entered when `descend`, anything else ends a run."""
    from re import _constants as c

    best, run = "", []

    def walk(items) -> None:
        nonlocal best
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
            elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue
            elif descend and op is c.SUBPATTERN:
                walk(av[-1])
            else:
                best = max(best, "".join(run), key=len)
                run.clear()

    walk(items)
    return max(best, "".join(run), key=len)


class PatternSet:
    """Regexes run only on texts that contain their required literal (one automaton walk picks
    them); a regex with no certain literal runs on every text."""

    def __init__(self, patterns) -> None:
        import ahocorasick_rs

        self.patterns = list(patterns)
        self.always: list[int] = []
        by_literal: dict[str, list[int]] = {}
        for i, rx in enumerate(self.patterns):
            literals = required_literals(rx)
            for literal in literals:
                by_literal.setdefault(literal, []).append(i)
            if not literals:
                self.always.append(i)
        self.literals = list(by_literal)
        self.indexes = list(by_literal.values())
        self.automaton = ahocorasick_rs.AhoCorasick(self.literals, store_patterns=False) if self.literals else None

    def candidates(self, text: str) -> list[int]:
        """Indexes of the patterns that may match `text`, in order."""
        return self.candidates_each([text])[0]

    def candidates_each(self, texts: list[str]) -> list[list[int]]:
        """`candidates` of each text, with one search over all of them (joined by line breaks;
        a required literal never holds one)."""
        from bisect import bisect_right

        found: list[set[int]] = [set(self.always) for _ in texts]
        if self.automaton is not None and texts:
            starts, offset = [], 0
            for text in texts:
                starts.append(offset)
                offset += len(text) + 1
            joined = searchable("\n".join(texts))
            for i, start, _ in self.automaton.find_matches_as_indexes(joined, overlapping=True):
                found[bisect_right(starts, start) - 1].update(self.indexes[i])
        return [sorted(f) for f in found]


_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph (split at 。！？；)."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


@cache
def lexicon_matcher(name: str, table: str = "", key: str = "phrases") -> PhraseMatcher:
    """A matcher over a TXT lexicon (one phrase per line) or a TOML table's phrase list."""
    from .lexicons import load_lines, load_toml

    if name.endswith(".toml"):
        return PhraseMatcher(load_toml(name).get(table, {}).get(key, ()))
    return PhraseMatcher(load_lines(name))


@cache
def lexicon_patterns(name: str, table: str) -> tuple[re.Pattern, ...]:
    """The compiled `patterns` of a TOML table."""
    from .lexicons import load_toml

    return tuple(re.compile(p) for p in load_toml(name).get(table, {}).get("patterns", ()))
