"""Substance checks and the verdict (issue 4)."""

from __future__ import annotations

import re
import tomllib

from conftest import EXEMPLARY, SAMPLES

from analyzer import analyze, analyze_text

WEAK = SAMPLES / "weak-draft-street-office.txt"


def rules_of(report) -> set[str]:
    return {f.rule for f in report.findings}


def test_exemplary_draft_passes_without_errors():
    report = analyze(EXEMPLARY)
    assert report.verdict == "基本达标"
    assert not [f for f in report.findings if f.severity == "error"]
    assert report.stats["specific_share"] >= 0.9


def test_weak_draft_is_sent_back_for_the_right_reasons():
    report = analyze(WEAK)
    assert report.verdict == "不达标"
    for rule_id in ("missing-section", "previous-rectification", "missing-category", "excuse",
                    "objective-cause", "misplaced", "not-self", "not-specific", "boilerplate"):
        assert rule_id in rules_of(report), rule_id
    assert report.stats["specific_share"] < 0.3
    praise = [f for f in report.findings if f.rule == "excuse" and "明批暗褒" in f.message]
    assert praise, "对自己要求过高 / 工作太投入 should read as 明批暗褒"


def test_shared_sample_substance(shared_sample):
    report = analyze(shared_sample)
    by_rule: dict[str, list] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    assert any("工作繁忙" in f.excerpt for f in by_rule["excuse"])
    assert any(f.part == "causes" for f in by_rule["objective-cause"])
    problems = next(s for s in report.sections if s["part"] == "problems")
    item_two = next(i for i, t in enumerate(report.paragraphs) if t.startswith("（二）") and i > problems["paragraph"])
    assert any(f.paragraph == item_two for f in by_rule["misplaced"])
    unmatched = by_rule["unmatched-problem"]
    assert [report.paragraphs[f.paragraph][:3] for f in unmatched] == ["（五）"]
    assert report.stats["specific_share"] < 0.2 and by_rule["not-specific"]
    assert report.verdict in ("需修改", "不达标")


# ----- the score ladder ------------------------------------------------------------------------

def _lines(path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _part_bounds(lines: list[str], heading_word: str) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines) if re.match(r"^[一二三四五六七八九十]+、", line) and heading_word in line)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[一二三四五六七八九十]+、", lines[i])), len(lines))
    return start, end


def remove_facts(lines):
    """Every problem item keeps its heading and loses its facts to stock phrases."""
    start, end = _part_bounds(lines, "存在的问题")
    out = []
    for i, line in enumerate(lines):
        if start < i < end and re.match(r"^[一二三四五六七八九十]是", line):
            line = line[:2] + "理论学习不够深入，学用结合不够紧密，工作标准不高，要求不严，抓得不紧。"
        out.append(line)
    return out


def add_excuses(lines):
    start, end = _part_bounds(lines, "存在的问题")
    return [line + "由于工作繁忙、任务重，没有时间深入思考。" if start < i < end and line.startswith("一是") else line
            for i, line in enumerate(lines)]


def drop_category(lines):
    """Remove item （三） of the problems with its points."""
    start, end = _part_bounds(lines, "存在的问题")
    out, skipping = [], False
    for i, line in enumerate(lines):
        if start < i < end and line.startswith("（"):
            skipping = line.startswith("（三）")
        if not (skipping and start < i < end):
            out.append(line)
    return out


def drop_measures(lines):
    start, end = _part_bounds(lines, "整改措施")
    return lines[:start] + lines[end:]


def add_typos(lines):
    swaps = [("党的二十大精神", "党的二十大会议精神"), ("精髓要义", "精髓要以"), ("落实", "落实实"),
             ("中央八项规定精神", "党的八项规定精神"), ("责任", "则任")]
    out = "\n".join(lines)
    for right, wrong in swaps:
        out = out.replace(right, wrong, 2)
    return out.splitlines()


