"""Build .docx drafts for tests, with real Word automatic numbering (numbering.xml).

Lines typed "一、…" / "（一）…" become paragraphs whose label comes from a numbering definition
(chineseCounting "%1、" and "（%2）"), exactly as Word stores an auto-numbered heading: the label
is not in the paragraph's runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")

ABSTRACT_ID = "90"
NUM_ID = "91"


def _add_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
        '</w:abstractNum>'
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>'
    )
    # abstractNum elements must precede num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def _set_num(paragraph, ilvl: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
    )
    p_pr.insert(0, num_pr)


def build_docx(lines: list[str], path: Path, auto_numbering: bool = True,
               table_lines: list[str] | None = None) -> Path:
    """Write `lines` as a .docx at `path`; headings get automatic numbering when asked."""
    document = docx.Document()
    if auto_numbering:
        _add_numbering(document)
    for line in lines:
        if not line.strip():
            document.add_paragraph("")
            continue
        top, item = _TOP.match(line), _ITEM.match(line)
        if auto_numbering and top:
            paragraph = document.add_paragraph()
            paragraph.add_run(line[top.end():]).bold = True
            _set_num(paragraph, 0)
        elif auto_numbering and item:
            paragraph = document.add_paragraph()
            body = line[item.end():]
            head, sep, rest = body.partition("。")
            paragraph.add_run(head + sep).bold = True
            if rest:
                paragraph.add_run(rest)
            _set_num(paragraph, 1)
        else:
            document.add_paragraph(line)
    if table_lines:
        table = document.add_table(rows=len(table_lines), cols=2)
        for row, text in zip(table.rows, table_lines, strict=True):
            row.cells[0].text = "要点"
            row.cells[1].text = text
    document.save(path)
    return path


def build_corpus_samples() -> list[Path]:
    """Regenerate corpus/samples/*.docx from the .txt drafts (run: python tests/docx_fixtures.py)."""
    root = Path(__file__).resolve().parent.parent / "corpus" / "samples"
    built = []
    for txt in sorted(root.glob("*.txt")):
        lines = [line for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]
        built.append(build_docx(lines, txt.with_suffix(".docx")))
    return built


if __name__ == "__main__":
    for path in build_corpus_samples():
        print(path)
