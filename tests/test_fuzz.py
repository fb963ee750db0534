"""Property-based tests (issue 7): any text gives a report without exceptions, every finding's
offsets lie inside its paragraph with excerpt == paragraph[start:end], and analysis is
deterministic. CI runs the short profile; HYPOTHESIS_PROFILE=thorough runs many more examples."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analyzer import analyze_text
from analyzer.errors import DuizhaoError
from analyzer.read import read_document

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Pieces that drive the parser and the rules: headings, labels, points, stock phrases, typos.
PIECES = ["一、", "二、", "三、", "（一）", "（二）", "（六）", "一是", "二是", "存在的问题", "原因剖析",
          "整改措施", "以下六个方面", "在“", "”方面", "。", "，", "、", "“", "”", "（", "）", "(", ",",
          "不够", "有待提高", "工作繁忙", "有的同志", "今后要", "虽然", "但是", "2025年", "精髓要以",
          "全加强", "认真的学习", "党的二十大会议精神", "民主生活会", "巡视整改", "\t", " ", "\u200b",
          "黨", "２０２５"]
lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=0, max_size=12)), max_size=12).map("".join)
drafts = st.lists(lines, min_size=0, max_size=15).map("\n".join)


def _check(text: str):
    try:
        report = analyze_text(text)
    except DuizhaoError:
        return None
    for f in report.findings:
        if f.paragraph is None:
            assert (f.start, f.end, f.excerpt) == (0, 0, "")
        else:
            paragraph = report.paragraphs[f.paragraph]
            assert 0 <= f.start <= f.end <= len(paragraph)
            assert paragraph[f.start:f.end] == f.excerpt
        assert f.severity in ("error", "warning", "info") and f.message
    assert 0 <= report.score["total"] <= 100
    return report


@given(drafts)
def test_any_draft_gives_a_consistent_report(text):
    first = _check(text)
    second = _check(text)
    assert (first is None) == (second is None)
    if first is not None:
        assert first.to_dict() == second.to_dict()


@given(st.text(max_size=300))
def test_any_unicode_text(text):
    _check(text)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusals(data: bytes, suffix: str) -> set[str]:
    """The error codes the reader may give for these bytes under this name (analyzer/errors.py)."""
    if not data.strip():
        return {"E003"}  # empty
    if data.startswith(b"%PDF"):
        return {"E006"}
    if data.startswith(OLE):
        return {"E007", "E004"}  # encrypted .docx, or legacy Word (not converted here)
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and suffix != ".doc"):
        return {"E008", "E011", "E012"}  # broken, no text, a zip bomb
    if suffix == ".doc":
        return {"E004"}
    return {"E009", "E011"}  # undecodable, no text


@given(st.binary(max_size=2000), st.sampled_from([".txt", ".docx", ".md", ".doc", ""]))
@example(b"", ".txt").via("empty")
@example(b"  \n", ".docx").via("blank")
@example(b"%PDF-1.4 ...", ".txt").via("pdf named .txt")
@example(OLE + b"\0" * 600, ".docx").via("OLE named .docx")
@example(b"PK\x03\x04 not a zip", ".txt").via("zip named .txt")
@example(b"{\\rtf1 text}", ".doc").via("rtf named .doc")
@example("\n\u200b\n".encode(), ".md").via("no text")
def test_reader_on_any_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"draft{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path, convert_legacy=False)
    except DuizhaoError as err:
        assert err.code.name in refusals(data, suffix), (err.code.name, data[:20], suffix)
        assert err.message.startswith(f"错误 {err.code.name}：") and path.name in err.message
        return
    assert document.paragraphs and all(p.text for p in document.paragraphs)
    assert suffix != ".doc" and not data.startswith((b"%PDF", OLE))  # these are always refused