def test_score_ladder_falls_and_verdict_worsens_at_the_right_rungs():
    rungs = [_lines(EXEMPLARY)]
    for step in (remove_facts, add_excuses, drop_category, drop_measures, add_typos):
        rungs.append(step(rungs[-1]))
    reports = [analyze_text("\n".join(lines), template="annual-2025") for lines in rungs]
    scores = [r.score["total"] for r in reports]
    assert all(a > b for a, b in zip(scores, scores[1:], strict=False)), scores
    verdicts = [r.verdict for r in reports]
    # facts removed still pass; excuses and a dropped category mean 需修改; no measures: sent back
    assert verdicts == ["基本达标", "基本达标", "需修改", "需修改", "不达标", "不达标"], (verdicts, scores)
    assert "missing-category" in rules_of(reports[3]) and "missing-section" in rules_of(reports[4])
    assert reports[1].stats["specific_share"] < reports[0].stats["specific_share"]


def test_score_weights_come_from_the_lexicon(tmp_path, monkeypatch):
    from analyzer import lexicons, score

    report = analyze(WEAK)
    custom = tmp_path / "lex"
    import shutil

    shutil.copytree(lexicons.LEXICONS, custom)
    text = (custom / "scoring.toml").read_text(encoding="utf-8")
    (custom / "scoring.toml").write_text(text.replace("fail_below = 60", "fail_below = 0")
                                         .replace('fail_on = ["missing-section"]', "fail_on = []"),
                                         encoding="utf-8")
    monkeypatch.setattr(lexicons, "LEXICONS", custom)
    lexicons.load_toml.cache_clear()
    try:
        scores, verdict = score.score(report.findings)
        assert verdict == "需修改"
        # a weight changed in the file changes the total
        (custom / "scoring.toml").write_text(
            (custom / "scoring.toml").read_text(encoding="utf-8").replace("structure = 0.25", "structure = 2.0"),
            encoding="utf-8")
        lexicons.load_toml.cache_clear()
        reweighted, _ = score.score(report.findings)
        # the sub-scores do not depend on the weights; the total is their mean weighted by the file
        weights = tomllib.loads((custom / "scoring.toml").read_text(encoding="utf-8"))["weights"]
        assert weights["structure"] == 2.0
        assert {k: v for k, v in reweighted.items() if k != "total"} == \
            {k: v for k, v in scores.items() if k != "total"}
        expected = round(sum(w * scores[k] for k, w in weights.items()) / sum(weights.values()))
        assert reweighted["total"] == expected != scores["total"], (scores, reweighted)
        # the weak draft's structure is its worst sub-score: weighting it up pulls the total down
        assert scores["structure"] < scores["total"] and reweighted["total"] < scores["total"]
    finally:
        lexicons.load_toml.cache_clear()


def test_not_self_ignores_the_group_as_object():
    good = analyze_text("某镇党委书记对照检查材料\n一、存在的问题\n（一）对班子成员履行一岗双责的监督提醒不经常，2025年只谈话3次。",
                        template="generic")
    assert "not-self" not in rules_of(good)
    bad = analyze_text("某镇党委书记对照检查材料\n一、存在的问题\n（一）作风方面。班子成员履行一岗双责不经常，2025年只谈话3次。",
                       template="generic")
    assert "not-self" in rules_of(bad)


def test_excuse_ignores_its_negation():
    good = analyze_text("某镇党委书记对照检查材料\n一、存在的问题\n（一）2025年自学原著只读了11篇，不能以工作忙为借口，根子在思想上不重视。",
                        template="generic")
    assert "excuse" not in rules_of(good)
    bad = analyze_text("某镇党委书记对照检查材料\n一、存在的问题\n（一）2025年自学原著只读了11篇，因为工作忙，根子在思想上不重视。",
                       template="generic")
    assert "excuse" in rules_of(bad)



# ----- review findings: units, lexicon-driven rules, negation ----------------------------------

HEAD = "某镇副镇长对照检查材料\n"
SHORT_PROBLEM = "一、存在的问题\n（一）2025年到村调研18次，其中10次只听汇报。\n"


def hits(text: str, rule_id: str, template: str = "generic") -> list:
    return [f for f in analyze_text(text, template=template).findings if f.rule == rule_id]


