"""Read stage: encodings, .docx with automatic numbering and tables, and unusable files."""

from __future__ import annotations

import zipfile

import pytest
from conftest import run_cli
from docx_fixtures import build_docx

from analyzer.errors import DuizhaoError
from analyzer.read import read_document

DRAFT = ["某镇镇长对照检查材料", "一、存在的问题", "（一）理论学习方面。2025年自学原著不足计划一半。",
         "（二）作风方面。全年到村调研18次，其中10次只听汇报。", "二、原因剖析", "理想信念有所松懈。"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_txt_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "稿 件.txt"
    path.write_bytes("\r\n".join(DRAFT).encode(encoding))
    document = read_document(path)
    assert [p.text for p in document.paragraphs] == DRAFT


@pytest.mark.parametrize("tail", [b"\x00", b"\x00\xd8\x41\x00"])   # an odd byte; a lone high surrogate
def test_broken_utf16_is_read_not_a_crash(tmp_path, tail):
    """A UTF-16 file with a BOM and broken bytes (found by the fuzzer): read, the broken part as
    U+FFFD, the rest intact."""
    path = tmp_path / "a.txt"
    path.write_bytes("\r\n".join(DRAFT).encode("utf-16") + tail)
    texts = [p.text for p in read_document(path).paragraphs]
    assert texts[:-1] == DRAFT[:-1] and texts[-1].startswith(DRAFT[-1]) and "\ufffd" in texts[-1]


def test_txt_blank_lines_and_invisible_chars_are_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("标题\n\n  \n\u200b正文一。\u3000\n", encoding="utf-8")
    document = read_document(path)
    assert [(p.index, p.text) for p in document.paragraphs] == [(0, "标题"), (1, "正文一。")]


def test_docx_automatic_numbering_is_resolved(tmp_path):
    path = build_docx(DRAFT, tmp_path / "auto.docx", auto_numbering=True)
    import docx

    raw = [p.text for p in docx.Document(path).paragraphs if p.text]
    assert raw[1] == "存在的问题"  # python-docx alone loses the label
    document = read_document(path)
    texts = [p.text for p in document.paragraphs]
    assert texts == DRAFT
    assert document.paragraphs[1].prefix == "一、"
    assert document.paragraphs[3].prefix == "（二）"
    assert document.paragraphs[4].prefix == "二、"  # the outer counter continues after items


def test_docx_table_text_is_read_in_order(tmp_path):
    path = build_docx(DRAFT, tmp_path / "t.docx", table_lines=["表格中的问题一。", "表格中的问题二。"])
    document = read_document(path)
    texts = [p.text for p in document.paragraphs]
    assert texts[:len(DRAFT)] == DRAFT
    assert texts[len(DRAFT):] == ["要点", "表格中的问题一。", "要点", "表格中的问题二。"]
    assert document.paragraphs[-1].in_table and not document.paragraphs[0].in_table


def _ole(payload: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + payload


BAD_INPUTS = {
    "legacy.doc": (_ole("WordDocument".encode("utf-16-le")), "E004", "另存为"),
    "wps.wps": (_ole(b"WPS"), "E005", "另存为"),
    "scan.pdf": (b"%PDF-1.7\n%...", "E006", "PDF"),
    "locked.docx": (_ole("EncryptedPackage".encode("utf-16-le")), "E007", "密码"),
    "broken.docx": (b"this is not a zip file at all", "E008", "损坏"),
    "empty.txt": (b"", "E003", "为空"),
    "image.png": (b"\x89PNG\r\n\x1a\n....", "E010", "不支持"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_chinese_error_and_exit_2(tmp_path, name):
    data, code, words = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DuizhaoError) as info:
        read_document(path, convert_legacy=False)
    assert info.value.code.name == code
    result = run_cli("check", str(path))
    assert result.exit_code == 2
    assert code in result.stderr and words in result.stderr and name in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    result = run_cli("check", str(path))
    assert result.exit_code == 2 and "E008" in result.stderr and "document.xml" in result.stderr


def test_missing_path_and_directory(tmp_path):
    result = run_cli("check", str(tmp_path / "没有这个文件.docx"))
    assert result.exit_code == 2 and "E001" in result.stderr and "没有这个文件.docx" in result.stderr
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 2 and "E010" in result.stderr


def test_docx_with_only_empty_paragraphs(tmp_path):
    path = build_docx(["", "  ", ""], tmp_path / "blank.docx", auto_numbering=False)
    result = run_cli("check", str(path))
    assert result.exit_code == 2 and "E011" in result.stderr
