"""Batch review, spreadsheet export and copy detection (issue 5)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES, SHARED_SAMPLE, run_cli
from openpyxl import load_workbook

from analyzer.batch import CRASHED, STATUS_UNREADABLE, _review, discover, run_batch


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def township(tmp_path) -> Path:
    folder = tmp_path / "某镇 提交材料"
    folder.mkdir()
    for name in ("2025-annual-exemplary-county-bureau-director.txt", "weak-draft-street-office.txt",
                 "2024-annual-township-deputy-secretary.txt", "xunshi-zhenggai-town-mayor.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    if SHARED_SAMPLE.exists():
        shutil.copy(SHARED_SAMPLE, folder / "乡镇党委书记.txt")
    original = (SAMPLES / "2023-theme-education-village-secretary.txt").read_text(encoding="utf-8")
    (folder / "村书记甲.txt").write_text(original, encoding="utf-8")
    near_copy = original.replace("杨柳湾村", "石门村").replace("2023年11月", "2023年12月")
    (folder / "村书记乙.txt").write_text(near_copy, encoding="utf-8")
    teacher = (SAMPLES / "org-life-party-member-teacher.txt").read_text(encoding="utf-8")
    (folder / "教师党员（GBK）.txt").write_bytes(teacher.encode("gbk"))
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "空白.txt").write_bytes(b"")
    (folder / "~$锁定文件.docx").write_bytes(b"owner file")
    (folder / ".隐藏.txt").write_text("hidden", encoding="utf-8")
    return folder


def test_batch_spreadsheet_has_the_right_rows(township, tmp_path):
    before = _digest(township)
    out, csv, jsonl = tmp_path / "汇总.xlsx", tmp_path / "汇总.csv", tmp_path / "结果.jsonl"
    result = run_cli("batch", str(township), "--out", str(out), "--csv", str(csv), "--json", str(jsonl),
                     "--workers", "2")
    assert result.exit_code in (0, 1), result.stderr
    assert "份：不达标" in result.stderr and "无法读取 2" in result.stderr
    assert _digest(township) == before  # inputs untouched

    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题明细", "覆盖矩阵", "雷同"]
    summary = book["汇总"]
    header = [c.value for c in summary[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in summary.iter_rows(min_row=2)]
    rows = [r for r in rows if r["文件"]]
    names = [Path(r["文件"]).name for r in rows]
    expected = len([p for p in township.iterdir() if not p.name.startswith(("~$", "."))])
    assert len(rows) == expected
    assert "~$锁定文件.docx" not in names and ".隐藏.txt" not in names
    unreadable = {Path(r["文件"]).name: r for r in rows if r["状态"] == STATUS_UNREADABLE}
    assert set(unreadable) == {"损坏.docx", "空白.txt"}
    assert "损坏" in unreadable["损坏.docx"]["原因"] and "为空" in unreadable["空白.txt"]["原因"]
    gbk = next(r for r in rows if r["文件"].endswith("（GBK）.txt"))
    assert gbk["状态"] == "已审查" and gbk["会议类型"] == "专题组织生活会"
    order = [{"无法读取": 0, "不达标": 1, "需修改": 2, "基本达标": 3}[r["结论"]] for r in rows]
    assert order == sorted(order)  # worst first
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref
    assert summary._charts, "the summary sheet carries a chart"
    assert summary.conditional_formatting, "the score has a data bar"

    pairs = [[c.value for c in row] for row in book["雷同"].iter_rows(min_row=2)]
    paired = {frozenset((Path(p[0]).name, Path(p[1]).name)) for p in pairs if p[0]}
    assert frozenset(("村书记甲.txt", "村书记乙.txt")) in paired
    assert all("教师" not in " ".join(map(str, p)) for p in paired)  # distinct drafts are not paired
    details = [[c.value for c in row] for row in book["问题明细"].iter_rows(min_row=2)]
    assert any(d[3] == "copied" for d in details)
    coverage = list(book["覆盖矩阵"].iter_rows(min_row=2))
    assert len(coverage) == expected - 2

    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected and all(json.loads(line)["file"] for line in lines)
    from analyzer.report import INTERNAL_FIELDS

    records = [json.loads(line) for line in lines]
    assert not any(set(INTERNAL_FIELDS) & set(r) for r in records)  # the published report only
    assert any("findings" in r for r in records)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 CSV with a BOM


def test_batch_never_overwrites(township, tmp_path):
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"earlier report")
    result = run_cli("batch", str(township), "--out", str(out))
    assert result.exit_code == 2 and "E030" in result.stderr and out.read_bytes() == b"earlier report"
    victim = township / "村书记甲.txt"
    result = run_cli("batch", str(township), "--out", str(victim), "--force")
    assert result.exit_code == 2 and "E031" in result.stderr
    assert victim.read_text(encoding="utf-8").startswith("松坪镇")


def test_discover_skips_lock_and_hidden_files(township):
    names = {p.name for p in discover([str(township)])}
    assert "~$锁定文件.docx" not in names and ".隐藏.txt" not in names and "损坏.docx" in names


def test_parallel_and_serial_agree(township):
    files = discover([str(township)])
    serial = run_batch(files, workers=1, progress=False)
    parallel = run_batch(files, workers=2, progress=False)
    assert [(r.file, r.status, r.reason, r.report) for r in serial.rows] == \
        [(r.file, r.status, r.reason, r.report) for r in parallel.rows]


def dying_worker(path, template, feedback, options):
    """Kills its process for one file, as a crash in a C extension would."""
    if path.endswith("weak-draft-street-office.txt"):
        os._exit(3)
    return _review(path, template, feedback, options)


def test_killed_worker_is_reported_not_hung_on(township):
    files = discover([str(township)])
    result = run_batch(files, workers=2, progress=False, worker=dying_worker)
    rows = {Path(r.file).name: r for r in result.rows}
    assert len(rows) == len(files)
    victim = rows["weak-draft-street-office.txt"]
    assert victim.status == STATUS_UNREADABLE and "意外退出" in victim.reason
    assert rows["2025-annual-exemplary-county-bureau-director.txt"].status == "已审查"


def test_one_killing_file_does_not_make_the_rest_serial(tmp_path):
    """After a worker dies only the files that may have been running are isolated; the rest go on
    in a pool (before, every remaining file got a process of its own, one at a time)."""
    import concurrent.futures

    folder = tmp_path / "镇"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    pools = []   # the max_workers of every process pool the batch starts

    original = concurrent.futures.ProcessPoolExecutor.__init__

    def counting(self, *args, **kwargs):
        pools.append(args[0] if args else kwargs.get("max_workers"))
        original(self, *args, **kwargs)

    concurrent.futures.ProcessPoolExecutor.__init__ = counting
    try:
        result = run_batch(discover([str(folder)]), workers=2, progress=False, worker=dying_on_03)
    finally:
        concurrent.futures.ProcessPoolExecutor.__init__ = original
    rows = {Path(r.file).name: r for r in result.rows}
    assert len(rows) == 40 and rows["03.txt"].status == STATUS_UNREADABLE
    assert all(r.status == "已审查" for name, r in rows.items() if name != "03.txt")
    assert pools.count(1) <= 5 and len(pools) <= 8, pools   # 5 suspects isolated, not 36 files


def dying_on_03(path, template, feedback, options):
    if path.endswith("03.txt"):
        os._exit(3)
    return _review(path, template, feedback, options)


def test_template_copy_is_flagged(tmp_path):
    fanwen = (SAMPLES.parent / "templates" / "fanwen-2025-annual-generic.txt").read_text(encoding="utf-8")
    draft = tmp_path / "照抄范文.txt"
    draft.write_text(fanwen.replace("XX镇", "青山镇"), encoding="utf-8")
    result = run_batch([draft], workers=1, progress=False)
    copied = [f for f in result.rows[0].report["findings"] if f["rule"] == "copied"]
    assert copied and "fanwen-2025-annual-generic.txt" in copied[0]["message"]
    single = run_cli("check", "--format", "json", "--templates", str(SAMPLES.parent / "templates"), str(draft))
    assert '"rule": "copied"' in single.stdout


def _two_identical_drafts(folder: Path, config: str | None = None):
    folder.mkdir()
    text = (SAMPLES / "2023-theme-education-village-secretary.txt").read_text(encoding="utf-8")
    for name in ("村书记甲.txt", "村书记乙.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    if config is not None:
        (folder / "duizhao.toml").write_text(config, encoding="utf-8")
    return run_batch(discover([str(folder)]), workers=1, progress=False)


def test_copied_findings_are_placed_and_scored_like_any_other(tmp_path):
    from analyzer.report import report_from_dict
    from analyzer.score import score

    result = _two_identical_drafts(tmp_path / "未配置")
    assert len(result.pairs) == 1
    for row in result.rows:
        copied = [f for f in row.report["findings"] if f["rule"] == "copied"]
        assert len(copied) == 1, row.file
        finding = copied[0]
        paragraph = row.report["paragraphs"][finding["paragraph"]]
        assert finding["part"] == "problems" and finding["excerpt"] == paragraph[finding["start"]:finding["end"]]
        assert score(report_from_dict(row.report).findings) == (row.report["score"], row.report["verdict"])
        assert row.report["verdict"] != "基本达标"  # a 100% copy is an error


def test_duizhao_toml_can_disable_copied(tmp_path):
    from analyzer import analyze

    result = _two_identical_drafts(tmp_path / "停用雷同", 'disable = ["copied"]\n')
    assert result.pairs == []  # neither draft runs the rule: no finding, no 雷同 row, no match in 汇总
    for row in result.rows:
        assert (row.report["stats"]["max_similarity"], row.report["stats"]["similar_to"]) == (0.0, "")
        assert not [f for f in row.report["findings"] if f["rule"] == "copied"], row.file
        alone = analyze(row.file)
        assert (row.report["score"], row.report["verdict"]) == (alone.score, alone.verdict)


def test_a_copy_is_anchored_on_the_copied_text_even_across_paragraphs():
    """The copied passage starts in the last few characters of one paragraph and goes on in the
    next: the finding points at the copied text in the paragraph that holds most of it."""
    from analyzer import analyze_text

    fanwen = (SAMPLES.parent / "templates" / "fanwen-2025-annual-generic.txt").read_text(encoding="utf-8")
    copied_text = max(fanwen.splitlines(), key=len)
    lines = ["某镇副镇长对照检查材料", "一、存在的问题",
             "（一）理论学习方面。2025年自学原著计划24篇只读了11篇。" + copied_text[:5], copied_text[5:]]
    report = analyze_text("\n".join(lines), options={"templates": {"范文.txt": fanwen}})
    copied = [f for f in report.findings if f.rule == "copied"]
    assert len(copied) == 1 and copied[0].paragraph == 3
    excerpt = copied[0].excerpt
    assert len(excerpt) >= 100 and excerpt in copied_text[5:]

def test_a_pair_is_listed_while_one_of_its_drafts_runs_copied(tmp_path):
    text = (SAMPLES / "2023-theme-education-village-secretary.txt").read_text(encoding="utf-8")
    for unit in ("甲村", "乙村"):
        (tmp_path / unit).mkdir()
        (tmp_path / unit / f"{unit}书记.txt").write_text(text, encoding="utf-8")
    (tmp_path / "甲村" / "duizhao.toml").write_text('disable = ["copied"]\n', encoding="utf-8")
    result = run_batch(discover([str(tmp_path)]), workers=1, progress=False)
    assert len(result.pairs) == 1
    copied = {Path(r.file).parent.name: [f for f in r.report["findings"] if f["rule"] == "copied"]
              for r in result.rows}
    assert copied["甲村"] == [] and len(copied["乙村"]) == 1


def test_disable_option_of_check_and_batch(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text((SAMPLES / "weak-draft-street-office.txt").read_text(encoding="utf-8"), encoding="utf-8")
    full = json.loads(run_cli("check", "--format", "json", str(draft)).stdout)
    assert {"boilerplate", "not-specific"} <= {f["rule"] for f in full["findings"]}
    less = run_cli("check", "--format", "json", "--disable", "boilerplate", "--disable", "not-specific", str(draft))
    rules = {f["rule"] for f in json.loads(less.stdout)["findings"]}
    assert not rules & {"boilerplate", "not-specific"} and rules
    out = tmp_path / "汇总.xlsx"
    lines = tmp_path / "结果.jsonl"
    done = run_cli("batch", "--out", str(out), "--json", str(lines), "--disable", "boilerplate", str(draft))
    assert done.exit_code in (0, 1), done.output
    report = json.loads(lines.read_text(encoding="utf-8").splitlines()[0])
    assert "boilerplate" not in {f["rule"] for f in report["findings"]} and report["findings"]
    for args in (("check", str(draft)), ("batch", "--out", str(tmp_path / "另.xlsx"), str(draft))):
        wrong = run_cli(*args[:1], "--disable", "no-such-rule", *args[1:])
        assert wrong.exit_code == 2 and "没有名为 no-such-rule 的规则" in wrong.output
        assert wrong.exception is None or isinstance(wrong.exception, SystemExit)
    assert not (tmp_path / "另.xlsx").exists()


def test_a_misspelt_rule_in_duizhao_toml_is_an_error(tmp_path):
    (tmp_path / "duizhao.toml").write_text('disable = ["vague-measures"]\n', encoding="utf-8")
    draft = tmp_path / "草稿.txt"
    draft.write_text((SAMPLES / "weak-draft-street-office.txt").read_text(encoding="utf-8"), encoding="utf-8")
    done = run_cli("check", str(draft))
    assert done.exit_code == 2 and "错误 E024" in done.output
    assert "没有名为 vague-measures 的规则" in done.output and "duizhao.toml" in done.output


def test_analyze_refuses_an_unknown_rule_id_too():
    """The Python API and run_batch check `disable` like the CLI does (one check, E024)."""
    from analyzer import analyze_text
    from analyzer.errors import DuizhaoError

    text = (SAMPLES / "weak-draft-street-office.txt").read_text(encoding="utf-8")
    with pytest.raises(DuizhaoError) as err:
        analyze_text(text, options={"disable": ["typos"]})
    assert err.value.code.name == "E024" and "typos" in err.value.message
    assert analyze_text(text, options={"disable": ["typo"]}).findings


def test_shared_headings_alone_do_not_make_a_copy(tmp_path):
    from analyzer.similarity import find_pairs

    a = (SAMPLES / "2025-annual-exemplary-county-bureau-director.txt").read_text(encoding="utf-8")
    b = (SAMPLES / "weak-draft-street-office.txt").read_text(encoding="utf-8")
    assert find_pairs({"a": a, "b": b}) == []


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_spreadsheet(township, tmp_path):
    out = tmp_path / "汇总.xlsx"
    result = run_cli("batch", str(township), "--out", str(out))
    assert result.exit_code in (0, 1) and out.exists(), result.output
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "汇总.csv").stat().st_size > 0


def test_batch_with_hostile_files_finishes_with_unreadable_rows(tmp_path):
    from batch import make_drafts
    from batch_hostile import hostile_files

    folder = tmp_path / "混合"
    folder.mkdir()
    for i, text in enumerate(make_drafts(12, seed=3)):
        (folder / f"draft-{i:02d}.txt").write_text(text, encoding="utf-8")
    hostile = hostile_files()
    for name, data in hostile.items():
        (folder / f"hostile-{name}").write_bytes(data)
    result = run_batch(discover([str(folder)]), workers=2, progress=False)
    status = {Path(r.file).name: r for r in result.rows}
    assert len(status) == 12 + len(hostile)
    for name in hostile:
        row = status[f"hostile-{name}"]
        # refused by the reader with its own reason, not a crash turned into a row
        assert row.status == STATUS_UNREADABLE and row.reason and not row.reason.startswith(CRASHED), name
    assert sum(1 for r in result.rows if r.report) == 12


def test_ctrl_c_writes_what_is_done(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from batch import make_drafts

    folder = tmp_path / "很多材料"
    folder.mkdir()
    for i, text in enumerate(make_drafts(1000, seed=5)):  # some 20 s of work: never done in 4 s
        (folder / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "部分.xlsx"
    cli = Path(__file__).resolve().parent.parent / "cli.py"
    proc = subprocess.Popen([sys.executable, str(cli), "batch", str(folder), "--out", str(out), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(4)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends to the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err
    rows = load_workbook(out)["汇总"].max_row - 1
    assert 0 < rows < 1000


def test_shared_counts_are_exact_and_the_lsh_fallback_finds_the_same_copies(monkeypatch):
    """Every pair's shared hashes counted by one sort equal the pair's intersection; over the
    budget the MinHash path takes over and finds the same copied drafts, and a draft copied
    from part of a long 范文 is found on both paths (its 范文 is always counted exactly)."""
    import random

    import numpy as np

    import analyzer.similarity as similarity

    rng = random.Random(7)
    pool = list(range(1, 400))
    sets = {f"稿{i}": np.array(sorted(rng.sample(pool, rng.randint(0, 120))), dtype=np.uint64) for i in range(12)}
    counted = {(a, b): n for a, b, n in similarity.shared_counts(sets)}
    names = list(sets)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert counted.get((a, b), 0) == len(np.intersect1d(sets[a], sets[b])), (a, b)
    assert all(names.index(a) < names.index(b) for a, b in counted)

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    drafts = {f"草稿{i}": t for i, t in enumerate(texts[1:])}
    drafts["抄袭"] = texts[1][: len(texts[1]) * 3 // 4] + texts[2][:600]
    drafts["照抄范文"] = texts[0][:1500]
    long_fanwen = {"长范文.txt": "\n".join(texts[0:1] + [t[::-1] for t in texts[1:]])}

    def found(pairs):
        return [(p.a, p.b, p.similarity, p.b_is_template) for p in pairs]

    exact = found(similarity.find_pairs(drafts, long_fanwen))
    monkeypatch.setattr(similarity, "PAIR_BUDGET", -1)
    assert found(similarity.find_pairs(drafts, long_fanwen)) == exact
    assert ("照抄范文", "长范文.txt") in [(a, b) for a, b, _, template in exact if template]
    assert [(a, b) for a, b, _, template in exact if not template] == [("草稿0", "抄袭")]