def test_one_sentence_items_are_judged():
    vague = HEAD + ("一、存在的问题\n（一）理论学习不够深入，学用结合不够紧密，服务群众意识有待增强，工作标准不高。\n"
                    "二、整改措施\n（一）坚持把理论学习摆在首位，不断提高政治站位，真正做到入脑入心。")
    report = analyze_text(vague, template="generic")
    found = [f for f in report.findings if f.rule == "not-specific"]
    assert [f.excerpt for f in found] == ["理论学习不够深入，学用结合不够紧密，服务群众意识有待增强，工作标准不高。"]
    assert report.stats["specific_share"] == 0.0
    assert [f.excerpt for f in report.findings if f.rule == "vague-measure"] == ["坚持把理论学习摆在首位，不断提高政治站位，真正做到入脑入心。"]
    concrete = HEAD + ("一、存在的问题\n（一）2025年自学原著计划24篇只读了11篇，中心组研讨发言3次照念材料。\n"
                       "二、整改措施\n（一）2026年起每月自学原著不少于2篇，6月底前完成一次专题研讨。")
    report = analyze_text(concrete, template="generic")
    assert report.stats["specific_share"] == 1.0  # the one item is counted, and specific
    assert not {"not-specific", "vague-measure"} & rules_of(report)


def test_item_body_starts_after_label_and_heading():
    found = hits(HEAD + "一、存在的问题\n（一）理论学习方面。学用结合不够紧密，服务群众意识有待增强。", "not-specific")
    assert [f.excerpt for f in found] == ["学用结合不够紧密，服务群众意识有待增强。"]
    assert not hits(HEAD + "一、存在的问题\n（一）理论学习方面。2025年自学原著只读了11篇，研讨照念材料。", "not-specific")


def test_named_project_in_quotes_is_specific():
    assert not hits(HEAD + "一、存在的问题\n（一）推进“强村计划”项目时只听汇报，没有实地查看村里的情况。", "not-specific")
    assert hits(HEAD + "一、存在的问题\n（一）推进强村工作时只听汇报，没有实地查看村里的情况。", "not-specific")


ANNUAL = "某局局长2025年度民主生活会对照检查材料\n会前，我参加了局党组理论学习中心组专题学习4次，征求意见23条。\n"
ANNUAL_PROBLEMS = "一、存在的问题\n（一）在带头强化政治忠诚、提高政治能力方面。"


def test_previous_rectification_named_only_in_a_problem_is_missing():
    draft = ANNUAL + ANNUAL_PROBLEMS + "对2024年度民主生活会查摆问题的整改抓得不紧，调研不深的问题2025年仍只走访农户12户，整改没有完成。"
    found = hits(draft, "previous-rectification", "annual-2025")
    assert [f.severity for f in found] == ["error"] and "没有交代" in found[0].message
    account = ("2024年度领导班子专题民主生活会我查摆的5个问题，已整改完成4个并销号：调研不深的问题，2025年走访农户120户；"
               "学用脱节的问题，完成专题调研报告2篇。剩余1个需长期坚持，正按台账推进。\n")
    report = analyze_text(ANNUAL + account + ANNUAL_PROBLEMS + "2025年传达学习上级部署5次，其中2项只转发文件。",
                          template="annual-2025")
    assert "previous_rectification" in [s["part"] for s in report.sections]
    assert "previous-rectification" not in rules_of(report)


def test_past_actions_are_not_plans():
    past = HEAD + ("一、存在的问题\n（一）2025年我要求各村每月上报台账，但没有检查落实情况。我会同纪委书记研究了3次信访件，"
                   "2件没有跟踪办结。2025年争取资金180万元，其中60万元拨付滞后半年。")
    assert not hits(past, "misplaced")
    plan = hits(HEAD + SHORT_PROBLEM.replace("只听汇报。", "只听汇报。今后我将每月到村不少于4次。"), "misplaced")
    assert [f.excerpt for f in plan] == ["今后我将每月到村不少于4次。"]


