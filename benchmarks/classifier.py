"""Cross-validated accuracy of the theme classifier on corpus/labelled.

    python benchmarks/classifier.py [--folds 5]

Stratified k-fold over all labelled paragraphs (problem, cause and measure lines); the model is
the one `analyze()` uses (TF-IDF over jieba words + logistic regression).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analyzer.classify import load_examples, train  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    from sklearn.model_selection import StratifiedKFold

    examples = load_examples()
    labels = [e.theme for e in examples]
    correct, total, top2 = Counter(), Counter(), Counter()
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=0)
    for train_idx, test_idx in folds.split(examples, labels):
        vectorizer, model = train([examples[i] for i in train_idx])
        test = [examples[i] for i in test_idx]
        proba = model.predict_proba(vectorizer.transform([e.text for e in test]))
        for e, row in zip(test, proba, strict=True):
            ranked = [model.classes_[k] for k in row.argsort()[::-1]]
            total[e.theme] += 1
            correct[e.theme] += int(ranked[0] == e.theme)
            top2[e.theme] += int(e.theme in ranked[:2])
    n = sum(total.values())
    print(f"theme classifier, {args.folds}-fold CV over {n} paragraphs, {len(total)} themes")
    print(f"accuracy: {sum(correct.values()) / n:.3f}   top-2: {sum(top2.values()) / n:.3f}")
    for theme in sorted(total):
        print(f"  {theme:15s} {correct[theme] / total[theme]:.3f}  (n={total[theme]})")


if __name__ == "__main__":
    main()
