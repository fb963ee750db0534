"""Typo engine: near-misses of the genre's fixed phrases, and 的/地/得 misuse.

The phrase lexicon (`lexicons/phrases/*.txt`) is indexed once into Aho-Corasick automatons and
cached on disk (pickled, keyed by the lexicon files' hash), so a check pays no pinyin import:

- sound keys: every character is replaced by its near-homophone class (toneless pinyin with
  zh/z, ch/c, sh/s, n/l, -ng/-n merged); a text window whose sound key equals a phrase's but
  whose characters differ in one place is a homophone typo (精髓要以 -> 精髓要义);
- shape keys: characters of one similar-shape group (lexicons/confusions.txt) share a key
  (政治站住 -> 政治站位);
- deletion, doubling and list variants of the phrases (全加强 -> 全面加强,
  全面从严治治党 -> 全面从严治党, 东路、活力、创造力 -> 动力、活力、创造力);
- idioms (成语) are fixed: any single-character change of a 4-character idiom is suspect when
  the result is not itself a word (蜻蜒点水 -> 蜻蜓点水, though jieba lists the typo).
"""

from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .lexicons import cache_dir, lexicon_path, load_toml, read_lines

INDEX_VERSION = "2"
_PUA = 0xE000
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"), None)


@dataclass(frozen=True)
class TypoHit:
    """`start:end` is what is wrong and `right` replaces it; `window_*` is the whole matched
    phrase occurrence in the text (used to vet the hit against its context)."""

    start: int
    end: int
    wrong: str
    right: str
    kind: str
    window_start: int = -1
    window_end: int = -1


def _toneless(reading: str) -> str:
    text = unicodedata.normalize("NFD", reading).translate(_TONE_MARKS)
    return unicodedata.normalize("NFC", text.replace("u\u0308", "v")).replace("ü", "v")


def near_class(syllable: str) -> str:
    """Merge the pinyin distinctions IMEs and dialects blur: zh/z ch/c sh/s, n/l, -ng/-n."""
    s = re.sub(r"^([zcs])h", r"\1", syllable)
    s = re.sub(r"^n(?!g)", "l", s)
    return re.sub(r"(in|en|an)g$", r"\1", s)


def phrase_files() -> list[Path]:
    return sorted(lexicon_path("phrases").glob("*.txt"))


