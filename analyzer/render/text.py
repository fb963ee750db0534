"""Terminal report: verdict and score first, category coverage, then findings by part."""

from __future__ import annotations

from ..report import Report
from . import SEVERITY_NAMES, STATUS_NAMES, part_label, subscores


def render_text(report: Report, color: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    verdict_color = {"不达标": "31;1", "需修改": "33;1", "基本达标": "32;1"}.get(report.verdict, "1")
    subs = "  ".join(f"{name} {v}" for name, v in subscores(report.score))
    lines = [
        f"文件：{report.file}",
        f"会议类型：{report.meeting_type or '未识别'}" + (f"    身份：{report.role}" if report.role else ""),
        f"模板：{report.template_name}（{report.template}）",
        f"结论：{paint(report.verdict, verdict_color)}    总分：{report.score['total']}    （{subs}）",
        f"字数：{report.stats.get('chars', 0)}    问题与原因占比：{report.stats.get('problem_share', 0):.0%}",
        "",
        "组成部分：" + ("、".join(s["name"] for s in report.sections) or "未识别出任何部分"),
    ]
    if report.categories:
        lines += ["", "规定方面覆盖情况："]
        width = max(len(c.name) for c in report.categories)
        for c in report.categories:
            where = "、".join(f"第{p + 1}段" for p in c.paragraphs[:4])
            mark = {"covered": "32", "weak": "33", "missing": "31"}[c.status]
            lines.append(f"  {c.name.ljust(width, '　')}  {paint(STATUS_NAMES[c.status], mark)}  {where}")
    lines += ["", f"发现问题 {len(report.findings)} 处："]
    if not report.findings:
        lines.append("  （无）")
    groups: dict[str, list] = {}
    for f in report.findings:
        groups.setdefault(f.part, []).append(f)
    for part, findings in groups.items():
        lines.append(f"【{part_label(part)}】")
        for f in findings:
            where = f"第{f.paragraph + 1}段" if f.paragraph is not None else "全文"
            sev = paint(SEVERITY_NAMES[f.severity], {"error": "31", "warning": "33", "info": "36"}[f.severity])
            lines.append(f"  [{sev}] {f.rule}  {where}：{f.message}")
            if f.excerpt:
                excerpt = f.excerpt if len(f.excerpt) <= 60 else f.excerpt[:57] + "…"
                lines.append(f"      原文：{excerpt}")
            if f.suggestion:
                lines.append(f"      建议：{f.suggestion}")
    return "\n".join(lines)
