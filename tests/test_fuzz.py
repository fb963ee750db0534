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


def _skeleton() -> dict[str, bytes]:
    """The parts of a blank Word document (python-docx's default template), by zip name."""
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {name: z.read(name) for name in z.namelist()}


SKELETON = _skeleton()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Text pieces with what XML and Word add: entities, tabs and breaks, fields, hyperlinks,
# numbering, tables, text boxes, tracked deletions; and plain bytes that break the XML.
RUN_PIECES = ["<w:t>存在的问题</w:t>", "<w:t xml:space=\"preserve\"> 一、 </w:t>", "<w:tab/>", "<w:br/>",
              "<w:t>&amp;&lt;&#x4e00;&#20013;</w:t>", "<w:t></w:t>", "<w:delText>删去</w:delText>",
              "<w:fldChar w:fldCharType=\"begin\"/>", "<w:instrText> PAGE </w:instrText>",
              "<w:sym w:font=\"Wingdings\" w:char=\"F06C\"/>", "<w:t>精髓要以</w:t>"]
PARAGRAPH_PIECES = ["<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
                    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>", "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>",
                    "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>", "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"]
runs = st.lists(st.one_of(st.sampled_from(RUN_PIECES),
                          st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
                          .map(lambda t: "<w:t>" + t.replace("&", "&amp;").replace("<", "&lt;") + "</w:t>")),
                max_size=6).map(lambda rs: "<w:r>" + "".join(rs) + "</w:r>")
paragraphs = st.tuples(st.lists(st.sampled_from(PARAGRAPH_PIECES), max_size=2), st.lists(runs, max_size=4)) \
    .map(lambda p: "<w:p>" + "".join(p[0]) + "".join(p[1]) + "</w:p>")
tables = st.lists(paragraphs, min_size=1, max_size=3).map(
    lambda ps: "<w:tbl><w:tr><w:tc>" + "".join(ps) + "</w:tc></w:tr></w:tbl>")
bodies = st.lists(st.one_of(paragraphs, tables), max_size=12).map(
    lambda blocks: f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
    + "".join(blocks) + "</w:body></w:document>")


def _docx(document_xml: bytes) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in SKELETON.items():
            z.writestr(name, document_xml if name == "word/document.xml" else data)
    return buffer.getvalue()


@given(st.one_of(bodies.map(str.encode), st.binary(max_size=400),
                 bodies.map(lambda xml: xml.encode()[: len(xml) // 2])))   # cut off mid-element
def test_reader_on_any_document_xml(tmp_path_factory, document_xml):
    """A real .docx zip whose document.xml is generated: well-formed bodies of paragraphs,
    runs, tables, fields and tracked changes read into paragraphs (or E011 when they hold no
    text); broken XML is E008. Never a traceback."""
    path = tmp_path_factory.mktemp("docxfuzz") / "draft.docx"
    path.write_bytes(_docx(document_xml))
    try:
        document = read_document(path)
    except DuizhaoError as err:
        assert err.code.name in {"E008", "E011"}, (err.code.name, document_xml[:80])
        assert err.message.startswith(f"错误 {err.code.name}：")
        return
    assert document.paragraphs and all(p.text for p in document.paragraphs)
    _check(document.text)
