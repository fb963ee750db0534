"""Every rule's own bad and good examples (its documentation) are run here: the bad example
must raise the rule, the good one must not. A rule without examples fails."""

from __future__ import annotations

import pytest

from analyzer import analyze_text
from analyzer.rules import all_rules

RULES = sorted(all_rules().values(), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.bad.strip() and rule.good.strip(), f"{rule.id} has no examples"
    options = rule.example_options or {}
    bad = analyze_text(rule.bad, template=rule.template, options=options)
    hits = [f for f in bad.findings if f.rule == rule.id]
    assert hits, f"{rule.id}: bad example not flagged"
    assert all(f.severity in ("error", "warning", "info") and f.message for f in hits)
    good = analyze_text(rule.good, template=rule.template, options=options)
    assert not [f for f in good.findings if f.rule == rule.id], f"{rule.id}: good example flagged"


def test_rule_ids_are_stable_kebab_case():
    for rule_id, rule in all_rules().items():
        assert rule_id == rule.id and rule_id.replace("-", "").isalpha() and rule_id.islower()


def test_rules_command_prints_every_rule():
    from conftest import run_cli

    result = run_cli("rules")
    assert result.exit_code == 0
    for rule_id in all_rules():
        assert rule_id in result.stdout
    assert "反例" in result.stdout and "正例" in result.stdout
