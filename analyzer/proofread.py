"""Typo engine: near-misses of the genre's fixed phrases, and 的/地/得 misuse.

The phrase lexicon (`lexicons/phrases/*.txt`) is indexed once into the keys of Aho-Corasick
automatons, cached on disk (pickled, keyed by the lexicon files' hash), so a check pays no pinyin
import:

- sound keys: every character is replaced by its near-homophone class (toneless pinyin with
  zh/z, ch/c, sh/s, n/l, -ng/-n merged); a text window whose sound key equals a phrase's but
  whose characters differ in one place is a homophone typo (精髓要以 -> 精髓要义);
- shape keys: characters of one similar-shape group (lexicons/confusions.txt), or with the same
  四角号码 (four-corner code, from the four-corner-method package) share a key
  (反弹回湖 -> 反弹回潮: 湖 and 潮 are both 3712);
- deletion, insertion and list variants of the fixed phrases (全加强 -> 全面加强,
  凝心聚力量 -> 凝心聚力, 东路、活力、创造力 -> 动力、活力、创造力);
- ordinary words: a lone character that, swapped for a homophone or similar shape, joins its
  neighbour into a common jieba word (末能 -> 未能, 照成 -> 造成);
- whole-word misspellings (lexicons/confusions.txt), words typed twice, 的/地/得 misuse on jieba's
  tokens, and usage patterns (lexicons/usage.toml: 截止 before a time -> 截至).
"""

from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from .language import cut, jieba_dict_path, jieba_version, segment, tokenizer
from .lexicons import cache_dir, lexicon_path, load_toml, read_lines, write_cache

if TYPE_CHECKING:
    import numpy as np

SHAPE_RIGHT_MIN = 50         # for curated similar-shape pairs a rarer word is enough
WORD_RIGHT_MIN = 3_000       # for homophones the word it could have been must be this common
SPLIT_RIGHT_MIN = 200        # … or this common, when both characters stand alone as content
WORD_MIN_FREQ = 300      # an extra character must make a word this common with the one before
PREFIX_MAX = 6           # insertions are looked for after the first 2-6 characters of a phrase
COMMON_PREFIX = 1_000    # a two-character prefix this common (全面, 加强) starts no insertion
WORD_AFTER_MIN = 50      # after a whole formulation (对标对表格): the formulation is the evidence
GENRE_WORD_PHRASES = 2   # a word in this many lexicon phrases is common in the genre
# Sound and look classes are keyed as private-use characters of the Basic Plane (a keyed text
# then takes 2 bytes a character in memory and 3 in UTF-8, which the automaton walks: plane-15
# classes took 4 and made the look half 2.5x slower to search). Private-use characters in a
# draft (Word's symbol fonts) are keyed as U+FFFD, so they never pass for a class.
_PUA = 0xE000          # sound classes from here (about 300)
_CORNER_PUA = 0xE400   # four-corner shape classes from here (about 3,600)
_PUA_END = 0xF900
# The automatons walk two bytes a character, not UTF-8's three (a fifth faster, on a smaller
# automaton): the characters of the keys (`PhraseIndex.alphabet`, commonest first) are coded as
# a lead byte 0x01-0x7F and a trail byte 0x80-0xFF, so a key can only match from a character's
# start, and every other character as _OTHER (bytes 01 80), which no key holds.
_OTHER = 0x8001        # as a little-endian uint16
_UNITS_MAX = 0x7F * 0x80 - 1
_INNER, _RARE, _WHOLE, _TRIGGER = 1, 2, 4, 8   # PhraseIndex._flags
_LONE, _SWAP, _PARTICLE = 1, 2, 4               # PhraseIndex._single_kinds
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


def code_points(text: str) -> np.ndarray:
    """The code points of `text` as a numpy array (uint32, one per character; a lone surrogate
    from a broken file is kept as its value). numpy is imported on the first check (0.05 s,
    once per process)."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _toneless(reading: str) -> str:
    text = unicodedata.normalize("NFD", reading).translate(_TONE_MARKS)
    return unicodedata.normalize("NFC", text.replace("u\u0308", "v")).replace("ü", "v")


def near_class(syllable: str) -> str:
    """Merge the pinyin distinctions IMEs and dialects blur: zh/z ch/c sh/s, n/l, -ng/-n."""
    s = re.sub(r"^([zcs])h", r"\1", syllable)
    s = re.sub(r"^n(?!g)", "l", s)
    return re.sub(r"(in|en|an)g$", r"\1", s)


def _starts(tokens) -> list[int]:
    """Offset of each token in the text, and the text's length last."""
    return list(accumulate(map(len, tokens), initial=0))


def _dropped(text: str, start: int, phrase: str, i: int) -> TypoHit:
    """`phrase` written from `start` without its character i: the two characters around the gap
    are reported, and suggested with the missing one between them."""
    return TypoHit(start + i - 1, start + i + 1, text[start + i - 1:start + i + 1], phrase[i - 1:i + 2],
                   "missing_char", start, start + len(phrase) - 1)


def _counts(token: str) -> bool:
    """Whether `token` ends in a numeral (4, 十, 几): what follows it is counted."""
    return token[-1:].isdigit() or token[-1:] in _NUMERALS


def _in_name_or_count(tokens: list[str], k: int, measures: frozenset[str]) -> bool:
    """A lone character that is part of a name — before 县/镇/村 (青禾县), or inside a short
    quotation (“青禾香米”) — or a measure word after a number (4篇心得; not 几平没有)."""
    before = tokens[k - 1] if k > 0 else ""
    after = tokens[k + 1] if k + 1 < len(tokens) else ""
    after2 = tokens[k + 2] if k + 2 < len(tokens) else ""
    if after in _PLACE_SUFFIXES or (len(after) == 1 and after2 in _PLACE_SUFFIXES):
        return True
    if _counts(before) and tokens[k] in measures:
        return True
    left = "".join(tokens[max(0, k - 8):k]).rsplit("\n", 1)[-1]   # within the paragraph
    right = "".join(tokens[k + 1:k + 9]).split("\n", 1)[0]
    return "“" in left and "”" in right and len(left.rsplit("“", 1)[1] + right.split("”", 1)[0]) <= 8


_NUMERALS = frozenset("一二三四五六七八九十两百千万几每")
_TIME_SUFFIXES = frozenset("初底中上下内外前后里")  # not 末: 末能 is the classic slip for 未能
_PLACE_SUFFIXES = frozenset(["县", "镇", "乡", "村", "市", "区", "省", "街道", "社区", "湾", "沟", "坪", "庄"])


def _root(parent: dict, x):
    """Union-find: the representative of x's set in `parent` (x joins as its own set)."""
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _join_classes(corner_table: dict[int, int], shape_groups: list[set[str]]) -> dict[int, int]:
    """Four-corner classes merged wherever a curated group links characters of two classes
    (a look-alike pair is either coded alike or listed in lexicons/confusions.txt)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        return _root(parent, x)

    for group in shape_groups:
        codes = [corner_table.get(ord(ch), ord(ch)) for ch in group]
        for code in codes[1:]:
            parent[find(code)] = find(codes[0])
    table = {ch: find(code) for ch, code in corner_table.items()}
    for group in shape_groups:
        for ch in group:
            table.setdefault(ord(ch), find(ord(ch)))
    return table


def _contextual_key(phrase: str, lazy_pinyin, classes: dict[str, int]) -> str:
    """The phrase's sound key with each polyphone read as pypinyin reads it in this phrase."""
    syllables = lazy_pinyin(phrase, errors=lambda chars: [None] * len(chars))
    if len(syllables) != len(phrase):
        return ""
    key = []
    for ch, syllable in zip(phrase, syllables, strict=True):
        cls = classes.get(near_class(syllable)) if syllable else None
        key.append(chr(_PUA + cls) if cls is not None else ch)
    return "".join(key)


def phrase_files() -> list[Path]:
    return sorted(lexicon_path("phrases").glob("*.txt"))


