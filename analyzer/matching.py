"""Phrase lists matched with one Aho-Corasick automaton (never a loop over phrases)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str


class PhraseMatcher:
    """Longest non-overlapping occurrences of any phrase of a list."""

    def __init__(self, phrases) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for phrase in set(phrases):
            if phrase:
                self.automaton.add_word(phrase, phrase)
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        if self.empty:
            return []
        found = sorted(((end - len(p) + 1, end + 1, p) for end, p in self.automaton.iter(text)),
                       key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[Match] = []
        last_end = -1
        for start, end, phrase in found:
            if start >= last_end:
                out.append(Match(start, end, phrase))
                last_end = end
            elif out and end > out[-1].end and start == out[-1].start:
                out[-1] = Match(start, end, phrase)
                last_end = end
        return out

    def __contains__(self, text: str) -> bool:
        return bool(self.find(text))


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
    from .lexicons import load_toml

    return tuple(re.compile(p) for p in load_toml(name).get(table, {}).get("patterns", ()))
