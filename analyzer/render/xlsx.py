"""The spreadsheet a reviewer hands upward: 汇总, 问题明细, 覆盖矩阵, 雷同 — Chinese headers, frozen
header rows, filters, widths, coloured verdicts and coverage, a data bar on the score and a chart
of the verdicts."""

from __future__ import annotations

from pathlib import Path

from .table import coverage_frame, findings_frame, pairs_frame, summary_frame

FILLS = {"不达标": "F8CBAD", "需修改": "FFE699", "基本达标": "C6EFCE", "无法读取": "D9D9D9",
         "已覆盖": "C6EFCE", "薄弱": "FFE699", "缺失": "F8CBAD"}
WIDTHS = {"文件": 40, "原因": 36, "原文": 40, "意见": 48, "建议": 40, "共同段落": 80, "缺失方面": 30,
          "模板": 28, "会议类型": 22}


def write_xlsx(result, path: str | Path) -> None:
    import pandas as pd

    sheets = {"汇总": summary_frame(result), "问题明细": findings_frame(result),
              "覆盖矩阵": coverage_frame(result), "雷同": pairs_frame(result)}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
        book = writer.book
        for name, frame in sheets.items():
            _style(book[name], frame)
        _verdict_cells(book["汇总"], sheets["汇总"])
        _coverage_cells(book["覆盖矩阵"])
        _score_bar(book["汇总"], sheets["汇总"])
        _verdict_chart(book["汇总"], result)


def _style(ws, frame) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = ws.dimensions
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, column in enumerate(frame.columns, 1):
        width = WIDTHS.get(column, max(8, min(16, len(str(column)) * 2 + 2)))
        ws.column_dimensions[get_column_letter(i)].width = width
        if column in WIDTHS:
            for cell in ws[get_column_letter(i)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _verdict_cells(ws, frame) -> None:
    from openpyxl.styles import PatternFill

    if "结论" not in frame.columns:
        return
    col = list(frame.columns).index("结论") + 1
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        if cell.value in FILLS:
            cell.fill = PatternFill("solid", fgColor=FILLS[cell.value])


def _coverage_cells(ws) -> None:
    from openpyxl.styles import PatternFill

    for row in ws.iter_rows(min_row=2):
        for cell in row[2:]:
            if cell.value in FILLS:
                cell.fill = PatternFill("solid", fgColor=FILLS[cell.value])


def _score_bar(ws, frame) -> None:
    from openpyxl.formatting.rule import DataBarRule
    from openpyxl.utils import get_column_letter

    if "总分" not in frame.columns or ws.max_row < 2:
        return
    letter = get_column_letter(list(frame.columns).index("总分") + 1)
    ws.conditional_formatting.add(
        f"{letter}2:{letter}{ws.max_row}",
        DataBarRule(start_type="num", start_value=0, end_type="num", end_value=100, color="5B9BD5"))


def _verdict_chart(ws, result) -> None:
    from openpyxl.chart import BarChart, Reference

    counts = result.counts()
    col = ws.max_column + 2
    ws.cell(row=1, column=col, value="结论分布")
    ws.cell(row=1, column=col + 1, value="份数")
    for i, (verdict, n) in enumerate(counts.items(), 2):
        ws.cell(row=i, column=col, value=verdict)
        ws.cell(row=i, column=col + 1, value=n)
    chart = BarChart()
    chart.title = "审查结论分布"
    chart.y_axis.title = "份数"
    data = Reference(ws, min_col=col + 1, min_row=1, max_row=len(counts) + 1)
    cats = Reference(ws, min_col=col, min_row=2, max_row=len(counts) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.legend = None
    chart.height, chart.width = 7, 12
    ws.add_chart(chart, ws.cell(row=len(counts) + 3, column=col).coordinate)


def write_csv(result, path: str | Path) -> None:
    summary_frame(result).to_csv(path, index=False, encoding="utf-8-sig")


def write_jsonl(result, path: str | Path) -> None:
    import json

    from ..report import public

    with open(path, "w", encoding="utf-8") as fh:
        for row in result.rows:
            record = {"file": row.file, "status": row.status, "reason": row.reason}
            if row.report:
                record |= public(row.report)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
