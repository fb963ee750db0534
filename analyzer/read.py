"""Read stage: a path (.docx/.txt/.md) becomes a Document of numbered, non-empty paragraphs.

Every failure is a DuizhaoError with a Chinese message naming the file and what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

from .errors import DuizhaoError, E
from .limits import MAX_DOCX_UNCOMPRESSED, MAX_FILE_BYTES, MAX_TEXT_CHARS
from .matching import searchable
from .model import Document, Paragraph

TEXT_SUFFIXES = {".txt", ".md", ".text"}
DOCX_SUFFIXES = {".docx", ".docm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Characters that make two identical-looking drafts differ; removed on reading.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean_line(text: str) -> str:
    """Strip invisible characters and surrounding whitespace (incl. full-width space), and
    normalise characters one for one (see `normalise_chars`)."""
    return normalise_chars(text.translate(_INVISIBLE).strip().strip("\u3000").strip())


# Full-width digits and Latin letters (２０２５, ＡＢ) as ASCII; full-width punctuation stays.
_FULLWIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
              for c in range(r[0], r[1] + 1)}


def normalise_chars(text: str) -> str:
    """Full-width digits and letters to ASCII, Traditional characters to Simplified (OpenCC
    t2s), always one character for one so that every offset still points into the original."""
    text = text.translate(_FULLWIDTH)
    if text.isascii():
        return text
    text = searchable(text)  # lone surrogates (a JSON escape) as U+FFFD: OpenCC takes UTF-8
    converter = _converter()  # OpenCC's C++ t2s: simplified text passes through unchanged
    converted = converter.convert(text)
    if converted == text:
        return text
    if len(converted) != len(text):
        converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)
    return converted


_T2S = None


def _converter():
    global _T2S
    if _T2S is None:
        from opencc import OpenCC

        _T2S = OpenCC("t2s")
    return _T2S


def read_document(path: str | os.PathLike, *, convert_legacy: bool = True) -> Document:
    """Read `path` into a Document; raise DuizhaoError for anything unusable."""
    p = Path(path)
    if not p.exists():
        raise DuizhaoError(E.E001, p)
    if p.is_dir():
        raise DuizhaoError(E.E010, p)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DuizhaoError(E.E012, p, f"{size / 1048576:.1f} MB")
        with p.open("rb") as fh:
            data = fh.read()
    except PermissionError as exc:
        raise DuizhaoError(E.E002, p, exc.strerror or "权限不足") from None
    except OSError as exc:
        raise DuizhaoError(E.E002, p, exc.strerror or str(exc)) from None
    if not data.strip():
        raise DuizhaoError(E.E003, p)

    suffix = p.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        raise DuizhaoError(E.E006, p)
    if data.startswith(_OLE_MAGIC):
        return _read_ole(p, data, suffix, convert_legacy)
    if suffix in DOCX_SUFFIXES:
        return _finish(p, _read_docx(p, data), "")
    if suffix in (".doc", ".wps"):
        # Not an OLE file but named like one (e.g. an RTF saved as .doc): refuse plainly.
        raise DuizhaoError(E.E004 if suffix == ".doc" else E.E005, p)
    if suffix in TEXT_SUFFIXES or suffix == "":
        if data.startswith(b"PK\x03\x04"):
            return _finish(p, _read_docx(p, data), "")
        text, encoding = decode_text(data, p)
        return _finish(p, [(clean_line(line), "", False) for line in text.splitlines()], encoding)
    raise DuizhaoError(E.E010, p)


def _finish(p: Path, rows: list[tuple[str, str, bool]], encoding: str) -> Document:
    paragraphs: list[Paragraph] = []
    total = 0
    for text, prefix, in_table in rows:
        if not text:
            continue
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise DuizhaoError(E.E012, p, f"超过 {MAX_TEXT_CHARS} 字")
        paragraphs.append(Paragraph(len(paragraphs), text, prefix, in_table))
    if not paragraphs:
        raise DuizhaoError(E.E011, p)
    return Document(str(p), paragraphs, encoding)


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # an odd trailing byte or a broken surrogate pair: replaced, as in the UTF-8 branch
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # lazy: only for unusual files

    best = from_bytes(data).best()
    if best is None:
        raise DuizhaoError(E.E009, path)
    return str(best), best.encoding


def _looks_chinese(text: str) -> bool:
    sample = text[:4000]
    letters = [c for c in sample if not c.isspace()]
    if not letters:
        return False
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or unicodedata.category(c)[0] == "P")
    return cjk / len(letters) > 0.5


def _read_ole(p: Path, data: bytes, suffix: str, convert_legacy: bool) -> Document:
    """OLE compound files: an encrypted .docx, a legacy .doc, or a .wps."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise DuizhaoError(E.E007, p)
    code = E.E005 if suffix == ".wps" else E.E004
    if convert_legacy and shutil.which("soffice"):
        converted = _convert_with_libreoffice(p)
        if converted is not None:
            return converted
    raise DuizhaoError(code, p)


