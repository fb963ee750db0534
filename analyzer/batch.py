"""Batch review of a folder of drafts: parallel, never stopped by one bad file.

`run_batch()` returns plain rows (one per file) and the copy pairs; writers in analyzer/render
turn them into the spreadsheet, CSV, JSON lines and HTML. Analysis is the same `analyze()`.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DuizhaoError
from .read import discover  # noqa: F401  (where `duizhao batch` and the tests take it from)

STATUS_OK, STATUS_UNREADABLE = "已审查", "无法读取"
WORKER_DIED = "审查该文件时处理进程意外退出（文件可能损坏或过大），请单独检查该文件。"


@dataclass
class BatchRow:
    file: str  # what the tables show: the path in a batch, the uploaded file's name on the web
    status: str
    reason: str = ""
    report: dict | None = None
    key: str = ""  # unique id when `file` may repeat (two uploads named 材料.txt); default `file`
    code: str = ""  # the error code (E0xx) of a file that could not be read

    @property
    def id(self) -> str:
        return self.key or self.file


@dataclass
class BatchResult:
    rows: list[BatchRow]
    pairs: list = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        out = {"不达标": 0, "需修改": 0, "基本达标": 0, STATUS_UNREADABLE: 0}
        for row in self.rows:
            key = row.report["verdict"] if row.report else STATUS_UNREADABLE
            out[key] = out.get(key, 0) + 1
        return out

    def summary(self) -> str:
        c = self.counts()
        text = (f"共 {len(self.rows)} 份：不达标 {c['不达标']}，需修改 {c['需修改']}，"
                f"基本达标 {c['基本达标']}，无法读取 {c[STATUS_UNREADABLE]}，用时 {self.seconds:.1f} 秒")
        return text + ("（已中断，只含已完成部分）" if self.interrupted else "")


# How a reason starts when the review itself failed (a bug), not the file: tests assert it never
# appears for the files they feed.
CRASHED = "审查出错"


def _review(path: str, template: str | None, feedback: str | None, options: dict,
            name: str | None = None, key: str = "") -> BatchRow:
    """One file's row; `options` are analyze()'s (allow, disable). `name` is what the row and
    its messages show instead of the path (an upload's own name, never the temporary file's)."""
    from .report import analyze

    shown = name or path
    try:
        report = analyze(path, template=template, feedback=feedback, options=dict(options))
    except DuizhaoError as err:
        return BatchRow(shown, STATUS_UNREADABLE, DuizhaoError(err.code, shown, err.detail).args[0],
                        key=key, code=err.code.name)
    except Exception as exc:  # one odd file must not stop a township's batch
        return BatchRow(shown, STATUS_UNREADABLE, f"{CRASHED}（{type(exc).__name__}），请单独检查该文件。",
                        key=key)
    report.file = shown
    return BatchRow(shown, STATUS_OK, report=report.to_dict(with_paragraphs=True), key=key)


def _warm_up() -> None:
    """Load jieba, the phrase index and the model once in the parent: forked workers share them."""
    from .classify import theme_model
    from .language import tokenizer
    from .proofread import phrase_index

    tokenizer()
    phrase_index()
    theme_model()


def run_batch(files: list[Path], workers: int | None = None, template: str | None = None,
              feedback: str | None = None, allow: list[str] | None = None,
              templates_dirs: list[str] | None = None, progress: bool | None = None,
              worker=None, disable: list[str] | None = None) -> BatchResult:
    """Review every file in parallel, then compare the drafts with each other and with 范文.
    `worker(path, template, feedback, options) -> BatchRow` defaults to `analyze()` on the
    path with options `allow` and `disable` (rule ids, added to each draft's duizhao.toml's)."""
    worker = worker or _review
    start = time.perf_counter()
    options = {"allow": list(allow or []), "disable": list(disable or [])}
    workers = max(1, workers or os.cpu_count() or 1)
    rows: dict[str, BatchRow] = {}
    interrupted = False
    pending = [str(f) for f in files]
    bar = _progress_bar(len(pending), progress)
    try:
        if workers == 1 or len(pending) == 1:
            for path in pending:
                rows[path] = worker(path, template, feedback, options)
                bar.update(1)
        else:
            _warm_up()
            while pending:
                pending = _run_pool(worker, pending, workers, rows, bar, (template, feedback, options),
                                    isolate=False)
                # a worker died: the files that may have been running or queued then (the first
                # not done, at most a pool's workers and its queue) go one by one, to name the
                # one that kills; the others go on in a pool again
                suspects, pending = pending[:2 * workers + 1], pending[2 * workers + 1:]
                _run_pool(worker, suspects, workers, rows, bar, (template, feedback, options), isolate=True)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
    ordered = [rows[str(f)] for f in files if str(f) in rows]
    result = BatchResult(ordered, interrupted=interrupted)
    if not interrupted:
        result.pairs = attach_copies(result.rows, templates_dirs or [])
    result.seconds = time.perf_counter() - start
    return result


def _run_pool(worker, paths: list[str], workers: int, rows: dict[str, BatchRow], bar, args,
              isolate: bool) -> list[str]:
    """Run `paths` in a pool; return the paths still to do after a worker died, in their order
    (the pool takes them in that order). When isolating, each file gets a pool of its own, so
    a file that kills its worker is named and skipped."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    if isolate:
        for path in paths:
            try:
                with ProcessPoolExecutor(1) as pool:
                    rows[path] = pool.submit(worker, path, *args).result()
            except BrokenProcessPool:
                rows[path] = BatchRow(path, STATUS_UNREADABLE, WORKER_DIED)
            bar.update(1)
        return []
    pool = ProcessPoolExecutor(workers)
    futures = {pool.submit(worker, path, *args): path for path in paths}
    try:
        for future in as_completed(futures):
            path = futures[future]
            try:
                rows[path] = future.result()
            except BrokenProcessPool:
                break
            bar.update(1)
    except KeyboardInterrupt:
        # cancel here: `cancel_futures` alone is lost once the executor is garbage-collected
        # (this frame ends with the raise), and the workers went on with every queued file
        for future in futures:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True, cancel_futures=True)
    return [p for p in paths if p not in rows]


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, progress: bool | None):
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="份", desc="审查", file=sys.stderr, leave=False)


