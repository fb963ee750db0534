"""Renderers: turn a Report into text, JSON, … They never compute judgements.

The Chinese names every renderer shows for the report's English keys live here, once."""

from __future__ import annotations

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_NAMES = {"covered": "已覆盖", "weak": "薄弱", "missing": "缺失"}
SUBSCORE_NAMES = {"structure": "结构", "coverage": "覆盖", "specificity": "具体",
                  "self_criticism": "自我批评", "language": "文字"}
# Where a finding sits besides the parts of analyzer/structure (structure.part_names()).
_OTHER_PARTS = {"opening": "开头", "": "全文"}


def subscores(score: dict[str, int]) -> list[tuple[str, int]]:
    """(Chinese name, value) of each sub-score of a report's `score`, the total left out."""
    return [(SUBSCORE_NAMES[k], v) for k, v in score.items() if k in SUBSCORE_NAMES]


def part_label(part: str) -> str:
    """The Chinese name of a finding's `part` (the part id itself when it has none)."""
    from ..structure import part_names

    return (part_names() | _OTHER_PARTS).get(part, part)
