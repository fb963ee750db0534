"""missing-category: a category the template (or the inspection feedback) requires is not addressed.

Source: per-year prescribed categories as reported for each year's meetings, e.g. the 2024年度
"四个带头" (https://i.xpaper.net/wysb/news/9693/55078/293612-1.shtml ;
https://da.nua.edu.cn/2025/0225/c6190a113337/page.htm) and the 2025年度 "五个带头"
(http://www.heyuan.gov.cn/ywdt/szxw/content/post_690697.html ;
https://gongxunwk.com/doc/2668350.html);
dodging a feedback category is the defect reviewers name "回避问题": substituting other things for
one's own problems (http://m.byxmsc.com/gslz/system/2024/12/31/013259339.shtml) and favouring
work, collective or common problems over one's own, the "三防"
(http://m.jiexigoutong.com/pinglun/p/722504.html ; https://265xx.com/w404/73641.html).
"""

from . import Hit, rule


@rule(
    "missing-category", "error", "缺少规定方面",
    why="查摆问题没有覆盖会议要求的全部方面（或巡视反馈的全部类别），属于回避问题。",
    bad="""
某县直局局长对照检查材料
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。2025年传达学习上级部署5次，但对其中2项只转发文件、未研究具体落实措施，落实高标准农田建设任务滞后一个月。
""",
    good="""
某县直局局长对照检查材料
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。2025年传达学习上级部署5次，但对其中2项只转发文件、未研究具体落实措施，落实高标准农田建设任务滞后一个月。
（二）在带头固本培元、增强党性方面。2025年参加支部组织生活8次，有2次因陪同检查临时请假，未按要求补学，党性锻炼有所放松。
（三）在带头敬畏人民、敬畏组织、敬畏法纪方面。对群众反映的灌溉渠道淤塞问题，3月收到诉求后7月才协调解决，回应群众关切不及时。
（四）在带头干事创业、担当作为方面。推进农产品冷链项目时遇到用地难题，我等待上级协调两个多月，没有主动找办法，项目延期开工。
（五）在带头坚决扛起管党治党责任方面。全年与班子成员开展廉政谈话仅4人次，对下属站所2名干部违规报销问题发现不及时。
""",
    template="annual-2025",
)
def check(ctx):
    problems = ctx.structure.section("problems")
    anchor = problems.paragraph if problems else None
    for cat in ctx.categories:
        if cat.status == "missing":
            yield Hit(anchor, 0, 0, f"没有查摆“{cat.name}”方面的问题。",
                      f"按规定补充“{cat.name}”方面的具体问题，写清事实。")