def attach_copies(rows: list[BatchRow], templates_dirs: list[str]) -> list:
    """Find copied pairs, add the `copied` findings (and the new score) to the reports of the
    drafts that do not disable that rule, and the highest similarity to every report's stats.
    Rows are told apart by `BatchRow.id`; the pairs returned name them by `file`."""
    from .model import Document, Paragraph
    from .report import add_findings, report_from_dict
    from .rules.copied import copy_hit
    from .similarity import find_pairs, known_templates

    reviewed = {r.id: r for r in rows if r.report}
    if not reviewed:
        return []
    drafts = {key: "\n".join(r.report["paragraphs"]) for key, r in reviewed.items()}
    common = " ".join(c["name"] for r in reviewed.values() for c in r.report["categories"])
    pairs = find_pairs(drafts, known_templates(templates_dirs), common)

    # a pair is listed (雷同 sheet, stats) only when one of its drafts runs `copied` (a unit
    # that writes from a shared outline may disable it in its duizhao.toml), and only drafts
    # that run it get the finding
    runs = {key for key, row in reviewed.items() if "copied" not in row.report.get("disabled", ())}
    pairs = [p for p in pairs if p.a in runs or (not p.b_is_template and p.b in runs)]

    def shown(key: str, template: bool) -> str:
        return Path(key if template else reviewed[key].file).name

    hits: dict[str, list] = {}
    for pair in pairs:
        targets = [(pair.a, pair.b)] + ([] if pair.b_is_template else [(pair.b, pair.a)])
        for key, other in targets:
            if key in runs:
                document = Document(key, [Paragraph(i, t) for i, t in enumerate(reviewed[key].report["paragraphs"])])
                hits.setdefault(key, []).append(copy_hit(document, shown(other, pair.b_is_template),
                                                         pair.similarity, pair.passages, pair.b_is_template))
    for key, found in hits.items():
        report = report_from_dict(reviewed[key].report)
        add_findings(report, "copied", found)
        reviewed[key].report = report.to_dict(with_paragraphs=True)
    for key, row in reviewed.items():
        mine = [p for p in pairs if p.a == key or (not p.b_is_template and p.b == key)]
        best = max(mine, key=lambda p: p.similarity, default=None)
        similar_to = ""
        if best:
            similar_to = shown(best.b, best.b_is_template) if best.a == key else shown(best.a, False)
        row.report["stats"]["max_similarity"] = best.similarity if best else 0.0
        row.report["stats"]["similar_to"] = similar_to
    for pair in pairs:
        pair.a = reviewed[pair.a].file
        if not pair.b_is_template:
            pair.b = reviewed[pair.b].file
    return pairs
