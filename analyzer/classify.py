"""Theme classifier: TF-IDF over jieba words + logistic regression, trained on corpus/labelled.

Training needs scikit-learn and happens once (then cached as JSON in the cache dir, keyed by a
hash of the training data). Prediction is a few dictionary look-ups in pure Python, so a
`duizhao check` does not pay for importing scikit-learn.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .language import tokens
from .lexicons import CORPUS, cache_dir, lexicon_path, load_toml, write_cache

FEATURES_VERSION = "5"
PRUNE_BELOW = 0.05  # features whose weights are all this small do not change a prediction
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Frequent function words carry no theme.
_STOP = frozenset("的 了 和 与 及 在 对 是 有 我 我们 自己 本人 一些 还 也 都 不 没有 存在 方面 问题 工作 一是 二是 三是 等".split())


@dataclass(frozen=True)
class Example:
    theme: str
    kind: str
    text: str
    source: str


def labelled_files() -> list[Path]:
    return sorted((CORPUS / "labelled").glob("*.txt"))


def load_examples() -> list[Example]:
    """All labelled paragraphs: one `KIND<TAB>TEXT` line each, file stem = theme id."""
    examples = []
    for path in labelled_files():
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#") or "\t" not in raw:
                continue
            kind, text = raw.split("\t", 1)
            examples.append(Example(path.stem, kind.strip(), text.strip(), f"{path.name}:{n}"))
    return examples


def features(text: str) -> list[str]:
    """Words of two or more characters (minus stop words) plus character bigrams.

    Bigrams add 3 points of cross-validated accuracy over words alone (benchmarks/classifier.py).
    """
    words = [w for w in tokens(text) if len(w) >= 2 and _WORD.search(w) and w not in _STOP]
    han = "".join(_HAN.findall(text))
    return words + ["#" + han[i:i + 2] for i in range(len(han) - 1)]


def _data_hash() -> str:
    h = hashlib.sha256(FEATURES_VERSION.encode())
    for path in [Path(__file__), Path(__file__).with_name("language.py"), *labelled_files(),
                 lexicon_path("userdict.txt"), lexicon_path("themes.toml")]:
        if path.exists():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def train(examples: list[Example] | None = None, C: float = 4.0):
    """Fit the sklearn pipeline (vectorizer, model) on labelled examples."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = examples if examples is not None else load_examples()
    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform([e.text for e in examples])
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(matrix, [e.theme for e in examples])
    return vectorizer, model


@dataclass
class ThemeModel:
    """Logistic regression over TF-IDF features, stored compactly: `terms` maps a feature to its
    row; `idf` and `coef` are packed float32 arrays (row-major, one row of `len(classes)`
    weights per feature), so the cache loads in a few milliseconds."""

    classes: list[str]
    intercept: list[float]
    terms: dict[str, int]
    idf: memoryview
    coef: memoryview

    def predict_proba(self, text: str) -> dict[str, float]:
        """Theme probabilities for `text` (sum to 1); uniform when no known term occurs."""
        counts = Counter(f for f in features(text) if f in self.terms)
        k = len(self.classes)
        if not counts:
            return {c: 1 / k for c in self.classes}
        values = {self.terms[t]: (1 + math.log(n)) * self.idf[self.terms[t]] for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        scores = list(self.intercept)
        for row, v in values.items():
            weights = self.coef[row * k:(row + 1) * k]
            scale = v / norm
            for j in range(k):
                scores[j] += weights[j] * scale
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


def _export(vectorizer, model) -> dict:
    from array import array

    idf, coef = vectorizer.idf_, model.coef_
    terms, idf_out, coef_out = {}, array("f"), array("f")
    for term, j in vectorizer.vocabulary_.items():
        column = [float(coef[k, j]) for k in range(coef.shape[0])]
        if max(abs(c) for c in column) >= PRUNE_BELOW:
            terms[term] = len(terms)
            idf_out.append(float(idf[j]))
            coef_out.extend(column)
    return {"classes": [str(c) for c in model.classes_],
            "intercept": [float(x) for x in model.intercept_], "terms": terms,
            "idf": idf_out.tobytes(), "coef": coef_out.tobytes()}


@cache
def theme_model() -> ThemeModel | None:
    """The trained model, from the cache or trained now; None when there is no training data."""
    if not labelled_files():
        return None
    path = cache_dir() / f"theme-model-{_data_hash()}.marshal"
    data = None
    if path.exists():
        try:
            data = marshal.loads(path.read_bytes())
        except (ValueError, EOFError, TypeError):
            data = None
    if data is None:
        data = _export(*train())
        write_cache(path, marshal.dumps(data))
    return ThemeModel(data["classes"], data["intercept"], data["terms"],
                      memoryview(data["idf"]).cast("f"), memoryview(data["coef"]).cast("f"))


@cache
def theme_names() -> dict[str, str]:
    return {t["id"]: t["name"] for t in load_toml("themes.toml")["theme"]}