def _edited_substance(monkeypatch, edit):
    """Review with a changed copy of lexicons/substance.toml (caches cleared on both sides)."""
    import copy

    from analyzer import lexicons, matching

    real = lexicons.load_toml

    def load(name):
        data = real(name)
        if name == "substance.toml":
            data = copy.deepcopy(data)
            edit(data)
        return data

    for cached in (matching.lexicon_matcher, matching.lexicon_patterns):
        cached.cache_clear()
    monkeypatch.setattr(lexicons, "load_toml", load)


def _restore_caches():
    from analyzer import matching

    for cached in (matching.lexicon_matcher, matching.lexicon_patterns):
        cached.cache_clear()


def test_a_strong_plan_marker_need_not_be_a_phrase(monkeypatch):
    draft = HEAD + SHORT_PROBLEM.replace("只听汇报。", "只听汇报。接下来每月到村不少于4次。")
    assert not hits(draft, "misplaced")
    try:
        _edited_substance(monkeypatch, lambda d: d["plan_markers"]["strong"].append("接下来"))
        from analyzer.lexicons import load_toml

        assert "接下来" not in load_toml("substance.toml")["plan_markers"]["phrases"]
        assert [f.excerpt for f in hits(draft, "misplaced")] == ["接下来每月到村不少于4次。"]
    finally:
        monkeypatch.undo()
        _restore_caches()


def test_praise_framing_comes_from_the_lexicon(monkeypatch):
    draft = HEAD + "一、存在的问题\n（一）理论学习方面。虽然我始终坚持学习，取得了较好成效，但2025年自学原著只读了11篇。"
    assert hits(draft, "praise-in-problems")
    try:
        _edited_substance(monkeypatch, lambda d: d["praise_framing"].update(patterns=[]))
        assert not hits(draft, "praise-in-problems")
    finally:
        monkeypatch.undo()
        _restore_caches()


def test_praise_turn_after_overall_judgement():
    assert hits(HEAD + "一、存在的问题\n（一）我分管的工作总体较好，但2025年有3个村的项目资金没有跟踪检查。", "praise-in-problems")
    assert not hits(HEAD + "一、存在的问题\n（一）2025年自学原著只读了11篇，但研讨发言3次照念材料。", "praise-in-problems")


def test_negation_is_one_check_for_excuses_and_objective_causes():
    from analyzer.units import negated

    assert negated("不能以工作忙为借口", 3, 6) and negated("人手少不是理由", 0, 3)
    assert not negated("由于工作忙，不是每次都参加", 2, 5)  # the next clause negates something else
    causes = HEAD + SHORT_PROBLEM + "二、原因剖析\n（一）{}，根子在宗旨意识淡化。"
    negated_draft = causes.format("人手少不是理由，工作忙不是理由")
    assert not hits(negated_draft, "objective-cause") and not hits(negated_draft, "excuse")
    plain = causes.format("人手少，工作忙，导致调研走了过场")
    assert [f.excerpt for f in hits(plain, "objective-cause")] == ["人手少"]
    assert [f.excerpt for f in hits(plain, "excuse")] == ["工作忙"]


def test_one_span_of_the_causes_is_one_finding():
    draft = HEAD + SHORT_PROBLEM + "二、原因剖析\n（一）任务繁重，考核任务重，放松了对自己的要求。"
    report = analyze_text(draft, template="generic")
    spans = [(f.paragraph, f.start, f.end) for f in report.findings if f.rule in ("excuse", "objective-cause")]
    assert sorted(f.excerpt for f in report.findings if f.rule in ("excuse", "objective-cause")) == ["任务繁重", "考核任务重"]
    assert not any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for a in spans for b in spans if a != b)  # no overlap
    # in the problems the same words are still an excuse
    assert [f.excerpt for f in hits(HEAD + "一、存在的问题\n（一）由于任务繁重，2025年自学原著只读了11篇。", "excuse")] == ["任务繁重"]


