"""Batch results as tables (pandas DataFrames): the summary, the findings, the coverage matrix
and the copy pairs. The spreadsheet, CSV and HTML writers all start from these."""

from __future__ import annotations

from pathlib import Path

from ..rules import all_rules
from . import SEVERITY_NAMES, STATUS_NAMES, SUBSCORE_NAMES, part_label

VERDICT_ORDER = {"无法读取": 0, "不达标": 1, "需修改": 2, "基本达标": 3}


def summary_frame(result):
    import pandas as pd

    rule_ids = list(all_rules())
    records = []
    for row in result.rows:
        r = row.report
        rec = {"文件": row.file, "状态": row.status, "原因": row.reason}
        if r:
            counts = {rid: 0 for rid in rule_ids}
            for f in r["findings"]:
                counts[f["rule"]] = counts.get(f["rule"], 0) + 1
            rec |= {
                "身份": r["role"], "会议类型": r["meeting_type"], "模板": r["template_name"],
                "结论": r["verdict"], "总分": r["score"]["total"],
                **{name: r["score"][key] for key, name in SUBSCORE_NAMES.items()},
                "字数": r["stats"].get("chars", 0),
                "缺失方面": "、".join(c["name"] for c in r["categories"] if c["status"] == "missing"),
                "具体比例": r["stats"].get("specific_share", 0.0),
                "最高相似度": r["stats"].get("max_similarity", 0.0),
                "相似对象": r["stats"].get("similar_to", ""),
                **{rid: counts.get(rid, 0) for rid in rule_ids},
            }
        else:
            rec |= {"结论": "无法读取"}
        records.append(rec)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return frame
    frame["_order"] = frame["结论"].map(VERDICT_ORDER).fillna(0)
    if "总分" not in frame:
        frame["总分"] = None
    frame = frame.sort_values(["_order", "总分", "文件"], na_position="first").drop(columns="_order")
    return frame.reset_index(drop=True)


def findings_frame(result):
    import pandas as pd

    records = []
    for row in result.rows:
        if not row.report:
            continue
        for f in row.report["findings"]:
            records.append({
                "文件": row.file, "部分": part_label(f.get("part", "")),
                "段落": f["paragraph"] + 1 if f["paragraph"] is not None else None,
                "规则": f["rule"], "级别": SEVERITY_NAMES.get(f["severity"], f["severity"]),
                "原文": f["excerpt"], "意见": f["message"], "建议": f["suggestion"],
            })
    return pd.DataFrame.from_records(records, columns=["文件", "部分", "段落", "规则", "级别", "原文", "意见", "建议"])


def coverage_frame(result):
    import pandas as pd

    records, columns = [], []
    for row in result.rows:
        if not row.report:
            continue
        rec = {"文件": row.file, "模板": row.report["template_name"]}
        for c in row.report["categories"]:
            if c["name"] not in columns:
                columns.append(c["name"])
            rec[c["name"]] = STATUS_NAMES[c["status"]]
        records.append(rec)
    return pd.DataFrame.from_records(records, columns=["文件", "模板", *columns])


def pairs_frame(result):
    import pandas as pd

    records = [{
        "材料": p.a, "雷同对象": Path(p.b).name if p.b_is_template else p.b,
        "类型": "照搬范文" if p.b_is_template else "材料之间", "相似度": p.similarity,
        "共同段落": "\n".join(p.passages),
    } for p in result.pairs]
    return pd.DataFrame.from_records(records, columns=["材料", "雷同对象", "类型", "相似度", "共同段落"])
