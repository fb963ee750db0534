"""too-short: the draft is shorter than its template expects.

Source: older guidance asked about 3000字 for 党性分析材料
(http://caiyes.cn/forum.php?goto=nextoldset&mod=redirect&tid=85021; no 2023–2025 official 字数 rule is
known); reviewers' own scripts flag drafts under 3000 characters. The figure is `min_chars` in each
template.
"""

from ..docx_numbering import chinese_number
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
        f"（{chinese_number(n)}）{year}年{month}月，我在推进{project}时，对{stage}只听汇报、未到现场核实，"
        f"导致{villages}个村的{defect}，延误{days}天，反映出我调查研究不深入、作风不扎实。"
        f"群众在{month}月的走访座谈中当面提过这个问题，我当时答应尽快处理，事后没有跟踪落实，"
        "直到镇纪委督查时才发现，说明我对群众的承诺没有放在心上。"
        for n, (year, month, project, stage, villages, defect, days) in enumerate([
            (2024, 3, "村级道路硬化项目", "施工进度", 3, "路基压实度不达标返工", 20),
            (2024, 5, "高标准农田建设", "土地平整", 2, "灌溉渠系衔接不上", 15),
            (2024, 7, "防汛隐患排查", "山塘巡查记录", 4, "巡查台账与实际不符", 10),
            (2024, 9, "农村改厕回头看", "入户核查", 5, "问题厕所未及时维修", 30),
            (2024, 11, "秸秆综合利用", "收储点建设", 2, "收储设备闲置", 25),
            (2025, 1, "冬春送温暖", "慰问名单审核", 3, "慰问对象重复登记", 5),
            (2025, 3, "人居环境整治", "垃圾清运", 6, "清运频次不足群众投诉", 12),
            (2025, 4, "饮水安全巩固", "水质检测", 2, "检测报告缺失", 18),
            (2025, 6, "农村危房排查", "鉴定复核", 3, "鉴定等级错误", 22),
            (2025, 8, "土地流转纠纷调处", "合同审核", 2, "合同条款不规范", 16),
            (2025, 9, "村级光伏电站运维", "收益分配", 4, "收益迟发", 40),
            (2025, 10, "秋粮收购服务", "烘干点调度", 3, "粮食晾晒受损", 7),
            (2025, 11, "冬季森林防火", "护林员在岗检查", 5, "护林员脱岗", 9),
            (2025, 12, "社会救助核查", "低保复审", 4, "不符合条件人员未退出", 35),
            ], 1)] + [
        "二、原因剖析", "理想信念有所松懈，宗旨意识淡化，把听汇报当成了解情况的主要渠道。",
        "三、整改措施", "2026年6月底前对上述事项逐一回访核实，建立台账，完成一项销号一项。"]),
    template="generic",
)
def check(ctx):
    chars = ctx.document.char_count
    need = ctx.template.min_chars
    if chars < need:
        yield Hit(None, 0, 0, f"材料共{chars}字，少于本类材料一般要求的{need}字。",
                  "补充具体事例、原因剖析和可检验的整改措施。")