def _convert_with_libreoffice(p: Path) -> Document | None:
    """Convert .doc/.wps to .docx with LibreOffice when installed; None when it fails."""
    with tempfile.TemporaryDirectory(prefix="duizhao-") as tmp:
        src = Path(tmp) / ("input" + (p.suffix.lower() or ".doc"))
        shutil.copyfile(p, src)
        try:
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=120,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            return None
        try:
            return _finish(p, _read_docx(p, out.read_bytes()), "")
        except DuizhaoError:
            return None  # the caller reports the original "save as .docx" error


def _check_zip(p: Path, data: bytes) -> None:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        # NotImplementedError: an unknown zip version (found by benchmarks/fuzz/fuzz_docx.py)
        raise DuizhaoError(E.E008, p, "不是有效的 zip 格式") from None
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise DuizhaoError(E.E008, p, "缺少正文 word/document.xml")
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_DOCX_UNCOMPRESSED:
        raise DuizhaoError(E.E012, p, f"解压后 {total / 1048576:.0f} MB")


def _read_docx(p: Path, data: bytes) -> list[tuple[str, str, bool]]:
    import io

    _check_zip(p, data)
    import docx  # lazy: costs ~0.1 s, only .docx needs it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        raise DuizhaoError(E.E008, p, type(exc).__name__) from None

    rows: list[tuple[str, str, bool]] = []
    try:
        for paragraph, prefix, where in docx_paragraphs(document):
            text = clean_line(paragraph.text)
            if text:
                rows.append((prefix + text, prefix, where == "table"))
    except DuizhaoError:
        raise
    except Exception as exc:
        raise DuizhaoError(E.E008, p, type(exc).__name__) from None
    return rows


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_NOTE_PARTS = ("/word/footnotes.xml", "/word/endnotes.xml")
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


def docx_paragraphs(document):
    """Every paragraph of a python-docx Document in reading order with its resolved automatic
    numbering label and where it sits: "body", "table" (cells, merged cells once), "textbox"
    (text boxes, once although Word stores them twice) or "note" (footnotes and endnotes, after
    the body). The reader and the Word annotator both walk the document through this."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    from .docx_numbering import NumberingResolver, paragraph_num

    resolver = NumberingResolver.from_document(document)
    seen_cells: set = set()  # holds the <w:tc> elements themselves, so ids stay unique

    def visit(block, where: str):
        if isinstance(block, DocxParagraph):
            num = paragraph_num(block)
            yield block, resolver.label(*num) if num is not None else "", where
            for inner in _textbox_paragraphs()(block._p):
                yield DocxParagraph(inner, block._parent), "", "textbox"
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen_cells:
                        continue  # merged cells repeat the same <w:tc>
                    seen_cells.add(cell._tc)
                    for inner in cell.iter_inner_content():
                        yield from visit(inner, "table")

    for block in document.iter_inner_content():
        yield from visit(block, "body")
    yield from _note_paragraphs(document)


@cache
def _textbox_paragraphs():
    from lxml import etree

    return etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]/w:p", namespaces=_NS)


def _note_paragraphs(document):
    from docx.oxml.parser import parse_xml  # python-docx's parser: entities are not resolved
    from docx.text.paragraph import Paragraph as DocxParagraph

    for part in document.part.package.iter_parts():
        if str(part.partname) not in _NOTE_PARTS:
            continue
        root = parse_xml(part.blob)
        for note in root:
            if note.get(f"{{{_W}}}type") in _NOT_NOTES:
                continue
            for p in note.iter(f"{{{_W}}}p"):
                yield DocxParagraph(p, None), "", "note"


def clean_with_positions(raw: str) -> tuple[str, list[int]]:
    """`clean_line(raw)` and, for each of its characters, the index it came from in `raw`."""
    kept = [(i, ch) for i, ch in enumerate(raw) if ord(ch) not in _INVISIBLE]
    text = "".join(ch for _, ch in kept)
    stripped = text.strip().strip("\u3000").strip()
    if not stripped:
        return "", []
    first = text.index(stripped)
    return normalise_chars(stripped), [i for i, _ in kept[first:first + len(stripped)]]


def discover(paths: list[str]) -> list[Path]:
    """Drafts under the given folders (recursively) and the given files, in a stable order.
    Word lock files (~$…) and hidden files are skipped; a file named explicitly is always kept,
    so that an unsupported one gets its 无法读取 row and reason."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES and not any(
                        part.startswith((".", "~$")) for part in rel.parts):
                    found.append(child)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
