"""The draft back in Word with a comment (批注) on every finding.

The original .docx keeps its formatting: runs are split exactly at each finding's offsets (the
split copies keep their run properties), the excerpt is highlighted, and a comment by
“对照检查审查” is anchored on it. A summary comment on the title carries the verdict, the score,
the missing parts and categories, and every finding that points at no text. A .txt draft
becomes a new .docx with the same comments. The input is never written.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ..read import DOCX_SUFFIXES, clean_with_positions, docx_paragraphs
from . import SEVERITY_NAMES, part_label, subscores

AUTHOR, INITIALS = "对照检查审查", "审"


def annotate(report, source: str | Path, out: str | Path) -> dict:
    """Write the annotated copy of `source` to `out`; return counts {anchored, in_summary}."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    source = Path(source)
    if source.suffix.lower() in DOCX_SUFFIXES:
        document = docx.Document(str(source))
        slots = _aligned_paragraphs(document, report.paragraphs)
    else:
        document = docx.Document()
        slots = []
        for text in report.paragraphs:
            paragraph = document.add_paragraph(text)
            slots.append((paragraph, "", list(range(len(text)))))

    by_paragraph: dict[int, list] = {}
    unanchored = []
    for finding in report.findings:
        slot = slots[finding.paragraph] if finding.paragraph is not None and \
            finding.paragraph < len(slots) else None
        if slot is None or not finding.excerpt or finding.start < len(slot[1]):
            unanchored.append(finding)
        else:
            by_paragraph.setdefault(finding.paragraph, []).append(finding)

    anchored = 0
    for index, findings in by_paragraph.items():
        paragraph, prefix, positions = slots[index]
        spans = []
        for f in findings:
            a, b = f.start - len(prefix), f.end - len(prefix)
            spans.append((f, positions[a], positions[b - 1] + 1))
        runs = _split_runs(paragraph, {x for _, a, b in spans for x in (a, b)})
        if runs is None:
            unanchored.extend(findings)
            continue
        for finding, a, b in spans:
            covering = [run for start, end, run in runs if start >= a and end <= b]
            if not covering:
                unanchored.append(finding)
                continue
            for run in covering:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            document.add_comment(covering, text=_comment_text(finding), author=AUTHOR,
                                 initials=INITIALS)
            anchored += 1

    _summary_comment(document, report, unanchored, slots)
    document.save(str(out))
    return {"anchored": anchored, "in_summary": len(unanchored)}


def _aligned_paragraphs(document, paragraphs: list[str]) -> list:
    """(docx paragraph, numbering prefix, positions) for each of the report's paragraphs,
    walking the document exactly as the reader did; None where the text no longer matches."""
    slots = []
    for paragraph, prefix, where in docx_paragraphs(document):
        text, positions = clean_with_positions(paragraph.text)
        if not text:
            continue
        index = len(slots)
        # footnotes live in their own part: their findings go into the summary comment
        ok = where != "note" and index < len(paragraphs) and paragraphs[index] == prefix + text
        slots.append((paragraph, prefix, positions) if ok else None)
    return slots


def _split_runs(paragraph, cuts: set[int]):
    """Split the paragraph's runs at the raw offsets `cuts`; return [(start, end, run)], or None
    when the paragraph holds text outside plain runs (hyperlinks, fields) at those offsets."""
    from docx.text.run import Run

    pieces = []
    pos = 0
    for item in paragraph.iter_inner_content():
        length = len(item.text)
        if not isinstance(item, Run):
            if any(pos < c < pos + length for c in cuts):
                return None
            pos += length
            continue
        pieces.append((pos, item))
        pos += length
    out = []
    for start, run in pieces:
        text = run.text
        inner = sorted(c - start for c in cuts if start < c < start + len(text))
        if not inner:
            out.append((start, start + len(text), run))
            continue
        if "\t" in text or "\n" in text:
            return None  # re-writing a run's tabs and breaks could change the document
        bounds = [0, *inner, len(text)]
        current = run
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            if i:
                element = copy.deepcopy(current._r)
                current._r.addnext(element)
                current = Run(element, run._parent)
            current.text = text[a:b]
            out.append((start + a, start + b, current))
    return out


def _comment_text(finding) -> str:
    text = f"【{SEVERITY_NAMES.get(finding.severity, '')}·{finding.rule}】{finding.message}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    return text


def _summary_comment(document, report, unanchored, slots) -> None:
    missing_parts = [f.message for f in report.findings if f.rule in ("missing-section", "previous-rectification")
                     and f.paragraph is None]
    missing = [c.name for c in report.categories if c.status == "missing"]
    weak = [c.name for c in report.categories if c.status == "weak"]
    lines = [f"审查结论：{report.verdict}　总分：{report.score['total']}",
             "分项：" + "、".join(f"{name} {v}" for name, v in subscores(report.score))]
    if missing_parts:
        lines.append("缺少部分：" + "；".join(missing_parts))
    if missing:
        lines.append("未查摆的方面：" + "、".join(missing))
    if weak:
        lines.append("查摆薄弱的方面：" + "、".join(weak))
    rest = [f for f in unanchored if f.message not in missing_parts]
    if rest:
        lines.append("其他意见：")
        for f in rest:
            where = f"第{f.paragraph + 1}段" if f.paragraph is not None else part_label(f.part)
            lines.append(f"·{where}：{f.message}" + (f"（{f.excerpt}）" if f.excerpt else ""))
    target = next((s[0] for s in slots if s is not None), None)
    if target is None:
        target = document.add_paragraph("审查意见")
    runs = list(target.runs) or [target.add_run("")]
    document.add_comment(runs, text="\n".join(lines), author=AUTHOR, initials=INITIALS)
