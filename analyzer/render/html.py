"""Self-contained HTML report: verdict and score first, the category coverage, then the draft
with every finding highlighted inline and its message beside it, filterable by rule and
severity. No network: styles and script are inline. All draft text is escaped."""

from __future__ import annotations

from html import escape

from ..rules import all_rules
from . import SEVERITY_NAMES, STATUS_NAMES, subscores

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 8px} h2{font-size:17px;margin:28px 0 10px}
.meta{color:#555;font-size:14px;line-height:1.8}
.verdict{display:inline-block;padding:4px 14px;border-radius:4px;font-weight:bold;font-size:18px;margin-right:12px}
.v-fail{background:#f8cbad;color:#8a1c00}.v-revise{background:#ffe699;color:#7a5200}.v-pass{background:#c6efce;color:#14532d}
.score{font-size:18px}.subs span{margin-right:14px;font-size:14px;color:#444}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}th{background:#eef3f9}
.s-covered{color:#14532d}.s-weak{color:#7a5200}.s-missing{color:#8a1c00;font-weight:bold}
.filters{background:#fff;border:1px solid #ddd;padding:8px 12px;font-size:13px;line-height:2}
.filters label{margin-right:12px;white-space:nowrap}
.doc{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0;background:#fff;border:1px solid #ddd}
.para{padding:8px 12px;border-bottom:1px solid #eee;line-height:1.9;font-size:15px}
.para .idx{color:#999;font-size:12px;margin-right:6px}
.notes{padding:8px 12px;border-bottom:1px solid #eee;border-left:1px solid #eee;font-size:13px}
.note{margin-bottom:6px;padding:4px 6px;border-left:3px solid #999;background:#fafafa}
.note.error{border-color:#c0392b}.note.warning{border-color:#e6a100}.note.info{border-color:#2e86c1}
.note .rule{font-family:monospace;color:#555}
mark{padding:0 1px;border-radius:2px}
mark.error{background:#fbd3cf}mark.warning{background:#fff1b8}mark.info{background:#d6eaf8}
mark.off{background:none}
.hidden{display:none}
.docwide li{margin-bottom:4px}
@media print{.filters{display:none}body{background:#fff}main{padding:0}.doc{grid-template-columns:3fr 2fr}}
"""

# The rule/severity filter of one report under `root` (the page, or one report's box on the web
# page, which holds several reports: note ids repeat between them, so lookups stay inside root).
FILTER_SCRIPT = """
function applyFilters(root){
  const on = new Set([...root.querySelectorAll('.filters input:checked')].map(i => i.value));
  const shown = n => on.has('rule:' + n.dataset.rule) && on.has('sev:' + n.dataset.sev);
  const visible = id => { const n = root.querySelector('#f' + id); return n && shown(n); };
  root.querySelectorAll('.note').forEach(n => n.classList.toggle('hidden', !shown(n)));
  root.querySelectorAll('mark[data-f]').forEach(m =>
    m.classList.toggle('off', m.dataset.f.split(' ').filter(visible).length === 0));
}
"""

SCRIPT = FILTER_SCRIPT + """
document.querySelectorAll('.filters input').forEach(i =>
  i.addEventListener('change', () => applyFilters(document)));
"""


def _verdict_class(verdict: str) -> str:
    return {"不达标": "v-fail", "需修改": "v-revise", "基本达标": "v-pass"}.get(verdict, "")


def _marked(text: str, findings: list, ids: dict[int, int]) -> str:
    """The paragraph with <mark> around every finding's span (overlaps split into segments)."""
    spans = [(f, f.start, f.end) for f in findings if f.end > f.start]
    cuts = sorted({0, len(text), *(x for _, a, b in spans for x in (a, b))})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [f for f, s, e in spans if s <= a and b <= e]
        piece = escape(text[a:b])
        if covering:
            worst = min(covering, key=lambda f: list(SEVERITY_NAMES).index(f.severity))
            refs = " ".join(str(ids[id(f)]) for f in covering)
            title = escape("；".join(f.message for f in covering), quote=True)
            out.append(f'<mark class="{worst.severity}" data-f="{refs}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def render_html(report, standalone: bool = True) -> str:
    """The review as one HTML page (`standalone`) or as a fragment for the web page."""
    ids = {id(f): i for i, f in enumerate(report.findings)}

    def note(f, tag: str) -> str:
        return (f'<{tag} class="note {f.severity}" id="f{ids[id(f)]}" data-rule="{f.rule}" '
                f'data-sev="{f.severity}">[{SEVERITY_NAMES[f.severity]}] <span class="rule">{f.rule}</span> '
                f'{escape(f.message)}' + (f"<br>建议：{escape(f.suggestion)}" if f.suggestion else "")
                + f"</{tag}>")
    by_paragraph: dict[int, list] = {}
    docwide = []
    for f in report.findings:
        (by_paragraph.setdefault(f.paragraph, []) if f.paragraph is not None else docwide).append(f)

    rules_present = sorted({f.rule for f in report.findings})
    titles = {r.id: r.title for r in all_rules().values()}
    parts = [f'<h1>{escape(report.title or "对照检查材料")}</h1>',
             f'<div class="meta">文件：{escape(report.file)}<br>会议类型：{escape(report.meeting_type or "未识别")}'
             + (f"　身份：{escape(report.role)}" if report.role else "")
             + f"<br>模板：{escape(report.template_name)}</div>",
             f'<p><span class="verdict {_verdict_class(report.verdict)}" id="verdict">{escape(report.verdict)}</span>'
             f'<span class="score">总分 <b id="score">{report.score["total"]}</b></span></p>',
             '<p class="subs">' + "".join(f"<span>{name} {v}</span>" for name, v in subscores(report.score)) + "</p>"]
    if report.categories:
        rows = "".join(
            f'<tr><td>{escape(c.name)}</td><td class="s-{c.status}">{STATUS_NAMES[c.status]}</td>'
            f'<td>{"、".join(f"第{p + 1}段" for p in c.paragraphs[:6])}</td></tr>' for c in report.categories)
        parts.append(f"<h2>规定方面覆盖情况</h2><table><tr><th>方面</th><th>情况</th><th>位置</th></tr>{rows}</table>")
    parts.append(f"<h2>发现问题 {len(report.findings)} 处</h2>")
    if report.findings:
        boxes = "".join(f'<label><input type="checkbox" value="rule:{r}" checked> {escape(titles.get(r, r))}（{r}）</label>'
                        for r in rules_present)
        sev = "".join(f'<label><input type="checkbox" value="sev:{k}" checked> {v}</label>' for k, v in SEVERITY_NAMES.items())
        parts.append(f'<div class="filters">按级别：{sev}<br>按规则：{boxes}</div>')
    if docwide:
        items = "".join(note(f, "li") for f in docwide)
        parts.append(f'<h2>全文意见</h2><ul class="docwide">{items}</ul>')
    parts.append('<h2>原文与意见</h2><div class="doc">')
    for index, text in enumerate(report.paragraphs):
        findings = by_paragraph.get(index, [])
        notes = "".join(note(f, "div") for f in findings)
        parts.append(f'<div class="para"><span class="idx">{index + 1}</span>{_marked(text, findings, ids)}</div>'
                     f'<div class="notes">{notes}</div>')
    parts.append("</div>")
    body = "\n".join(parts)
    if not standalone:
        return f'<div class="duizhao-report">{body}</div>'
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>审查报告 - {escape(report.title or report.file)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main><script>{SCRIPT}</script></body></html>")


def write_batch_html(result, folder) -> None:
    """One report page per reviewed draft and an index.html of the batch, into `folder`."""
    from pathlib import Path

    from ..report import report_from_dict

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, row in enumerate(result.rows):
        name = Path(row.file).name
        if row.report:
            page = f"{i + 1:04d}-{Path(row.file).stem}.html"
            (out / page).write_text(render_html(report_from_dict(row.report)), encoding="utf-8")
            r = row.report
            rows.append(f'<tr><td><a href="{escape(page, quote=True)}">{escape(name)}</a></td>'
                        f'<td><span class="verdict {_verdict_class(r["verdict"])}">{escape(r["verdict"])}</span></td>'
                        f'<td>{r["score"]["total"]}</td><td>{len(r["findings"])}</td>'
                        f'<td>{escape(r["meeting_type"])}</td></tr>')
        else:
            rows.append(f"<tr><td>{escape(name)}</td><td>无法读取</td><td></td><td></td>"
                        f"<td>{escape(row.reason)}</td></tr>")
    index = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>批量审查</title>"
             f"<style>{CSS}</style></head><body><main><h1>批量审查结果</h1><p class=\"meta\">"
             f"{escape(result.summary())}</p><table><tr><th>材料</th><th>结论</th><th>总分</th>"
             f"<th>问题数</th><th>会议类型 / 原因</th></tr>{''.join(rows)}</table></main></body></html>")
    (out / "index.html").write_text(index, encoding="utf-8")
