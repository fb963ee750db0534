"""Issue 2 acceptance: the real sample draft (when ../shared is present) and the corpus's own
巡视整改 draft, as .txt, as an auto-numbered .docx and as GBK text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS_XUNSHI, run_cli
from docx_fixtures import build_docx

from analyzer import analyze


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _variants(path: Path, tmp_path: Path) -> list[Path]:
    lines = _lines(path)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("\r\n".join(lines).encode("gbk"))
    return [path, build_docx(lines, tmp_path / "draft.docx"), gbk]


def _drop_part(lines: list[str], label: str) -> list[str]:
    """Remove the part starting at heading `label`、 up to the next part heading."""
    out, skipping = [], False
    for line in lines:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            skipping = line.startswith(label + "、")
        if not skipping:
            out.append(line)
    return out


def _drop_item(lines: list[str], label: str) -> list[str]:
    return [line for line in lines if not line.startswith(f"（{label}）")]


def _rules(report) -> set[str]:
    return {f.rule for f in report.findings}


def check_xunshi_draft(path: Path, tmp_path: Path) -> None:
    for variant in _variants(path, tmp_path):
        report = analyze(variant)
        assert report.meeting_type == "巡视整改专题民主生活会", variant
        parts = {s["part"] for s in report.sections}
        assert {"problems", "causes", "measures"} <= parts, variant
        assert len(report.categories) == 6
        assert all(c.status == "covered" for c in report.categories), report.categories
        assert "count-mismatch" not in _rules(report)
        assert "missing-section" not in _rules(report)

    lines = _lines(path)
    no_measures = analyze(_write(tmp_path / "no3.txt", _drop_part(lines, "三")))
    missing = [f for f in no_measures.findings if f.rule == "missing-section"]
    assert missing and all(f.severity == "error" for f in missing)
    assert any("整改措施" in f.message for f in missing)

    no_item5 = analyze(_write(tmp_path / "no5.txt", _drop_item(lines, "五")))
    assert "count-mismatch" in _rules(no_item5)
    missing_cats = [f for f in no_item5.findings if f.rule == "missing-category"]
    assert len(missing_cats) == 1 and "财政资金" in missing_cats[0].message


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_shared_sample_draft(shared_sample, tmp_path):
    check_xunshi_draft(shared_sample, tmp_path)


def test_corpus_xunshi_draft(tmp_path):
    check_xunshi_draft(CORPUS_XUNSHI, tmp_path)


def test_feedback_file_replaces_categories(tmp_path):
    feedback = tmp_path / "反馈意见.txt"
    feedback.write_text(
        "省委第三巡视组反馈意见\n一、落实乡村振兴战略部署不够有力。具体表现……\n"
        "二、耕地保护和高标准农田建设监管存在漏洞。具体表现……\n", encoding="utf-8")
    report = analyze(CORPUS_XUNSHI, feedback=str(feedback))
    assert [c.name for c in report.categories] == [
        "落实乡村振兴战略部署不够有力", "耕地保护和高标准农田建设监管存在漏洞"]
    assert report.template.endswith("+feedback")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_on_the_corpus_docx_sample(fmt):
    sample = CORPUS_XUNSHI.with_suffix(".docx")
    result = run_cli("check", "--format", fmt, str(sample))
    assert result.exit_code in (0, 1)
    assert "巡视整改专题民主生活会" in result.stdout


def test_shipped_docx_samples_match_their_text():
    from conftest import SAMPLES

    from analyzer.read import read_document

    docx_files = sorted(SAMPLES.glob("*.docx"))
    assert docx_files, "corpus/samples has no .docx (python tests/docx_fixtures.py builds them)"
    for path in docx_files:
        texts = [p.text for p in read_document(path).paragraphs]
        assert texts == _lines(path.with_suffix(".txt")), path.name
