"""Hostile and odd inputs (issue 7): each ends in a clear Chinese error or a correct review,
never a traceback, a hang or an expanded bomb."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES, run_cli
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx_fixtures import build_docx

from analyzer import analyze, read
from analyzer.errors import DuizhaoError
from analyzer.read import read_document

LINES = [line for line in (SAMPLES / "xunshi-zhenggai-town-mayor.txt").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def _rezip(source: Path, target: Path, replace: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", compress) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
    return target


def expect_error(path: Path, code: str) -> None:
    with pytest.raises(DuizhaoError) as info:
        read_document(path, convert_legacy=False)
    assert info.value.code.name == code
    result = run_cli("check", str(path))
    assert result.exit_code == 2 and code in result.stderr and "Traceback" not in result.stderr


def test_doc_renamed_to_docx(tmp_path):
    path = tmp_path / "改了后缀.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "WordDocument".encode("utf-16-le"))
    expect_error(path, "E004")


def test_docx_without_document_xml(tmp_path):
    path = tmp_path / "缺正文.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<styles/>")
    expect_error(path, "E008")


def test_zip_bomb_is_refused_without_inflating(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_DOCX_UNCOMPRESSED", 5 * 1024 * 1024)
    good = build_docx(LINES[:5], tmp_path / "good.docx")
    with zipfile.ZipFile(good) as z:
        xml = z.read("word/document.xml")
    padded = xml.replace(b"<w:body>", b"<w:body>" + b" " * (40 * 1024 * 1024), 1)
    bomb = _rezip(good, tmp_path / "炸弹.docx", {"word/document.xml": padded})
    assert bomb.stat().st_size < 200 * 1024  # tiny on disk
    start = time.perf_counter()
    expect_error(bomb, "E012")
    assert time.perf_counter() - start < 10


def test_billion_laughs_is_not_expanded(tmp_path):
    good = build_docx(LINES[:3], tmp_path / "good.docx")
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + f']><w:document {nsdecls("w")}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
           + '<w:p><w:r><w:t>正文段落。</w:t></w:r></w:p></w:body></w:document>').encode()
    evil = _rezip(good, tmp_path / "实体.docx", {"word/document.xml": lol})
    start = time.perf_counter()
    try:
        document = read_document(evil)
        assert all(len(p.text) < 10_000 for p in document.paragraphs)
    except DuizhaoError as err:
        assert err.code.name == "E008"
    assert time.perf_counter() - start < 10


def test_large_document_and_long_paragraph_are_reviewed(tmp_path):
    big = tmp_path / "二十万字.txt"
    big.write_text("\n".join(LINES * 50), encoding="utf-8")
    report = analyze(big)
    assert report.stats["chars"] > 190_000 and report.verdict
    long_para = tmp_path / "长段落.txt"
    long_para.write_text("某镇对照检查材料\n一、存在的问题\n" + "学习不够深入工作作风不实" * 4200, encoding="utf-8")
    report = analyze(long_para)
    assert max(len(p) for p in report.paragraphs) >= 50_000


def test_text_limit_is_reported_as_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 10_000)
    path = tmp_path / "超长.txt"
    path.write_text("\n".join(LINES * 5), encoding="utf-8")
    expect_error(path, "E012")


def test_tables_text_boxes_and_footnotes_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("某镇副镇长对照检查材料")
    table = document.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "一、存在的问题"
    table.rows[1].cells[0].text = "（一）2025年自学原著计划24篇只读了11篇。"
    host = document.add_paragraph()
    host._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>（二）文本框中的问题：全年到村调研18次，其中10次只听汇报。</w:t></w:r></w:p>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"))
    notes = parse_xml(
        f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>—</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>脚注：数据截至2025年11月底。</w:t></w:r></w:p></w:footnote></w:footnotes>')
    from lxml import etree

    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True),
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    path = tmp_path / "表格文本框脚注.docx"
    document.save(path)
    texts = [p.text for p in read_document(path).paragraphs]
    assert "一、存在的问题" in texts and "（一）2025年自学原著计划24篇只读了11篇。" in texts
    assert any("文本框中的问题" in t for t in texts)
    assert texts.count(next(t for t in texts if "文本框中的问题" in t)) == 1
    assert texts[-1] == "脚注：数据截至2025年11月底。" and "—" not in texts
    report = analyze(path, template="generic")
    assert report.sections[0]["part"] == "problems"


def test_traditional_fullwidth_invisible_and_crlf(tmp_path):
    raw = ("某鎮黨委書記對照檢查材料\r\n\ufeff一、存在的問題\r\n"
           "（一）２０２５年對黨的二十大會議精神學習不夠\u200b系統，只參加集中學習４次。\r\n")
    path = tmp_path / "繁体 全角.txt"
    path.write_bytes(raw.encode("utf-8"))
    report = analyze(path, template="generic")
    assert report.paragraphs[2].startswith("（一）2025年对党的二十大会议精神学习不够系统")
    terms = [f for f in report.findings if f.rule == "term"]
    assert terms and terms[0].excerpt == "党的二十大会议精神"
    assert "\u200b" not in "".join(report.paragraphs)


def test_path_with_spaces_and_chinese(tmp_path):
    folder = tmp_path / "某 镇 党 委" / "班子 成员"
    folder.mkdir(parents=True)
    target = folder / "镇长 对照检查 材料.docx"
    target.write_bytes((SAMPLES / "xunshi-zhenggai-town-mayor.docx").read_bytes())
    result = run_cli("check", str(target))
    assert result.exit_code in (0, 1) and "巡视整改" in result.stdout


def test_docx_annotation_of_odd_document_does_not_crash(tmp_path):
    from analyzer.render.annotate import annotate

    path = build_docx(["\u200b某镇对照检查材料", "一、存在的问题", "（一）对党的创新理论的精髓要以把握不准。"],
                      tmp_path / "odd.docx")
    report = analyze(path, template="generic")
    counts = annotate(report, path, tmp_path / "odd-批注.docx")
    assert counts["anchored"] + counts["in_summary"] == len(report.findings)
    reopened = docx.Document(tmp_path / "odd-批注.docx")
    assert [p.text for p in reopened.paragraphs][2] == "对党的创新理论的精髓要以把握不准。"  # label is Word numbering
    assert any(f.rule == "typo" for f in report.findings) and counts["anchored"] >= 1


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_real_doc_is_converted_when_libreoffice_is_there(tmp_path):
    import subprocess

    source = tmp_path / "草稿.docx"
    source.write_bytes((SAMPLES / "org-life-party-member-teacher.docx").read_bytes())
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    report = analyze(tmp_path / "草稿.doc")
    assert report.meeting_type == "专题组织生活会"


def test_unknown_zip_version_found_by_the_fuzzer(tmp_path):
    """benchmarks/fuzz/fuzz_docx.py found a .docx whose central directory claims zip version
    8.4: zipfile raised NotImplementedError, which escaped as a traceback."""
    data = bytearray((SAMPLES / "org-life-party-member-teacher.docx").read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6:central + 8] = (84).to_bytes(2, "little")  # "version needed to extract"
    path = tmp_path / "版本号.docx"
    path.write_bytes(bytes(data))
    expect_error(path, "E008")


def test_lone_surrogates_in_text_are_reviewed_not_a_crash():
    """A JSON escape like \\ud800 reaches analyze_text as a lone surrogate: it is shown as U+FFFD
    (one for one) and the rest of the paragraph is still reviewed."""
    from analyzer import analyze_text

    report = analyze_text("某镇对照检查材料\n一、存在的问题\n（一）对党的创新理论的精髓要以把握不准\ud800，2025年只学习4次。")
    assert any(f.rule == "typo" and f.excerpt == "以" for f in report.findings)
