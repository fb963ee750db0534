"""Substance checks and the verdict (issue 4)."""

from __future__ import annotations

import re

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
    assert report.stats["specific_share"] < 0.6 and by_rule["not-specific"]
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
        assert scores["structure"] != scores["total"] and reweighted["total"] != scores["total"], (scores, reweighted)
    finally:
        lexicons.load_toml.cache_clear()


def test_not_self_ignores_the_group_as_object():
    good = analyze_text("某镇党委书记对照检查材料\n一、存在的问题\n（一）对班子成员履行一岗双责的监督提醒不经常，2025年只谈话3次。",
                        template="generic")
    assert "not-self" not in rules_of(good)


def test_excuse_ignores_its_negation():
    good = analyze_text("某镇党委书记对照检查材料\n一、存在的问题\n（一）2025年自学原著只读了11篇，不能以工作忙为借口，根子在思想上不重视。",
                        template="generic")
    assert "excuse" not in rules_of(good)