def _lexicon_hash() -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for path in [*phrase_files(), lexicon_path("confusions.txt")]:
        if path.exists():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class PhraseIndex:
    phrases: set[str]
    idioms: set[str]
    readings: dict[str, frozenset[str]]            # char -> toneless readings
    sound_table: dict[int, int]                    # for str.translate
    shape_table: dict[int, int]
    automatons: dict[str, object] = field(default_factory=dict)
    masked_idioms: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, phrases: set[str], idioms: set[str], shape_groups: list[set[str]]) -> PhraseIndex:
        import ahocorasick
        from pypinyin.pinyin_dict import pinyin_dict

        readings: dict[str, frozenset[str]] = {}
        classes: dict[str, int] = {}
        sound_table: dict[int, int] = {}
        for code, value in pinyin_dict.items():
            if not (0x4E00 <= code <= 0x9FFF):
                continue
            syllables = [_toneless(r) for r in value.split(",")]
            readings[chr(code)] = frozenset(syllables)
            cls_name = near_class(syllables[0])
            sound_table[code] = _PUA + classes.setdefault(cls_name, len(classes))
        shape_table: dict[int, int] = {}
        for group in shape_groups:
            representative = min(group)
            for ch in group:
                shape_table[ord(ch)] = ord(representative)

        index = cls(phrases, idioms, readings, sound_table, shape_table)
        exact = ahocorasick.Automaton()
        sound, shape = ahocorasick.Automaton(), ahocorasick.Automaton()
        deletion, doubling = ahocorasick.Automaton(), ahocorasick.Automaton()
        list_tail, list_head = ahocorasick.Automaton(), ahocorasick.Automaton()

        def add(automaton, key, value):
            found = automaton.get(key, None)
            if found is None:
                automaton.add_word(key, [value])
            elif value not in found:
                found.append(value)

        for phrase in phrases:
            exact.add_word(phrase, phrase)
            if len(phrase) < 4:
                continue
            add(sound, phrase.translate(sound_table), phrase)
            shape_key = phrase.translate(shape_table)
            if shape_key != phrase or any(ord(c) in shape_table for c in phrase):
                add(shape, shape_key, phrase)
            for i in range(1, len(phrase) - 1):
                if _HAN.match(phrase[i]):
                    add(deletion, phrase[:i] + phrase[i + 1:], (phrase, i))
            for i, ch in enumerate(phrase):
                if _HAN.match(ch):
                    add(doubling, phrase[:i + 1] + ch + phrase[i + 1:], (phrase, i))
            items = phrase.split("、")
            if len(items) >= 3 and all(len(it) >= 2 for it in items):
                add(list_tail, "、" + "、".join(items[1:]), (phrase, items[0]))
                add(list_head, "、".join(items[:-1]) + "、", (phrase, items[-1]))
        for idiom in idioms:
            if len(idiom) == 4 and _HAN.match(idiom):
                for i in range(4):
                    index.masked_idioms.setdefault(idiom[:i] + "?" + idiom[i + 1:], []).append(idiom)
        for name, automaton in (("exact", exact), ("sound", sound), ("shape", shape),
                                ("deletion", deletion), ("doubling", doubling),
                                ("list_tail", list_tail), ("list_head", list_head)):
            if len(automaton):
                automaton.make_automaton()
            index.automatons[name] = automaton
        return index

    # ----- queries -------------------------------------------------------------------------

    def _iter(self, name: str, text: str):
        automaton = self.automatons.get(name)
        if automaton is None or not len(automaton) or automaton.kind != 2:  # 2 == AHOCORASICK
            return iter(())
        return automaton.iter(text)

    def exact_spans(self, text: str) -> list[tuple[int, int]]:
        return [(end - len(p) + 1, end + 1) for end, p in self._iter("exact", text)]

    def relation(self, wrong: str, right: str) -> str:
        """How two characters are confusable: homophone, near_homophone, shape or ''."""
        a, b = self.readings.get(wrong, frozenset()), self.readings.get(right, frozenset())
        if a & b:
            return "homophone"
        if {near_class(x) for x in a} & {near_class(x) for x in b}:
            return "near_homophone"
        if ord(wrong) in self.shape_table and \
                self.shape_table.get(ord(wrong)) == self.shape_table.get(ord(right)):
            return "shape"
        return ""

    def candidates(self, text: str) -> list[TypoHit]:
        """Every near-miss of a lexicon phrase in `text` (before word-frequency vetting)."""
        hits: list[TypoHit] = []
        for name, key in (("sound", text.translate(self.sound_table)),
                          ("shape", text.translate(self.shape_table))):
            for end, phrases in self._iter(name, key):
                for phrase in phrases:
                    start = end - len(phrase) + 1
                    window = text[start:end + 1]
                    diffs = [i for i, (a, b) in enumerate(zip(window, phrase, strict=True)) if a != b]
                    if len(diffs) == 1:
                        i = diffs[0]
                        kind = self.relation(window[i], phrase[i])
                        if kind:
                            hits.append(TypoHit(start + i, start + i + 1, window[i], phrase[i], kind,
                                                start, end + 1))
        for end, entries in self._iter("deletion", text):
            for phrase, i in entries:
                start = end - len(phrase) + 2
                # report the two characters around the gap, suggest them with the missing one
                hits.append(TypoHit(start + i - 1, start + i + 1, text[start + i - 1:start + i + 1],
                                    phrase[i - 1:i + 2], "missing_char", start, end + 1))
        for end, entries in self._iter("doubling", text):
            for phrase, i in entries:
                start = end - len(phrase)
                hits.append(TypoHit(start + i, start + i + 2, text[start + i:start + i + 2],
                                    phrase[i], "doubled", start, end + 1))
        for end, entries in self._iter("list_tail", text):
            for phrase, first in entries:
                tail_start = end - (len(phrase) - len(first)) + 1
                start = tail_start - len(first)
                window = text[max(start, 0):tail_start]
                if start >= 0 and window != first and self._item_confusable(window, first):
                    hits.append(TypoHit(start, tail_start, window, first, "list_item", start, end + 1))
        for end, entries in self._iter("list_head", text):
            for phrase, last in entries:  # noqa: B007 (phrase sizes the window)
                start = end + 1
                window = text[start:start + len(last)]
                if window != last and len(window) == len(last) and self._item_confusable(window, last):
                    hits.append(TypoHit(start, start + len(last), window, last, "list_item",
                                        end + 1 - (len(phrase) - len(last)), start + len(last)))
        for start in range(len(text) - 3):
            window = text[start:start + 4]
            if window in self.idioms or not _HAN.match(window):
                continue
            for i in range(4):
                for idiom in self.masked_idioms.get(window[:i] + "?" + window[i + 1:], ()):
                    kind = self.relation(window[i], idiom[i]) or "idiom"
                    hits.append(TypoHit(start + i, start + i + 1, window[i], idiom[i], kind,
                                        start, start + 4))
        return hits

    def _item_confusable(self, window: str, item: str) -> bool:
        """A list item typed wrong: same length, and its first or last character sounds alike."""
        if len(window) != len(item) or not _HAN.match(window):
            return False
        return any(self.relation(a, b) in ("homophone", "near_homophone")
                   for a, b in zip(window, item, strict=True) if a != b)


def load_phrase_sets() -> tuple[set[str], set[str]]:
    phrases: set[str] = set()
    idioms: set[str] = set()
    for path in phrase_files():
        lines = {line.split("\t")[0].strip() for line in read_lines(path)}
        lines.discard("")
        phrases |= lines
        if path.stem.startswith("idioms"):
            idioms |= {p for p in lines if len(p) == 4}
    return phrases, idioms


def load_shape_groups() -> list[set[str]]:
    """Union of single-character shape confusions into groups (己/已/巳 …)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for line in read_lines(lexicon_path("confusions.txt")):
        cols = line.split("\t")
        if len(cols) >= 3 and cols[2].strip() == "shape" and len(cols[0]) == len(cols[1]) == 1:
            parent[find(cols[0])] = find(cols[1])
    groups: dict[str, set[str]] = {}
    for ch in parent:
        groups.setdefault(find(ch), set()).add(ch)
    return list(groups.values())


@cache
def phrase_index() -> PhraseIndex:
    """The cached index over lexicons/phrases and confusions (built once, then unpickled)."""
    path = cache_dir() / f"phrase-index-{_lexicon_hash()}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a stale or truncated cache is rebuilt
            pass
    phrases, idioms = load_phrase_sets()
    index = PhraseIndex.build(phrases, idioms, load_shape_groups())
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return index


@cache
def de_rules() -> dict:
    return load_toml("dedide.toml")
