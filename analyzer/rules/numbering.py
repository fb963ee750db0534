"""numbering: gaps, repeats and order errors in 一、二、 / （一）（二） / 一是、二是.

Source: 公文 numbering conventions (GB/T 9704-2012 党政机关公文格式 §7.3.3: 一、 （一） 1. （1）).
"""

from ..structure import chinese_label
from . import Hit, rule


def _sequence_hits(entries, kind: str):
    """entries: (paragraph, start, end, label, number) in order; expected 1, 2, 3 …"""
    expected = 1
    seen: set[int] = set()
    for paragraph, start, end, label, number in entries:
        if number == expected:
            expected += 1
        elif number in seen:
            yield Hit(paragraph, start, end, f"{kind}编号“{label}”重复。",
                      f"应为“{chinese_label(expected, kind)}”。")
            expected = number + 1
        elif number > expected:
            yield Hit(paragraph, start, end, f"{kind}编号跳号：缺少“{chinese_label(expected, kind)}”。",
                      f"应为“{chinese_label(expected, kind)}”，或补上缺少的条目。")
            expected = number + 1
        else:
            yield Hit(paragraph, start, end, f"{kind}编号顺序颠倒：“{label}”出现在后面。",
                      f"应为“{chinese_label(expected, kind)}”。")
            expected = number + 1
        seen.add(number)


@rule(
    "numbering", "warning", "编号错误",
    why="标题或条目编号跳号、重复、颠倒，说明材料拼凑删改后未通读。",
    bad="""
某镇副书记对照检查材料
一、存在的问题
（一）理论学习方面。2025年自学原著篇目不足计划的一半。
（三）作风方面。全年到村调研18次，其中10次只听汇报。
""",
    good="""
某镇副书记对照检查材料
一、存在的问题
（一）理论学习方面。2025年自学原著篇目不足计划的一半。
（二）作风方面。全年到村调研18次，其中10次只听汇报。
""",
    template="generic",
)
def check(ctx):
    top = [(s.paragraph, 0, len(s.label) + 1, s.label + "、", s.number)
           for s in ctx.structure.sections if s.label]
    yield from _sequence_hits(top, "部分")
    for section in ctx.structure.sections:
        items = []
        for item in section.items:
            text = ctx.text(item.paragraphs[0])
            end = text.find(item.label) + len(item.label) + 1
            items.append((item.paragraphs[0], 0, min(max(end, 1), len(text)), f"（{item.label}）",
                          item.number))
        yield from _sequence_hits(items, "条目")
        for item in section.items:
            by_paragraph: dict[int, list] = {}
            for point in item.points:
                by_paragraph.setdefault(point.paragraph, []).append(point)
            # points restart per item, and may run across the item's paragraphs
            points = [pt for pi in sorted(by_paragraph) for pt in by_paragraph[pi]]
            yield from _sequence_hits(
                [(pt.paragraph, pt.start, pt.end, pt.label, pt.number) for pt in points], "要点")
