"""Score and verdict from findings, by the weights in lexicons/scoring.toml."""

from __future__ import annotations

from collections import Counter

from .lexicons import load_toml
from .model import Finding

VERDICT_FAIL, VERDICT_REVISE, VERDICT_PASS = "不达标", "需修改", "基本达标"
SUBSCORES = ("structure", "coverage", "specificity", "self_criticism", "language")


def score(findings: list[Finding]) -> tuple[dict[str, int], str]:
    """({total, structure, …}, verdict) for a draft's findings."""
    config = load_toml("scoring.toml")
    weights = config["weights"]
    per_rule = Counter(f.rule for f in findings)
    lost = dict.fromkeys(SUBSCORES, 0.0)
    for rule_id, n in per_rule.items():
        spec = config["rules"].get(rule_id)
        if spec:
            lost[spec["subscore"]] += min(spec["penalty"] * n, spec.get("cap", 100))
    sub = {k: max(0, round(100 - lost[k])) for k in SUBSCORES}
    total = round(sum(weights[k] * sub[k] for k in SUBSCORES) / sum(weights.values()))
    verdict_cfg = config["verdict"]
    if total < verdict_cfg["fail_below"] or any(r in per_rule for r in verdict_cfg["fail_on"]):
        verdict = VERDICT_FAIL
    elif total < verdict_cfg["pass_from"] or any(f.severity == "error" for f in findings):
        verdict = VERDICT_REVISE
    else:
        verdict = VERDICT_PASS
    return {"total": total, **sub}, verdict