def _lexicon_hash() -> str:
    # the index depends on this module's code too (a change to how it is built rebuilds it) and
    # on jieba's dictionary (word counts and tags)
    h = hashlib.sha256(jieba_version().encode())
    for path in [Path(__file__), *phrase_files(), lexicon_path("confusions.txt"),
                 lexicon_path("userdict.txt"), lexicon_path("dedide.toml"), lexicon_path("readings.toml")]:
        if path.exists():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class PhraseIndex:
    readings: dict[str, frozenset[str]]            # char -> toneless readings
    sound_table: dict[int, int]                    # for str.translate
    shape_table: dict[int, int]                    # curated similar-shape groups
    corner_table: dict[int, int] = field(default_factory=dict)  # four-corner code classes
    # four-corner classes joined by the curated groups: one key, one walk for every look-alike
    look_table: dict[int, int] = field(default_factory=dict)
    shape_members: dict[int, tuple[str, ...]] = field(default_factory=dict)  # curated groups
    # "plain" and "near": (keys of the automaton, what a match of key i means); "inner": ([],
    # side table by plain key index) for the prefixes inside fixed phrases. Pickled; the
    # automatons themselves are built from the keys on first use.
    tables: dict[str, tuple[list[str], object]] = field(default_factory=dict)
    alphabet: str = ""                              # the keys' characters, commonest first (_OTHER)
    plain_phrases: int = 0                          # the first keys of tables["plain"] are phrases
    plain_whole: frozenset[int] = frozenset()       # phrases a syllable may be typed after
    # (sound or shape key of one character, the other character, position) -> [(word, freq)]
    word_alternatives: dict[tuple[str, str, int], list[tuple[str, int]]] = field(default_factory=dict)
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, phrases: set[str], fixed: set[str], shape_groups: list[set[str]],
              word_freq: dict[str, int], misspellings: list[tuple[str, str]] = ()) -> PhraseIndex:
        from pypinyin import lazy_pinyin, load_phrases_dict
        from pypinyin.pinyin_dict import pinyin_dict

        # words pypinyin reads with a polyphone's other reading (长效: zhǎng), from
        # lexicons/readings.toml, so that a phrase's contextual key is the one said aloud
        load_phrases_dict({word: [[syllable] for syllable in reading.split()]
                           for word, reading in load_toml("readings.toml").items()})

        readings: dict[str, frozenset[str]] = {}
        classes: dict[str, int] = {}
        sound_table: dict[int, int] = {}
        for code, value in pinyin_dict.items():
            if not (0x4E00 <= code <= 0x9FFF):
                continue
            syllables = [_toneless(r) for r in value.split(",")]
            readings[chr(code)] = frozenset(syllables)
            for syllable in syllables:
                classes.setdefault(near_class(syllable), len(classes))
            sound_table[code] = _PUA + classes[near_class(syllables[0])]
        shape_table: dict[int, int] = {}
        shape_members: dict[int, tuple[str, ...]] = {}
        for group in shape_groups:
            representative = min(group)
            shape_members[ord(representative)] = tuple(sorted(group))
            for ch in group:
                shape_table[ord(ch)] = ord(representative)

        # 四角号码: characters whose four corners are coded alike look alike (湖/潮 3712, 末/未
        # 5090, 蜒/蜓 5214); the code's first four digits are the shape class.
        from four_corner_method import FourCornerMethod

        corner_classes: dict[str, int] = {}
        corner_table = {
            ord(ch): _CORNER_PUA + corner_classes.setdefault(code[:4], len(corner_classes))
            for ch, code in FourCornerMethod().data.items()
            if len(ch) == 1 and "\u4e00" <= ch <= "\u9fff" and code and len(code) >= 4
        }
        if _PUA + len(classes) > _CORNER_PUA or _CORNER_PUA + len(corner_classes) > _PUA_END:
            raise ValueError("sound or look classes overflow their private-use ranges")
        look_table = _join_classes(corner_table, shape_groups)
        if max(look_table.values()) >= 0x10000:  # the keys are computed as 16-bit code units
            raise ValueError("a look-alike group is keyed beyond the Basic Plane")
        for code in range(_PUA, _PUA_END):  # private-use characters of the text itself
            sound_table[code] = look_table[code] = 0xFFFD
        index = cls(readings, sound_table, shape_table, corner_table=corner_table,
                    shape_members=shape_members, look_table=look_table)
        index.word_classes = build_word_classes()
        # two-character words of the genre's phrases count as common whatever jieba's (2000s
        # news) counts say: 牢记 262, 诉求 87
        genre: dict[str, int] = {}
        for phrase in phrases:
            for token in cut(phrase):
                if len(token) == 2 and token in word_freq:
                    genre[token] = genre.get(token, 0) + 1
        boosted = {token: max(word_freq[token], WORD_RIGHT_MIN) for token, n in genre.items()
                   if n >= GENRE_WORD_PHRASES}
        for word, freq in (word_freq | boosted).items():
            if len(word) != 2 or freq < SHAPE_RIGHT_MIN or not _HAN.match(word):
                continue
            for pos in (0, 1):
                other, ch = word[1 - pos], word[pos]
                # four-corner classes are too broad for single words (透/适): curated pairs only
                keys = {chr(shape_table[ord(ch)])} if ord(ch) in shape_table else set()
                if freq >= WORD_RIGHT_MIN:
                    keys.add(chr(sound_table.get(ord(ch), ord(ch))))
                for key in keys:
                    index.word_alternatives.setdefault((key, other, pos), []).append((word, freq))
        # One automaton over the text itself ("plain": exact phrases, dropped-character forms,
        # prefixes for an added character, list items, misspellings) and one over the text keyed
        # by sound classes and, joined to it, by look classes ("near").
        plain: dict[str, dict[str, object]] = {}
        sound: dict[str, list] = {}
        look: dict[str, list] = {}

        def add(table: dict, key: str, value) -> None:
            found = table.setdefault(key, [])
            if value not in found:
                found.append(value)

        def add_plain(key: str, kind: str, value) -> None:
            add(plain.setdefault(key, {}), kind, value)

        def add_prefix(phrase: str, k: int) -> None:
            """phrase[:k], bucketed by the character expected after the inserted one."""
            buckets = plain.setdefault(phrase[:k], {}).setdefault("prefix", {})
            buckets.setdefault(phrase[k:k + 1], []).append((phrase, k))

        for wrong, right in misspellings:
            plain.setdefault(wrong, {})["misspelling"] = right
        for phrase in sorted(phrases):  # sorted: ties between phrases resolve the same every run
            plain.setdefault(phrase, {})["exact"] = phrase
            if len(phrase) < 4:
                continue
            # a polyphone is read as in the phrase (长效机制: cháng, per pypinyin's phrase data),
            # and as its first reading, which is how the text side is keyed
            add(sound, phrase.translate(sound_table), phrase)
            contextual = _contextual_key(phrase, lazy_pinyin, classes)
            if contextual:
                add(sound, contextual, phrase)
            add(look, phrase.translate(index.look_table), phrase)
            if phrase in fixed:
                # an IME adds one syllable that makes a word with the character before it
                # (一岗双责 -> 一岗位双责, 凝心聚力 -> 凝心聚力量): index the phrase's prefixes and
                # look for the rest one character further on (see `candidates`)
                # (not after a common two-character word inside a longer phrase: 全面 + 从严治党
                # takes no syllable, and these prefixes would match on every line)
                prefixed = {k for k in range(2, min(len(phrase), PREFIX_MAX + 1))
                            if k > 2 or word_freq.get(phrase[:2], 0) < COMMON_PREFIX}
                for k in prefixed:
                    add_prefix(phrase, k)
                # a dropped character (全面加强 -> 全加强): after an indexed prefix, the rest
                # from one character further on; otherwise the phrase without it is a key
                for i in range(1, len(phrase) - 1):
                    if not _HAN.match(phrase[i]):
                        continue
                    if i in prefixed:
                        gaps = plain.setdefault(phrase[:i], {}).setdefault("gap", {})
                        gaps.setdefault(phrase[i + 1], []).append((phrase, i))
                    else:
                        add_plain(phrase[:i] + phrase[i + 1:], "deletion", (phrase, i))
            # a syllable typed after a whole phrase (精准施策 -> 精准施策略) is looked for after
            # every phrase; inside one, only in the fixed formulations
            if _HAN.match(phrase):
                add_prefix(phrase, len(phrase))
            items = phrase.split("、")
            if len(items) >= 3 and all(len(it) >= 2 for it in items):
                add_plain("、" + "、".join(items[1:]), "list_tail", (phrase, items[0]))
                add_plain("、".join(items[:-1]) + "、", "list_head", (phrase, items[-1]))
        # plain: the phrases first (their count is `plain_phrases`), then the other keys; `rare`
        # holds the dropped-character, misspelling and list entries by key index, `inner` the
        # prefixes inside fixed phrases by the character expected after an added one. The
        # prefixes share the phrases' paths in the automaton: one walk, little more memory.
        ordered = sorted(plain, key=lambda k: "exact" not in plain[k])
        index.plain_phrases = sum(1 for k in ordered if "exact" in plain[k])
        index.plain_whole = frozenset(i for i, k in enumerate(ordered) if plain[k].get("prefix", {}).get(""))
        rare = {i: {kind: x for kind, x in plain[k].items() if kind not in ("exact", "prefix", "gap")}
                for i, k in enumerate(ordered)}
        gaps = {i: plain[k]["gap"] for i, k in enumerate(ordered) if plain[k].get("gap")}
        inner = {i: {c: x for c, x in plain[k].get("prefix", {}).items() if c} for i, k in enumerate(ordered)}
        index.tables["plain"] = (ordered, {i: v for i, v in rare.items() if v})
        # inner[i]: (added character -> entries, next character when one is dropped -> entries)
        index.tables["inner"] = ([], {i: (inner[i] or None, gaps.get(i)) for i in set(gaps) | {
            i for i, v in inner.items() if v}})
        # sound and look keys in one automaton (their alphabets are apart: private-use sound
        # classes from _PUA, look classes from _CORNER_PUA), searched over the two keyed texts joined
        index.tables["near"] = (list(sound) + list(look), list(sound.values()) + list(look.values()))
        counts: dict[str, int] = {}
        for name in ("plain", "near"):
            for key in index.tables[name][0]:
                for ch in key:
                    counts[ch] = counts.get(ch, 0) + 1
        index.alphabet = "".join(sorted(counts, key=lambda ch: (-counts[ch], ch)))
        if len(index.alphabet) > _UNITS_MAX:
            raise ValueError("the keys' alphabet overflows the two-byte units")
        return index

    # ----- queries -------------------------------------------------------------------------

    # worked out from the pickled tables on first use, never pickled themselves
    _DERIVED = ("_automatons", "_memo", "_units", "_flags", "_prefix_triggers", "_lone_swaps",
                "_single_kinds")

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in self._DERIVED}

    def _matches(self, name: str, haystack: bytes) -> list[tuple[int, int, int]]:
        """(value index, start, end) of every key of table `name` in `haystack` (two-byte units,
        see `haystacks`; offsets in bytes), overlaps included. The automatons (ahocorasick_rs,
        Rust) cannot be pickled: they are built on first use, about 0.1 s per process
        (pyahocorasick, which could be pickled, scans a trie node's children one by one: slow
        with thousands of first characters)."""
        automatons = self.__dict__.setdefault("_automatons", {})
        automaton = automatons.get(name)
        if automaton is None:
            import ahocorasick_rs

            keys = self.tables.get(name, ([], []))[0]
            # every key coded in one pass, then cut at the separators (_OTHER never starts at
            # an odd offset: odd bytes are trail bytes)
            units = self._units[0][code_points("\n".join(keys))].tobytes().split(_OTHER.to_bytes(2, "little"))
            automaton = ahocorasick_rs.BytesAhoCorasick(
                units, implementation=ahocorasick_rs.Implementation.ContiguousNFA) if keys else False
            automatons[name] = automaton
        if not automaton:
            return []
        return automaton.find_matches_as_indexes(haystack, overlapping=True)

    def haystacks(self, codes: np.ndarray) -> tuple[bytes, bytes]:
        """What the automatons search, from a text's code points (`code_points`), in two-byte
        units: the text itself ("plain"); and the text keyed by sound classes, one unit that no
        key holds, and the text keyed by look classes ("near"). One numpy pass each."""
        import numpy as np

        inside = np.minimum(codes, 0xFFFF)  # beyond the Basic Plane: no class, no key
        units = self._units
        near = np.concatenate((units[1][inside], np.array([_OTHER], dtype=np.uint16), units[2][inside]))
        return units[0][inside].tobytes(), near.tobytes()

    @cached_property
    def _units(self) -> np.ndarray:
        """Three arrays over the Basic Plane giving each character's two-byte unit: as itself
        (the keys and the plain text), by its sound class and by its look class (`haystacks`)."""
        import numpy as np

        ranks = np.arange(1, len(self.alphabet) + 1)
        units = np.full(0x10000, _OTHER, dtype=np.uint16)
        units[code_points(self.alphabet)] = (1 + ranks // 0x80) | ((0x80 + ranks % 0x80) << 8)
        out = np.empty((3, 0x10000), dtype=np.uint16)
        out[0] = units
        for row, table in ((1, self.sound_table), (2, self.look_table)):
            classes = np.arange(0x10000, dtype=np.uint32)
            keys = np.fromiter(table.keys(), dtype=np.uint32, count=len(table))
            values = np.fromiter(table.values(), dtype=np.uint32, count=len(table))
            inside = keys < 0x10000
            classes[keys[inside]] = values[inside]
            out[row] = units[classes]
        return out

    def relation(self, wrong: str, right: str) -> str:
        """How two characters are confusable: homophone, near_homophone, shape or ''."""
        a, b = self.readings.get(wrong, frozenset()), self.readings.get(right, frozenset())
        if a & b:
            return "homophone"
        if {near_class(x) for x in a} & {near_class(x) for x in b}:
            return "near_homophone"
        if self._curated_shape(wrong, right):
            return "shape"
        if ord(wrong) in self.corner_table and \
                self.corner_table.get(ord(wrong)) == self.corner_table.get(ord(right)):
            return "shape"
        return ""

    def candidates(self, text: str, freq: dict, codes: np.ndarray
                   ) -> tuple[list[TypoHit], list[tuple[int, int]]]:
        """Every near-miss of a lexicon phrase in `text` (before vetting in context), and the
        spans where a phrase is written right; `codes` is `code_points(text)`."""
        plain, near = self.haystacks(codes)
        plain_hits, exact = self._plain_candidates(text, freq, self._matches("plain", plain))
        return self._near_candidates(text, exact, self._matches("near", near)) + plain_hits, exact

    def _near_candidates(self, text: str, exact: list[tuple[int, int]], found: list[tuple[int, int, int]]
                         ) -> list[TypoHit]:
        """Windows whose sound or look key is a phrase's but whose characters differ in one
        place (or in one two-character word picked wrong by the IME); `found`: the "near"
        automaton's matches (offsets in bytes)."""
        hits: list[TypoHit] = []
        relation = self.relation
        function_words = self.word_classes.get("function_words", ())
        values = self.tables["near"][1]
        size = len(text)
        shift = size + 1
        # a window that is a phrase written right is no typo of another phrase with its key
        # (and any hit inside it would be dropped): most matches are such, skip them in one pass,
        # in byte offsets (twice the text's)
        stride = 4 * shift
        written = {2 * s * stride + 2 * e for s, e in exact}
        written.update([key + 2 * shift * (stride + 1) for key in written])
        matches = [x for x in found if x[1] * stride + x[2] not in written]
        for m, start, end in matches:
            start, end = start >> 1, end >> 1
            if start >= shift:  # a match in the look-keyed half
                start, end = start - shift, end - shift
            elif end > size:
                continue
            n = end - start
            window = text[start:end]
            for phrase in values[m]:
                if window == phrase:
                    continue  # the phrase itself, written right
                diffs = [i for i in range(n) if window[i] != phrase[i]]
                # one character, or a two-character word picked wrong by the IME (连接/廉洁)
                if len(diffs) > 2 or diffs[-1] - diffs[0] > 1:
                    continue
                kinds = [relation(window[i], phrase[i]) for i in diffs]
                # a whole word swapped must sound exactly the same (连接/廉洁, not 执行/自信)
                # and be a content word: an IME does not offer 有时 for 优势 in 制度优势
                if len(diffs) == 2 and window[diffs[0]:diffs[1] + 1] in function_words:
                    continue
                if all(kinds) and (len(diffs) == 1 or set(kinds) == {"homophone"}):
                    a, b = diffs[0], diffs[-1] + 1
                    kind = kinds[0] if len(set(kinds)) == 1 else "near_homophone"
                    hits.append(TypoHit(start + a, start + b, window[a:b], phrase[a:b], kind,
                                        start, end))
        return hits

    def _plain_candidates(self, text: str, freq: dict, found: list[tuple[int, int, int]]
                          ) -> tuple[list[TypoHit], list[tuple[int, int]]]:
        """Dropped and added characters, misspellings and list items typed wrong, found by the
        automaton over the text itself (`found`, offsets in bytes); and the spans where a phrase
        is written right."""
        hits: list[TypoHit] = []
        exact: list[tuple[int, int]] = []
        size = len(text)
        padded = text + "\0\0"
        rare, phrases, inner = self.tables["plain"][1], self.plain_phrases, self.tables["inner"][1]
        # most matches are prefixes inside fixed phrases (a third of all keys) that nothing
        # follows as an added or dropped character would: drop those in one pass first
        # (what a key is, by its flags: one byte each, cache-friendly, before any table is read)
        triggers, flags = self._prefix_triggers, self._flags
        matches = [(m, start >> 1, stop >> 1) for m, start, stop in found
                   if not flags[m] & _TRIGGER or padded[(stop >> 1) + 1] in (t := triggers[m])[0]
                   or padded[stop >> 1] in t[1]]
        for m, start, stop in matches:
            flag = flags[m]
            if flag & _INNER:
                added, dropped = inner[m]
                entries = added.get(padded[stop + 1]) if added else None
                if entries is not None:  # a character added at `stop`, and the phrase goes on after it
                    self._added(text, start, stop, entries, WORD_MIN_FREQ, freq, hits)
                for phrase, i in dropped.get(padded[stop], ()) if dropped else ():
                    if text.startswith(phrase[i + 1:], stop):  # phrase[i] dropped at `stop`
                        hits.append(_dropped(text, start, phrase, i))
                if m >= phrases and not flag & _RARE:
                    continue
            end, n = stop - 1, stop - start   # `end`: the key's last character
            if m < phrases:
                exact.append((start, stop))
                # a character added after the whole phrase; `_added`'s first test made here
                # first, as most phrases are followed by no word made with their last character
                if flag & _WHOLE and stop < size and "\u4e00" <= text[stop] <= "\u9fff" \
                        and freq.get(text[stop - 1:stop + 1], 0) >= WORD_AFTER_MIN:
                    self._added(text, start, stop, ((text[start:stop], n),), WORD_AFTER_MIN, freq, hits)
            if not flag & _RARE:
                continue
            kinds = rare[m]
            hits += [_dropped(text, start, phrase, i) for phrase, i in kinds.get("deletion", ())]
            right = kinds.get("misspelling")
            if right is not None:
                wrong = text[start:end + 1]
                diff = [i for i in range(min(n, len(right))) if wrong[i] != right[i]]
                if n == len(right) and len(diff) == 1:
                    i = diff[0]
                    hits.append(TypoHit(start + i, start + i + 1, wrong[i], right[i], "misspelling",
                                        start, end + 1))
                else:
                    hits.append(TypoHit(start, end + 1, wrong, right, "misspelling", start, end + 1))
            for _phrase, first in kinds.get("list_tail", ()):
                head = start - len(first)
                window = text[max(head, 0):start]
                if head >= 0 and window != first and self._item_confusable(window, first):
                    hits.append(TypoHit(head, start, window, first, "list_item", head, end + 1))
            for _phrase, last in kinds.get("list_head", ()):
                window = text[end + 1:end + 1 + len(last)]
                if window != last and len(window) == len(last) and self._item_confusable(window, last):
                    hits.append(TypoHit(end + 1, end + 1 + len(last), window, last, "list_item",
                                        start, end + 1 + len(last)))
        return hits, exact

    @cached_property
    def _flags(self) -> bytes:
        """What each plain key is, one byte by key index: _INNER (a prefix inside fixed phrases,
        `inner`), _RARE (dropped-character, misspelling or list entries), _WHOLE (a phrase a
        character may be typed after), _TRIGGER (only a prefix: `_prefix_triggers`)."""
        flags = bytearray(len(self.tables["plain"][0]))
        for table, flag in ((self.tables["inner"][1], _INNER), (self.tables["plain"][1], _RARE),
                            (self.plain_whole, _WHOLE), (self._prefix_triggers, _TRIGGER)):
            for m in table:
                flags[m] |= flag
        return bytes(flags)

    @cached_property
    def _prefix_triggers(self) -> dict[int, tuple[str, str]]:
        """For each plain key that is only a prefix inside fixed phrases: the characters that,
        right after it, start an added one's check and, at its end, a dropped one's."""
        rare, inner = self.tables["plain"][1], self.tables["inner"][1]
        return {m: ("".join(added or ()), "".join(dropped or ()))
                for m, (added, dropped) in inner.items() if m >= self.plain_phrases and m not in rare}

    @staticmethod
    def _added(text: str, start: int, stop: int, entries, word_min: int, freq: dict,
               hits: list[TypoHit]) -> None:
        """An extra character at `stop` after the key text[start:stop] of (phrase, k) entries:
        the added syllable makes a common word with the character before (功 + 能 = 功能) and
        is no common word of its own (抓基层党建有短板: 有 is the verb)."""
        extra = text[stop]
        if not "\u4e00" <= extra <= "\u9fff" or freq.get(text[stop - 1:stop + 1], 0) < word_min \
                or freq.get(extra, 0) >= FUNCTION_WORD_FREQ:
            return
        for phrase, k in entries:
            if text.startswith(phrase[k:], stop + 1) and extra != phrase[k:k + 1]:
                hits.append(TypoHit(stop, stop + 1, extra, "", "extra_char", start, start + len(phrase) + 1))

    def _curated_shape(self, a: str, b: str) -> bool:
        return ord(a) in self.shape_table and self.shape_table.get(ord(a)) == self.shape_table.get(ord(b))

    def single_tokens(self, tokens: list[str], codes: np.ndarray
                      ) -> tuple[list[int], list[int], list[int], list[int]]:
        """The offsets of the tokens of a text (its length last), and the indexes of the
        one-character tokens the later checks look at: lone content characters that do not
        stand alone by themselves (`word_candidates`), rare look-alikes of function words
        (`lone_swaps`), and 的/地/得 after a token (`de_di_de_hits`). One numpy pass over the
        tokens' lengths and the text's code points (`codes`)."""
        import numpy as np

        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        starts = np.zeros(len(tokens) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        single = np.flatnonzero(lengths == 1)
        kinds = self._single_kinds[np.minimum(codes[starts[single]], 0xFFFF)]
        particles = single[(kinds & _PARTICLE) != 0]
        return (starts.tolist(), single[(kinds & _LONE) != 0].tolist(), single[(kinds & _SWAP) != 0].tolist(),
                particles[particles > 0].tolist())

    @cached_property
    def _single_kinds(self) -> np.ndarray:
        """Over the Basic Plane, what a one-character token is to the later checks: _LONE (a
        Chinese character that does not stand alone by itself: 且、而、是、在 do), _SWAP (a key
        of `_lone_swaps`), _PARTICLE (的、地、得)."""
        import numpy as np

        kinds = np.zeros(0x10000, dtype=np.uint8)
        kinds[0x4E00:0xA000] = _LONE
        for ch in self.word_classes["stand_alone"]:
            if len(ch) == 1 and ord(ch) < 0x10000:
                kinds[ord(ch)] &= ~_LONE & 0xFF
        for chars, kind in ((self._lone_swaps, _SWAP), (_DE, _PARTICLE)):
            for ch in chars:
                kinds[ord(ch)] |= kind
        return kinds

    def lone_swaps(self, tokens: list[str], swapped: list[int], starts: list[int]) -> list[TypoHit]:
        """A rare lone character whose curated look-alike is a common function word on its own:
        目前己完成 -> 已完成 (己 alone is rare, 已 is an adverb); `swapped` are the indexes of
        such tokens (`single_tokens`)."""
        hits, swaps = [], self._lone_swaps
        measures = self.word_classes["measures"]
        for k in swapped:
            if not _in_name_or_count(tokens, k, measures):
                hits += [TypoHit(starts[k], starts[k] + 1, tokens[k], other, "shape_lone")
                         for other in swaps[tokens[k]]]
        return hits

    @cached_property
    def _lone_swaps(self) -> dict[str, list[str]]:
        """Each rare character (alone rarer than LONE_SWAP_MAX in jieba) with the function words
        among its curated look-alikes that are LONE_SWAP_RATIO times commoner: what
        `lone_swaps` looks for."""
        freq, function_chars = tokenizer().FREQ, self.word_classes["function_chars"]
        table = {}
        for code, representative in self.shape_table.items():
            token = chr(code)
            if freq.get(token, 0) >= LONE_SWAP_MAX:
                continue
            others = [other for other in self.shape_members.get(representative, ())
                      if other != token and other in function_chars
                      and freq.get(other, 0) >= LONE_SWAP_RATIO * max(freq.get(token, 0), 1)]
            if others:
                table[token] = others
        return table

    def _word_related(self, a: str, b: str) -> bool:
        """Confusable for single words: homophones, near-homophones, curated shape pairs."""
        return self.relation(a, b) in ("homophone", "near_homophone") or self._curated_shape(a, b)

    def word_candidates(self, tokens: list[str], freq: dict, lone: list[int],
                        starts: list[int]) -> list[TypoHit]:
        """Ordinary words outside the lexicon: a rare lone character next to another that,
        swapped for a homophone or similar shape, makes a common word (末能 -> 未能, 照成 -> 造成).

        jieba's unigram counts cannot tell 研究不深 from 研究不胜, so a homophone is trusted only
        for a lone character rarer than WORD_LONE_MAX whose pair with its neighbour is no word,
        when the word it could have been is common (WORD_RIGHT_MIN); a curated similar-shape
        pair (末/未) needs less (SHAPE_LONE_MAX, SHAPE_RIGHT_MIN). `_plausible` then checks the
        corrected pair is one word in context; `lone` are the indexes of the lone characters
        that do not stand alone by themselves (`single_tokens`)."""
        hits: list[TypoHit] = []
        function_chars, measures = self.word_classes["function_chars"], self.word_classes["measures"]
        last = len(tokens) - 1
        best_word = self._best_word
        for k in lone:
            token, start = tokens[k], starts[k]
            if token in _TIME_SUFFIXES and k > 0 and len(tokens[k - 1]) >= 2:
                continue  # 学期初、年底、会上: a suffix of the noun before
            f_token = freq.get(token, 0)
            # a common character with no curated look-alike can only be a homophone slip, which
            # needs a lone neighbour (the `split` below): skip its other neighbours at once
            lone_neighbour_only = f_token >= WORD_LONE_MAX and ord(token) not in self.shape_table
            for neighbour, pos_in_word in ((tokens[k + 1] if k < last else "", 0),
                                           (tokens[k - 1] if k > 0 else "", 1)):
                if not neighbour or not "\u4e00" <= neighbour[0] <= "\u9fff" \
                        or (lone_neighbour_only and len(neighbour) != 1):
                    continue
                other = neighbour[0] if pos_in_word == 0 else neighbour[-1]
                if freq.get(token + other if pos_in_word == 0 else other + token, 0) or not _HAN.match(neighbour):
                    continue  # the pair as written is a word already
                best = best_word(token, other, pos_in_word)
                if best is None:
                    continue  # no word it could have been
                if pos_in_word == 1 and k > 1 and _counts(tokens[k - 2]):
                    continue  # the neighbour counts something (800元且 is not 元旦)
                right = best[0][pos_in_word]
                kind = "shape" if self._curated_shape(token, right) else self.relation(token, right)
                if kind == "shape" and f_token >= SHAPE_LONE_MAX:
                    # a common character (问、平) is judged only when its neighbour is a lone
                    # character too, one curated look-alike away from a common word (期问 -> 期间,
                    # 几平 -> 几乎): the split itself is the evidence
                    if len(neighbour) != 1 or best[1] < WORD_RIGHT_MIN:
                        continue
                elif kind == "shape" and best[1] < SHAPE_RIGHT_MIN:
                    continue
                elif kind != "shape":
                    # two content characters that make no word (照成 -> 造成, 脑记 -> 牢记): the
                    # split is evidence enough for a less common word, and for a commoner
                    # character; never next to 不、是、的 (不紧 is not 不仅)
                    split = len(neighbour) == 1 and neighbour not in function_chars \
                        and freq.get(neighbour, 0) < FUNCTION_WORD_FREQ
                    if best[1] < (SPLIT_RIGHT_MIN if split else WORD_RIGHT_MIN) \
                            or (f_token >= WORD_LONE_MAX and not split):
                        continue
                if (k > 0 and tokens[k - 1] in ("所", "被", "为")) or _in_name_or_count(tokens, k, measures):
                    break  # 为利益所惑 is the 为…所 passive
                window = (start, start + 2) if pos_in_word == 0 else (start - 1, start + 1)
                hits.append(TypoHit(start, start + 1, token, right, kind + "_word", *window))
        return hits

    def _best_word(self, token: str, other: str, pos_in_word: int) -> tuple[str, int] | None:
        """The commonest word `token` could have been next to `other` (at `pos_in_word` of the
        word), by a homophone, near-homophone or curated look-alike, with the count its checks
        use (a genre word's at least WORD_RIGHT_MIN, see `build`); ranked by jieba's own count
        (党籍 219 before 党纪 43, which the genre raises), ties by the word. Memoised per process."""
        memo = self.__dict__.setdefault("_memo", {})
        key = (token, other, pos_in_word)
        if key in memo:
            return memo[key]
        counts = tokenizer().FREQ
        best, best_rank = None, (0, "")
        for sound_or_shape in sorted({chr(self.sound_table.get(ord(token), ord(token))),
                                      chr(self.shape_table.get(ord(token), ord(token)))}):
            for word, f in self.word_alternatives.get((sound_or_shape, other, pos_in_word), ()):
                new = word[pos_in_word]
                rank = (counts.get(word, 0), word)
                if new != token and (best is None or rank > best_rank) and self._word_related(token, new):
                    best, best_rank = (word, f), rank
        if len(memo) > 200_000:
            memo.clear()
        memo[key] = best
        return best

    def _item_confusable(self, window: str, item: str) -> bool:
        """A list item typed wrong: same length, and its first or last character sounds alike."""
        if len(window) != len(item) or not _HAN.match(window):
            return False
        return any(self.relation(a, b) in ("homophone", "near_homophone")
                   for a, b in zip(window, item, strict=True) if a != b)


# Files whose entries are fixed formulations: no character may be dropped or added. The 公文
# collocations (gongwen.txt) are looser: 问题整改 may fairly be written 问题改正.
FIXED_FILES = ("political", "idioms")


_PIECES = re.compile(r"[、，,；;：:“”\"（）()]")


def load_phrase_sets() -> tuple[set[str], set[str]]:
    """(all phrases, the fixed ones) from lexicons/phrases/*.txt. The pieces of a long
    formulation (between its 、，) are phrases too: 清正廉洁 inside 清正廉洁作表率."""
    phrases: set[str] = set()
    fixed: set[str] = set()
    for path in phrase_files():
        lines = {line.split("\t")[0].strip() for line in read_lines(path)}
        lines |= {piece for line in list(lines) if len(line) > 6
                  for piece in _PIECES.split(line) if len(piece) >= 4}
        lines.discard("")
        phrases |= lines
        if path.stem.startswith(FIXED_FILES):
            fixed |= lines
    return phrases, fixed


def load_misspellings() -> list[tuple[str, str]]:
    """Whole-word misspellings from the confusion set (KIND homophone or shape, 2+ characters);
    KIND `word` rows are pairs of real words and are not flagged."""
    out = []
    for line in read_lines(lexicon_path("confusions.txt")):
        cols = line.split("\t")
        if len(cols) >= 3 and cols[2].strip() in ("homophone", "shape") and len(cols[0]) >= 2:
            out.append((cols[0], cols[1]))
    return out


def load_shape_groups() -> list[set[str]]:
    """Union of single-character shape confusions into groups (己/已/巳 …)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        return _root(parent, x)

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
    import gc

    path = cache_dir() / f"phrase-index-{_lexicon_hash()}.pickle"
    if path.exists():
        gc.disable()  # unpickling many small objects is twice as fast without the collector
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a stale or truncated cache is rebuilt
            pass
        finally:
            gc.enable()
    phrases, fixed = load_phrase_sets()
    index = PhraseIndex.build(phrases, fixed, load_shape_groups(), tokenizer().FREQ,
                              load_misspellings())
    write_cache(path, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    return index


# ----- 的/地/得 ---------------------------------------------------------------------------------


def build_word_classes() -> dict[str, frozenset[str]]:
    """Verbs, adjectives, adverbials and nouns: jieba's dictionary tags (v/vn, a/ad/an/d, ad,
    n) joined with the curated lists of lexicons/dedide.toml (jieba tags 落实 as an adjective).
    Built with the phrase index and cached with it."""
    rules = load_toml("dedide.toml")
    verbs, adjectives, adverbs = set(rules["verbs"]) | set(rules["complement_verbs"]), \
        set(rules["complements"]) | set(rules["attribute_words"]), set(rules["adverbials"])
    nouns: set[str] = set()
    function_chars: set[str] = set()
    function_words: set[str] = set()
    verbal_nouns: set[str] = set()
    measures: set[str] = set()
    single_freq: dict[str, int] = {}
    with open(jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            if len(word) == 1:
                single_freq[word] = single_freq.get(word, 0) + int(freq)
            if int(freq) < 20:
                continue
            if tag in ("v", "vn", "vd"):
                verbs.add(word)
                if tag == "vn":
                    verbal_nouns.add(word)  # 工作、管理: 利用工作的便利 is a noun phrase
            elif tag in ("a", "ad", "an") or (tag == "d" and len(word) >= 2):
                adjectives.add(word)
            elif tag.startswith("n") and len(word) >= 2:
                nouns.add(word)
            if tag == "ad" and len(word) >= 2:
                adverbs.add(word)
            if len(word) == 1 and tag == "q":
                measures.add(word)  # 篇、个、次: counted after a numeral
            if len(word) == 1 and tag[0] in "cdpurye":
                function_chars.add(word)  # 且、而、所: conjunctions, adverbs, particles
            elif len(word) >= 2 and tag in ("d", "c", "p", "r", "u"):
                function_words.add(word)  # 有时、但是、对于
    return {"verbs": frozenset(verbs), "adjectives": frozenset(adjectives),
            "adverbs": frozenset(adverbs), "nouns": frozenset(nouns - verbs),
            "degree": frozenset(rules["degree"]), "noun_heads": frozenset(rules["noun_heads"]),
            "not_adverbial": frozenset(rules.get("not_adverbial", ())),
            "nominal_tails": frozenset(rules.get("nominal_tails", ())),
            "complement_verbs": frozenset(rules["complement_verbs"]),
            "vp_verbs": frozenset(rules.get("vp_verbs", ())),
            "de_words": frozenset(rules.get("de_words", ())),
            "noun_adverbials": frozenset(rules.get("noun_adverbials", ())),
            "verbal_nouns": frozenset(verbal_nouns - set(rules["verbs"]) - set(rules["complement_verbs"])),
            "function_words": frozenset(function_words), "function_chars": frozenset(function_chars),
            "measures": frozenset(measures),
            # one-character words that stand alone by themselves: function words and any
            # character common on its own (FUNCTION_WORD_FREQ)
            "stand_alone": frozenset(function_chars) | frozenset(
                w for w, f in single_freq.items() if f >= FUNCTION_WORD_FREQ)}


_PUNCT_END = set("，。；、！？：,.;!?:”）)\n")
_PAUSE = set("，。；！？,.;!?\n")  # not 、: 批评的原则性、战斗性 is a list of nouns


def de_di_de_hits(tokens: list[str], wc: dict[str, frozenset[str]], particles: list[int], freq: dict,
                  starts: list[int]) -> list[TypoHit]:
    """的/地/得 misuse, judged on jieba's tokens:
    adverbial + 得 + verb, or adverbial + 的 + verb not heading a noun phrase -> 地
    (认真得对照, 系统的研读; but 认真的学习态度, 科学的考核评价方法 stay);
    verb + 的/地 + (degree) + adjective + pause -> 得 (推进的比较缓慢, 看的不远);
    verb or adjective + 得/地 + noun -> 的 (反映得问题, 深厚地感情). `particles` are the indexes
    of the 的/地/得 tokens after another (`PhraseIndex.single_tokens`)."""
    words = [*tokens, "", "", "", ""]
    nouns, heads = wc["nouns"], wc["noun_heads"]

    def is_verb(word: str) -> bool:  # 贯彻落实、对照党章党规 are glued by the domain dictionary
        return word in wc["verbs"] or (len(word) >= 4 and word[:2] in wc["verbs"])

    hits = []
    for k in particles:
        start, particle = starts[k], tokens[k]
        before, after, after2, after3 = words[k - 1], words[k + 1], words[k + 2], words[k + 3]
        pause = after3 in _PUNCT_END or after3 == ""
        adverbial = before in wc["adverbs"] or (k >= 2 and before == words[k - 2] and _REDUPLICABLE.match(before))
        if particle != "地" and adverbial and before not in wc["not_adverbial"] \
                and is_verb(after) and after not in wc["nouns"] and (
                    particle == "得" or (
                        # 认真的学习态度, 科学的考核评价方法: verb + noun head is a noun phrase
                        after2 not in wc["noun_heads"] and after + after2 not in freq
                        and after2 not in wc["verbs"] and after2 not in _LOCATIVES
                        # 执行严格的请销假制度: after a verb the adverbial is an attribute
                        and not (k >= 2 and words[k - 2] in wc["verbs"]
                                 and words[k - 2] not in wc["vp_verbs"]))):
            hits.append(TypoHit(start, start + 1, particle, "地", "de_di_de"))
        elif particle != "得" and before in wc["verbs"] and before not in wc["verbal_nouns"] \
                and after + after2 not in wc["nominal_tails"] \
                and after not in wc["nominal_tails"] and (
                (after in wc["degree"] and after2 and after2 not in _PUNCT_END
                 and (pause or after3 in wc["adjectives"])
                 and (after != "不" or (before in wc["complement_verbs"]
                                       # 能解决的不拖延: 不 + a verb is a new predicate
                                       and (after2 not in wc["verbs"] or after2 in wc["adjectives"]))))
                or (after in wc["adjectives"] and after not in nouns and after not in heads
                    and after2 in _PAUSE)):
            hits.append(TypoHit(start, start + 1, particle, "得", "de_di_de"))
        elif particle != "的" and (before in wc["verbs"] or before in wc["adjectives"] or before in nouns
                                   or before in wc["adverbs"]) and after in wc["noun_heads"]:
            hits.append(TypoHit(start, start + 1, particle, "的", "de_di_de"))   # 虚心地态度
        elif particle == "地" and before in nouns and before not in wc["noun_adverbials"] \
                and before not in wc["adverbs"] and (after in nouns or after2 in heads):
            hits.append(TypoHit(start, start + 1, particle, "的", "de_di_de"))   # 企业地用工诉求
        elif particle != "得" and before + "得" in wc["de_words"]:
            hits.append(TypoHit(start, start + 1, particle, "得", "de_di_de"))   # 显的信心不足
    return hits


_LOCATIVES = frozenset("上中里下前后")
_DE = frozenset("的地得")


# ----- usage: right or wrong by what follows (截止/截至) -------------------------------------------


@cache
def usage_rules() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, replacement) of each entry of lexicons/usage.toml."""
    return tuple((re.compile(entry["pattern"]), entry["right"])
                 for entry in load_toml("usage.toml").get("usage", []))


def usage_hits(text: str) -> list[TypoHit]:
    return [TypoHit(m.start(), m.end(), m.group(), right, "usage")
            for rx, right in usage_rules() for m in rx.finditer(text) if m.end() > m.start()]


# ----- repeated characters and words -------------------------------------------------------------

# 一个个、一件一件、一项一项: repeating a numeral with its measure word is right.
_REDUPLICABLE = re.compile(r"^[一两二三四五六七八九十几每][\u4e00-\u9fff]$")


# Function characters that are never reduplicated, so twice in a row is a slip (在在推进).
_SLIP_DOUBLED = frozenset("在了我对要是的和与把被将就也都还从向为以及其并而或不")
_ASPECT = frozenset("了着过")
def _repeats(codes: np.ndarray) -> set[int]:
    """Where one to four Chinese characters are followed by the same characters again: the
    offset between the two copies (落实实 -> 2, 党员党员 -> 2). Compared as code-point arrays,
    five times faster than a regex with a back-reference at every position; `codes` are the
    text's code points."""
    import numpy as np

    han = (codes >= 0x4E00) & (codes <= 0x9FFF)
    mids: set[int] = set()
    for size in range(1, _REPEAT_MAX + 1):
        span = codes.size - 2 * size + 1
        if span <= 0:
            break
        same = han[:span].copy()
        for j in range(size):
            same &= codes[j:span + j] == codes[size + j:span + size + j]
            same &= han[j:span + j]
        mids.update((np.flatnonzero(same) + size).tolist())
    return mids


_REPEAT_MAX = 4
# Characters never said twice in a row, but which start words (有关, 很多): only 有有 alone is a slip.
_SLIP_TWICE = frozenset("有很这那也能会")


def doubled_hits(text: str, tokens: list[str], freq: dict, starts: list[int],
                 codes: np.ndarray) -> list[TypoHit]:
    """A character or word typed twice: 落实实, 在在, 党员党员, 意见见建议 (`codes`: the text's
    code points, `code_points`)."""
    hits = []
    # every case below has a few characters said twice in a row across two tokens: find the
    # repeats in the text (one regex scan), then judge the two tokens that meet in between
    mids = _repeats(codes)
    for k in sorted(bisect_right(starts, mid) - 2 for mid in mids):
        if k < 0 or k + 2 >= len(starts) or starts[k + 1] not in mids:
            continue
        a, b, s1, s2, e2 = tokens[k], tokens[k + 1], starts[k], starts[k + 1], starts[k + 2]
        if not (_HAN.match(a) and _HAN.match(b)):
            continue
        if a == b and len(a) >= 2 and not _REDUPLICABLE.match(a):
            hits.append(TypoHit(s2, e2, b, "", "doubled", s1, e2))      # 党员党员
        elif a == b:
            # 年年、拉拉 are reduplications; 在在、了了、我我、有有 are slips
            if a in _SLIP_DOUBLED or a in _SLIP_TWICE:
                hits.append(TypoHit(s2, e2, b, "", "doubled", s1, e2))
        elif len(b) >= 2 and a.endswith(b):
            hits.append(TypoHit(s2, e2, b, "", "doubled", s1, e2))      # 考勤制度|制度
        elif len(a) >= 3 and len(b) >= 3 and a[-2:] == b[:2]:
            hits.append(TypoHit(s2, s2 + 2, b[:2], "", "doubled", s1, e2))  # 党支部|支部书记
        elif len(b) == 1 and a.endswith(b) and a != "一" + b \
                and freq.get(text[s2:s2 + 2], 0) < 10 \
                and text[e2:e2 + 1] not in _ASPECT:   # 耕地地力: 地 starts 地力; 笔记记了: a verb
            hits.append(TypoHit(s2, e2, b, "", "doubled", s1, e2))      # 落实实, 方面面
        elif len(a) >= 2 and b.startswith(a) and not _REDUPLICABLE.match(a):
            hits.append(TypoHit(s1, s2, a, "", "doubled", s1, e2))      # 党员|党员教育管理
        elif len(a) == 1 and a in _SLIP_DOUBLED and b.startswith(a) and len(b) >= 2:
            hits.append(TypoHit(s1, s2, a, "", "doubled", s1, e2))      # 不|不够
    return hits


# ----- the vetted list ---------------------------------------------------------------------------

FUNCTION_WORD_FREQ = 50_000  # single characters this frequent in jieba stand alone normally
FRAGMENT_MAX = 30_000        # a dropped character leaves a fragment rarer than this
FRAGMENT_VERB_MAX = 5_000    # or, when the fragment is a verb, rarer than this
WORD_LONE_MAX = 1_500        # a lone character more frequent than this is a word in its own right
LONE_SWAP_MAX = 3_000        # a lone character this rare may be a look-alike of a function word
LONE_SWAP_RATIO = 20         # which must be this many times more common on its own
SHAPE_LONE_MAX = 15_000      # 干、入 stand alone too often to be judged by their neighbour
# Characters that follow a noun as a locative or conjunction, never a typing slip after a phrase.
POSTPOSITIONS = frozenset("上下中里内外前后时间为和与及等")
# Characters that turn a noun into another noun (工作队 + 员 = 工作队员), never a slip after one.
NOMINAL_SUFFIXES = frozenset("员长们者家化性式型类界方处室组站")
# Modal and linking characters that start a predicate after a noun (财务|须完成), never a slip.
PREDICATE_STARTS = frozenset("须需应要将可能已均都也还亦则仍再又才就")
CONTEXT = 6
WORD_RATIO = 50              # a word this many times commoner than its correction was meant


def find_typos(text: str, allow: tuple[str, ...] = ()) -> list[TypoHit]:
    """Typos in one paragraph, vetted against jieba's dictionary; `allow` terms are never hit."""
    return _merged(text, allow) if "\n" in text else find_typos_in([text], allow)[0]


def _merged(text: str, allow: tuple[str, ...]) -> list[TypoHit]:
    """A text with line breaks, checked line by line, offsets into the whole text."""
    out, offset = [], 0
    lines = text.split("\n")
    for line, hits in zip(lines, find_typos_in(lines, allow), strict=True):
        out += [_shifted(h, offset) for h in hits]
        offset += len(line) + 1
    return out


def _shifted(hit: TypoHit, delta: int) -> TypoHit:
    """`hit` with its offsets (and its window's, when it has one) moved by `delta`."""
    window = (hit.window_start + delta, hit.window_end + delta) if hit.window_start >= 0 else (-1, -1)
    return replace(hit, start=hit.start + delta, end=hit.end + delta,
                   window_start=window[0], window_end=window[1])


def find_typos_in(paragraphs: list[str], allow: tuple[str, ...] = ()) -> list[list[TypoHit]]:
    """Typos in each paragraph of a document (positions within the paragraph).

    The automatons and token passes run once over the whole document joined by line breaks
    (no key or word crosses one), which keeps the lexicons hot in the processor's caches; each
    candidate is then vetted in its own paragraph."""
    freq = tokenizer().FREQ
    index = phrase_index()
    text = "\n".join(paragraphs)
    starts, tokens = [], []
    offset = 0
    for i, paragraph in enumerate(paragraphs):
        starts.append(offset)
        offset += len(paragraph) + 1
        tokens += segment(paragraph)
        if i < len(paragraphs) - 1:
            tokens.append("\n")
    codes = code_points(text)
    token_starts, lone, swapped, particles = index.single_tokens(tokens, codes)
    candidates, exact = index.candidates(text, freq, codes)
    # a character typed twice is surer than a word it could have been: its hit comes first
    candidates += doubled_hits(text, tokens, freq, token_starts, codes)
    candidates += index.word_candidates(tokens, freq, lone, token_starts)
    candidates += index.lone_swaps(tokens, swapped, token_starts)
    usage = usage_hits(text)
    late = de_di_de_hits(tokens, index.word_classes, particles, freq, token_starts) + usage

    def local(hit: TypoHit) -> tuple[int, TypoHit]:
        p = bisect_right(starts, hit.start) - 1
        return p, _shifted(hit, -starts[p])

    exact.sort()
    exact_starts = [s for s, _ in exact]
    longest = max((e - s for s, e in exact), default=0)

    def written_right(a: int, b: int) -> bool:
        """Whether text[a:b] lies inside a phrase written right (spans never cross a line)."""
        i = bisect_right(exact_starts, a) - 1
        while i >= 0 and exact_starts[i] >= a - longest:
            if exact[i][1] >= b:
                return True
            i -= 1
        return False

    allowed = [[(m.start(), m.end()) for term in allow for m in re.finditer(re.escape(term), paragraph)]
               if allow else [] for paragraph in paragraphs]
    out: list[dict[tuple[int, int], TypoHit]] = [{} for _ in paragraphs]
    for global_hit in candidates:
        if any(u.start < global_hit.end and global_hit.start < u.end for u in usage):
            continue  # 截止目前 is one usage slip (截至), not also 止 for 至
        # inside a phrase written right (a doubled word: when the phrase holds both copies)
        doubled = global_hit.kind == "doubled"
        if written_right(global_hit.window_start if doubled else global_hit.start,
                         global_hit.window_end if doubled else global_hit.end):
            continue
        p, hit = local(global_hit)
        if any(s < hit.end and hit.start < e for s, e in allowed[p]):
            continue
        if _plausible(hit, paragraphs[p], freq, index.word_classes):
            out[p].setdefault((hit.start, hit.end), hit)
    for global_hit in late:
        p, hit = local(global_hit)
        if not any(s < hit.end and hit.start < e for s, e in allowed[p]):
            out[p].setdefault((hit.start, hit.end), hit)
    return [sorted(found.values(), key=lambda h: (h.start, h.end)) for found in out]


def _token_spans(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(offset, token) of each token of text[lo:hi], offsets into `text`."""
    tokens = cut(text[lo:hi])
    return [(lo + start, token) for start, token in zip(_starts(tokens), tokens, strict=False)]


def _boundaries(text: str, lo: int, hi: int) -> set[int]:
    return {lo} | {pos + len(token) for pos, token in _token_spans(text, lo, hi)}


def _token_at(text: str, at: int) -> tuple[int, str]:
    """(offset, token) of the token of `text` that holds position `at`, cut within CONTEXT."""
    for pos, token in _token_spans(text, max(0, at - CONTEXT), at + CONTEXT):
        if pos <= at < pos + len(token):
            return pos, token
    return at, ""


def _word_far_commoner(text: str, hit: TypoHit, freq: dict) -> bool:
    """Whether the word the wrong character sits in is far commoner (WORD_RATIO) than that word
    corrected: a near sound is then the writer's choice, not a slip (公车使用, not 公车私用; but
    服务意思 stays suspect, 意思 and 意识 being about as common)."""
    written = _token_at(text, hit.start)[1]
    if len(written) < 2:
        return False
    meant = _token_at(text[:hit.start] + hit.right + text[hit.end:], hit.start)[1]  # 不测底 -> 彻底
    return freq.get(written, 0) > WORD_RATIO * max(freq.get(meant, 0), 1)


def _plausible(hit: TypoHit, text: str, freq: dict, classes: dict[str, frozenset[str]]) -> bool:
    """Keep a hit only when the corrected phrase fits its context and the wrong text is no word.

    - the wrong window must not be an established word nearly as frequent as the phrase
      (for ordinary words: not a word at all);
    - a dropped character must leave a fragment: a single-character token that is not a
      function word (全加强 -> 全|加强), not a clean parse (不到位);
    - the corrected text, segmented by jieba, must have word boundaries at both ends of the
      phrase (确保工作 is not 保密工作 with 密 dropped: 保 belongs to 确保).
    The tests on dictionary counts come first; jieba re-segments a window only for the few
    hits that pass them.
    """
    ws, we = hit.window_start, hit.window_end
    if ws < 0 or hit.kind == "doubled":
        return True  # 的/地/得, lone look-alikes and doubled words are judged where they are found
    wrong_window = text[ws:we]
    right_window = text[ws:hit.start] + hit.right + text[hit.end:we]
    f_wrong, f_right = freq.get(wrong_window, 0), freq.get(right_window, 0)
    shift = len(hit.right) - (hit.end - hit.start)
    if hit.kind.endswith("_word"):
        # counts were checked by `word_candidates`; the corrected pair must sit inside one word
        # of the corrected text (宣传 in 宣传栏)
        corrected = text[:hit.start] + hit.right + text[hit.end:]
        return any(pos <= ws and we + shift <= pos + len(token) and len(token) >= 2
                   for pos, token in _token_spans(corrected, max(0, ws - CONTEXT),
                                                  min(len(corrected), we + shift + CONTEXT)))
    if hit.kind != "misspelling":  # a curated misspelling (按步就班) stands; jieba even lists 自已
        if hit.kind == "extra_char" and hit.end == we and (
                hit.wrong in POSTPOSITIONS or hit.wrong in NOMINAL_SUFFIXES
                or hit.wrong in PREDICATE_STARTS
                or freq.get(text[hit.end - 1:hit.end + 1], 0) >= 10):
            # a syllable typed after a complete formulation (凝心聚力量): the extra character
            # must not be a postposition (会上、日前) nor start the next word (集中制作为、党建成效)
            return False
        if f_wrong >= 10 and f_wrong * 3 >= f_right:
            return False
        if hit.kind == "near_homophone" and _word_far_commoner(text, hit, freq):
            return False  # 公车使用 is no slip for 公车私用: 使用 is far commoner than 私用
        if hit.kind == "extra_char":  # (its counts were checked by `candidates`)
            if not any(len(t) == 1 and freq.get(t, 0) < FUNCTION_WORD_FREQ for t in cut(wrong_window)):
                return False  # 党组织书记 is 党组织|书记, not 党组书记 with 织 typed twice
    whole_word = False  # a dropped character that leaves a fragment, or breaks up one word
    if hit.kind == "missing_char":
        # a fragment that is a common word on its own reads as an abbreviation (限期整改 ->
        # 限期改, 思想认同 -> 思想同), not a slip (全面加强 -> 全加强, 理想信念 -> 理想念) -
        # unless the phrase is one word of the dictionary (以身作则 -> 以作则, 民主生活会 -> 民主生会)
        verbs = classes["verbs"]
        pieces = [t for t in cut(wrong_window) if len(t) == 1 and freq.get(t, 0) < FUNCTION_WORD_FREQ]
        fragment = any(freq.get(t, 0) < FRAGMENT_MAX and not (t in verbs and freq.get(t, 0) >= FRAGMENT_VERB_MAX)
                       for t in pieces)
        if fragment or (pieces and freq.get(right_window, 0)):
            cuts = _boundaries(text, max(0, ws - CONTEXT), min(len(text), we + CONTEXT))
            if ws not in cuts or we not in cuts:
                return False
            whole_word = not fragment
        else:
            return False
    corrected = text[:hit.start] + hit.right + text[hit.end:]
    lo, hi = max(0, ws - CONTEXT), min(len(corrected), we + shift + CONTEXT)
    cuts, after, tail_word = {lo}, "", False
    for pos, token in _token_spans(corrected, lo, hi):
        if pos == we + shift:
            after = token
        if whole_word and pos == ws and pos + len(token) == we + shift:
            whole_word = False  # the phrase is one token of the corrected text: keep
        if ws < pos < we + shift < pos + len(token):
            # the phrase's last word goes on into a compound (增强党性|修养), the wrong character
            # inside it or its last one (村务公式栏 -> 村务公示|栏)
            tail_word = True
        cuts.add(pos + len(token))
    end_ok = we + shift in cuts or (tail_word and hit.kind in ("homophone", "near_homophone", "shape"))
    if ws not in cuts or not end_ok or whole_word:
        return False
    if hit.kind == "extra_char" and hit.end == we and len(after) == 1 and "\u4e00" <= after <= "\u9fff" \
            and freq.get(after, 0) < FUNCTION_WORD_FREQ and after not in classes["function_chars"] \
            and after not in classes["verbs"] and after not in NOMINAL_SUFFIXES:
        # without the character the text would not read on (随机抽查办件 -> 抽查|件); a verb
        # (主体责任务抓得不紧 -> 主体责任|抓) or a suffix (红脸出汗水式 -> 红脸出汗|式) would
        return False
    return True
