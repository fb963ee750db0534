"""too-short: the draft is shorter than its template expects.

Source: older guidance asked about 3000字 for 党性分析材料 (../shared/domain.md §4.12); reviewers'
own scripts flag drafts under 3000 characters. The figure is `min_chars` in each template.
"""

from . import Hit, rule


@rule(
    "too-short", "warning", "篇幅过短",
    why="材料篇幅明显短于要求，问题查摆和剖析往往不够具体深入。",
    bad="""
某镇副镇长对照检查材料
一、存在的问题
学习不够深入。
二、原因剖析
理想信念不够坚定。
三、整改措施
加强学习。
""",
    good="\n".join(["某镇副镇长对照检查材料", "一、存在的问题"] + [
        f"（{n}）2025年{m}月，我在推进村级道路硬化项目时，对施工进度只听汇报、未到现场核实，"
        "导致3个村的路基压实度不达标返工，延误工期20天，反映出我调查研究不深入、作风不扎实。"
        for n, m in zip("一二三四五六七八九十", range(1, 11), strict=True)] + [
        "二、原因剖析", "理想信念有所松懈。", "三、整改措施", "2026年6月底前完成整改。"]),
    template="generic",
)
def check(ctx):
    chars = ctx.document.char_count
    need = ctx.template.min_chars
    if chars < need:
        yield Hit(None, 0, 0, f"材料共{chars}字，少于本类材料一般要求的{need}字。",
                  "补充具体事例、原因剖析和可检验的整改措施。")
