"""The JSON report: schema, offsets, exit codes, templates listing."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import EXEMPLARY, SAMPLES, run_cli

from analyzer import analyze

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "analyzer" / "schema"
                     / "report.schema.json").read_text(encoding="utf-8"))
ALL_SAMPLES = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=[p.stem for p in ALL_SAMPLES])
def test_json_output_validates_against_schema(path):
    result = run_cli("check", "--format", "json", str(path))
    assert result.exit_code in (0, 1)
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert result.exit_code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=[p.stem for p in ALL_SAMPLES])
def test_finding_offsets_point_at_their_excerpt(path):
    report = analyze(path)
    for f in report.findings:
        if f.paragraph is None:
            assert (f.start, f.end, f.excerpt) == (0, 0, "")
        else:
            assert 0 <= f.start <= f.end <= len(report.paragraphs[f.paragraph])
            assert report.paragraphs[f.paragraph][f.start:f.end] == f.excerpt


def test_weak_draft_fails_and_exits_1():
    result = run_cli("check", str(SAMPLES / "weak-draft-street-office.txt"))
    assert result.exit_code == 1
    assert "不达标" in result.stdout and "missing-section" in result.stdout


def test_multiple_files_in_json_give_a_list():
    result = run_cli("check", "--format", "json", str(EXEMPLARY), str(SAMPLES / "weak-draft-street-office.txt"))
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2


def test_templates_command_lists_shipped_templates():
    result = run_cli("templates")
    assert result.exit_code == 0
    for template_id in ("xunshi-zhenggai", "theme-education-2023", "annual-2024", "annual-2025",
                        "org-life-member"):
        assert template_id in result.stdout
    assert "带头强化政治忠诚、提高政治能力" in result.stdout


def test_unknown_template_is_a_usage_error():
    result = run_cli("check", "--template", "no-such-template", str(EXEMPLARY))
    assert result.exit_code == 2 and "E020" in result.stderr


def test_template_override_by_path(tmp_path):
    custom = tmp_path / "mine.toml"
    custom.write_text('id = "mine"\nname = "本单位模板"\nrequired_parts = ["problems"]\n'
                      '[[category]]\nid = "x"\nname = "乡村振兴"\nkeywords = ["乡村振兴"]\n',
                      encoding="utf-8")
    report = analyze(EXEMPLARY, template=str(custom))
    assert report.template == "mine" and [c.id for c in report.categories] == ["x"]
