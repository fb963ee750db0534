"""The README is the front door: its quick start, rule table and CI must agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

from analyzer.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_rule():
    for rule_id in all_rules():
        assert f"`{rule_id}`" in README, rule_id


def test_quick_start_sample_exists_and_ci_runs_the_test_command():
    commands = re.findall(r"```bash\n(.+?)\n```", README)
    assert commands[0].startswith("pip install -e . && duizhao check ")
    sample = commands[0].split("duizhao check ", 1)[1].strip()
    assert (ROOT / sample).is_file()
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