def test_not_self_after_an_item_label():
    for label in ("（一）", "1.", "一是"):
        found = hits(HEAD + f"一、存在的问题\n{label}有的同志调研走过场，2025年到村只听汇报。", "not-self")
        assert [f.excerpt for f in found] == ["有的同志"], label
    assert not hits(HEAD + "一、存在的问题\n（一）对有的同志违反规定的苗头提醒不及时，2025年只谈话3次。", "not-self")


def test_duplicate_keeps_numbers_and_ignores_labels():
    line = "{}{}年我到村调研{}次，其中{}次只听汇报，没有深入农户家中了解情况。"
    different = HEAD + "一、存在的问题\n" + line.format("（一）", 2024, 12, 5) + "\n" + line.format("（二）", 2025, 18, 10)
    assert not hits(different, "duplicate")
    same = HEAD + "一、存在的问题\n" + line.format("（一）", 2025, 18, 10) + "\n" + line.format("（二）", 2025, 18, 10)
    assert [f.paragraph for f in hits(same, "duplicate")] == [3]


def test_self_assessment_is_not_praise_as_criticism():
    causes = HEAD + SHORT_PROBLEM + "二、原因剖析\n（一）认为自己在基层工作多年、工作经验丰富，放松了对自己的要求。"
    assert not [f for f in hits(causes, "excuse") if "明批暗褒" in f.message]
    praise = hits(HEAD + "一、存在的问题\n（一）我工作经验丰富，2025年有时对同志要求过严。", "excuse")
    assert [f.excerpt for f in praise if "明批暗褒" in f.message] == ["经验丰富", "对同志要求过严"]


def test_a_self_assessment_word_clears_only_self_regard_in_its_clause():
    """觉得自己工作太投入 still praises the work: only a self-regard phrase (经验丰富) is cleared by
    认为自己/觉得自己, through the rest of its sentence and no further."""
    praise = hits(HEAD + "一、存在的问题\n（一）我总觉得自己工作太投入，对家人照顾不够，2025年有3次学习缺席。", "excuse")
    assert [f.excerpt for f in praise if "明批暗褒" in f.message] == ["工作太投入", "对家人照顾不够"]
    same_sentence = hits(HEAD + "一、存在的问题\n（一）我认为自己作为老党员，入党时间长、工作经验丰富，2025年有3次学习缺席。", "excuse")
    assert not [f for f in same_sentence if "明批暗褒" in f.message]
    other_sentence = hits(HEAD + "一、存在的问题\n（一）我认为自己作风扎实。工作经验丰富，2025年有3次学习缺席。", "excuse")
    assert [f.excerpt for f in other_sentence if "明批暗褒" in f.message] == ["经验丰富"]


def test_an_excuse_is_left_to_objective_cause_only_while_that_rule_runs():
    text = HEAD + SHORT_PROBLEM + "二、原因剖析\n（一）任务繁重，考核任务重，放松了学习。"
    both = analyze_text(text, template="generic")
    assert [(f.rule, f.excerpt) for f in both.findings if f.rule in ("excuse", "objective-cause")] == \
        [("excuse", "任务繁重"), ("objective-cause", "考核任务重")]
    alone = analyze_text(text, template="generic", options={"disable": ["objective-cause"]})
    assert [f.excerpt for f in alone.findings if f.rule == "excuse"] == ["任务繁重", "任务重"]


def test_a_modal_is_told_from_the_word_it_starts():
    """我会/我要 mark a plan only when 会/要 is the modal verb: 会前、会后、会计、会同、要求 are
    words (jieba's counts say so), so those sentences state what was done."""
    done = ["（一）我会前准备不充分，2025年3次会议临时拿材料。", "（一）我会后没有跟踪督办，2025年有4项议定事项拖延。",
            "（一）本人会计出身，2025年对党建业务学得少。", "（一）2025年我要求各村自查，但自己没有去看。"]
    for line in done:
        assert not hits(HEAD + "一、存在的问题\n" + line, "misplaced"), line
    for line in ["（一）2025年学习缺席3次，我会认真改正。", "（一）2025年学习缺席3次，我要把学习补上。"]:
        assert hits(HEAD + "一、存在的问题\n" + line, "misplaced"), line
