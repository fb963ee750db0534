"""Word comments on the draft (issue 6): every finding anchored on exactly its excerpt, the text
and the formatting around a split unchanged, the input never written."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile

import docx
import pytest
from conftest import SAMPLES, run_cli
from docx_fixtures import build_docx
from lxml import etree

from analyzer import analyze
from analyzer.read import read_document
from analyzer.render.annotate import AUTHOR, annotate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored_texts(path) -> dict[str, str]:
    """Comment id -> the document text between its commentRangeStart and commentRangeEnd."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    open_ids: list[str] = []
    texts: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.append(el.get(W + "id"))
            texts.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.remove(el.get(W + "id"))
        elif el.tag == W + "t" and el.text:
            for cid in open_ids:
                texts[cid] += el.text
    return texts


def comment_bodies(path) -> dict[str, tuple[str, str]]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/comments.xml"))
    return {c.get(W + "id"): (c.get(W + "author"), "".join(t.text or "" for t in c.iter(W + "t")))
            for c in root.iter(W + "comment")}


def _texts(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def check_annotation(source, out):
    """Every finding with an excerpt in the body text is anchored on exactly that excerpt; the
    rest (no excerpt, or an excerpt starting inside Word's automatic numbering, which is not in
    the runs) is listed in the summary comment on the title."""
    report = analyze(source)
    prefixes = [p.prefix for p in read_document(source).paragraphs]
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    counts = annotate(report, source, out)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    anchored = anchored_texts(out)
    bodies = comment_bodies(out)
    assert all(author == AUTHOR for author, _ in bodies.values())
    summary_ids = [cid for cid, (_, body) in bodies.items() if body.startswith("审查结论")]
    assert len(summary_ids) == 1
    summary = bodies[summary_ids[0]][1]
    expected = [f for f in report.findings if f.excerpt and f.paragraph is not None
                and f.start >= len(prefixes[f.paragraph])]
    assert expected, "the sample must have findings to anchor"
    for f in expected:
        hits = [cid for cid, (_, body) in bodies.items()
                if cid not in summary_ids and f.message in body and anchored.get(cid) == f.excerpt]
        assert hits, f"not anchored on its excerpt: {f}"
    assert counts["anchored"] == len(expected), counts
    assert len(bodies) == len(expected) + 1  # one comment per anchored finding, and the summary
    assert counts["anchored"] + counts["in_summary"] == len(report.findings), counts
    for f in report.findings:
        if f not in expected:
            assert f.message in summary, f
    return report


def test_docx_comments_anchor_on_each_excerpt(tmp_path):
    source = tmp_path / "镇长 材料.docx"
    shutil.copy(SAMPLES / "2024-annual-township-deputy-secretary.docx", source)
    out = tmp_path / "批注.docx"
    report = check_annotation(source, out)
    assert _texts(out) == _texts(source)  # the document text is unchanged
    assert len(report.findings) >= 3


def test_txt_draft_becomes_an_annotated_docx(tmp_path):
    source = tmp_path / "草稿.txt"
    shutil.copy(SAMPLES / "weak-draft-street-office.txt", source)
    out = tmp_path / "草稿-批注.docx"
    report = check_annotation(source, out)
    assert [t for t in _texts(out) if t] == report.paragraphs


def test_shared_sample_as_docx(shared_sample, tmp_path):
    lines = [line for line in shared_sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    source = build_docx(lines, tmp_path / "sample.docx")
    check_annotation(source, tmp_path / "sample-批注.docx")


def test_run_formatting_survives_a_split(tmp_path):
    document = docx.Document()
    document.add_paragraph("某镇对照检查材料")
    document.add_paragraph("一、存在的问题")
    paragraph = document.add_paragraph()
    bold = paragraph.add_run("（一）理论学习方面。")
    bold.bold = True
    body = paragraph.add_run("对党的创新理论的精髓要以把握不准，2025年有3次中心组学习只是传达文件。")
    body.font.name = "仿宋_GB2312"
    body.italic = True
    source = tmp_path / "fmt.docx"
    document.save(source)
    out = tmp_path / "fmt-批注.docx"
    report = analyze(source, template="generic")
    assert any(f.rule == "typo" and f.excerpt == "以" for f in report.findings)
    annotate(report, source, out)
    runs = [r for r in docx.Document(out).paragraphs[2].runs if r.text]  # comment marks hold no text
    assert runs[0].text == "（一）理论学习方面。" and runs[0].bold
    body_runs = runs[1:]
    assert "".join(r.text for r in body_runs) == body.text
    assert len(body_runs) >= 3  # split before and after 以
    assert all(r.italic and r.font.name == "仿宋_GB2312" for r in body_runs)
    assert any(r.text == "以" and r.font.highlight_color is not None for r in body_runs)


def test_cli_annotate_never_overwrites_the_input(tmp_path):
    source = tmp_path / "a.docx"
    shutil.copy(SAMPLES / "org-life-party-member-teacher.docx", source)
    result = run_cli("check", str(source), "--annotate", str(source), "--force")
    assert result.exit_code == 2 and "E031" in result.stderr
    out = tmp_path / "b.docx"
    result = run_cli("check", str(source), "--annotate", str(out))
    assert result.exit_code in (0, 1) and out.exists()
    result = run_cli("check", str(source), "--annotate", str(out))
    assert result.exit_code == 2 and "E030" in result.stderr


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_annotated_docx(tmp_path):
    source = tmp_path / "s.docx"
    shutil.copy(SAMPLES / "xunshi-zhenggai-town-mayor.docx", source)
    out = tmp_path / "annotated.docx"
    annotate(analyze(source), source, out)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "annotated.pdf").stat().st_size > 1000


def test_summary_comment_names_the_sub_scores_in_chinese(tmp_path):
    source = tmp_path / "草稿.txt"
    shutil.copy(SAMPLES / "weak-draft-street-office.txt", source)
    out = tmp_path / "草稿-批注.docx"
    report = analyze(source)
    annotate(report, source, out)
    summary = next(body for _, body in comment_bodies(out).values() if body.startswith("审查结论"))
    score = report.score
    assert (f"分项：结构 {score['structure']}、覆盖 {score['coverage']}、具体 {score['specificity']}、"
                    f"自我批评 {score['self_criticism']}、文字 {score['language']}") in summary
    assert not any(key in summary for key in ("structure", "coverage", "specificity", "self_criticism",
                                              "language"))
