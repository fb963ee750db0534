"""Local web page and JSON API: drop drafts, see the review, download the annotated .docx and,
for several drafts, the spreadsheet. Built on Flask, served by waitress (pure Python, also on
the office's Windows PCs). Same `analyze()` as the command line; nothing is kept: each request
works in a temporary folder that is removed before the response leaves; no draft text or file
name is logged."""

from __future__ import annotations

import base64
import logging
import os
import tempfile
import threading
from pathlib import Path

from .errors import DuizhaoError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
log = logging.getLogger("duizhao.web")
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


def create_app(max_bytes: int = DEFAULT_MAX_BYTES):
    from flask import Flask, Response, jsonify, request

    from .batch import _warm_up
    from .rules import all_rules

    all_rules()
    _warm_up()  # jieba, the phrase index and the model, before the first upload
    app = Flask("duizhao")
    app.config["MAX_CONTENT_LENGTH"] = max_bytes

    @app.teardown_request
    def give_memory_back(_exc):
        _trim()

    @app.errorhandler(413)
    def too_large(_):
        return jsonify({"error": f"上传文件过大，单次上传上限为 {_megabytes(max_bytes)} MB。请拆分后分批上传。",
                        "code": "E012"}), 413

    @app.get("/")
    def page():
        return Response(_page_html(max_bytes), mimetype="text/html")

    @app.get("/openapi.json")
    def openapi():
        return Response((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"),
                        mimetype="application/json")

    @app.post("/api/check")
    def api_check():
        """JSON reports (the CLI's schema) for each uploaded draft."""
        files = request.files.getlist("files") or request.files.getlist("file")
        if not files:
            return jsonify({"error": "没有收到文件。请用 multipart/form-data 的 files 字段上传材料。",
                            "code": "E001"}), 400
        with tempfile.TemporaryDirectory(prefix="duizhao-web-") as tmp:
            try:
                results, _ = _review_uploads(files, Path(tmp), request.form.get("template") or None,
                                             request.files.get("feedback"))
            except DuizhaoError as err:
                return jsonify({"error": err.message, "code": err.code.name}), 400
        payload = [r["report"] if r["report"] else {"file": r["file"], "error": r["error"],
                                                    "code": r["code"]} for r in results]
        log.info("api/check: %d file(s)", len(payload))
        if len(payload) == 1 and "error" in payload[0]:
            return jsonify(payload[0]), 422
        return jsonify(payload if len(payload) > 1 else payload[0])

    @app.post("/api/review")
    def api_review():
        """What the page needs: per draft the HTML fragment and the annotated .docx (base64),
        and for several drafts the spreadsheet."""
        files = request.files.getlist("files")
        if not files:
            return jsonify({"error": "请先选择要审查的材料。", "code": "E001"}), 400
        with tempfile.TemporaryDirectory(prefix="duizhao-web-") as tmp:
            try:
                results, xlsx = _review_uploads(files, Path(tmp), request.form.get("template") or None,
                                                request.files.get("feedback"), page=True)
            except DuizhaoError as err:
                return jsonify({"error": err.message, "code": err.code.name}), 400
        log.info("api/review: %d file(s)", len(results))
        return jsonify({"results": results, "xlsx": xlsx})

    return app


def _trim() -> None:
    """Return freed memory to the system after each request: python-docx and lxml leave glibc
    arenas full of freed blocks that, across the server's threads, look like a leak (measured
    by benchmarks/load_test.py). A no-op where glibc's malloc_trim does not exist."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            import ctypes

            _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM = None


def _safe_name(name: str) -> str:
    return Path(name or "材料.txt").name.replace("\x00", "") or "材料.txt"


# Analysis is CPU-bound and holds the GIL: more analyses at once than cores only add memory
# (each keeps its document tree and segmentation alive). Uploads wait here instead.
_ANALYSIS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


def _review_uploads(files, tmp: Path, template, feedback_file, page: bool = False) -> tuple[list[dict], str | None]:
    """One result per upload (its JSON report, or its error) and, when `page`, the HTML fragment
    and the annotated .docx; with `page` and several uploads also the spreadsheet (base64)."""
    with _ANALYSIS:
        return _review_uploads_now(files, tmp, template, feedback_file, page)


def _review_uploads_now(files, tmp: Path, template, feedback_file, page: bool):
    from .batch import BatchResult, _review, attach_copies
    from .report import public, report_from_dict
    from .similarity import known_templates

    feedback = None
    if feedback_file and feedback_file.filename:
        feedback = tmp / ("feedback" + Path(_safe_name(feedback_file.filename)).suffix.lower())
        feedback_file.save(feedback)
    # every draft is compared with the shipped 范文, as `duizhao check` does; a review (the page)
    # compares the uploads with each other too, after analysis, as `duizhao batch` does
    options = {"project_config": False} | ({} if page else {"templates": known_templates([])})
    rows, paths = [], []
    for i, upload in enumerate(files):
        name = _safe_name(upload.filename)
        path = tmp / f"upload-{i}{Path(name).suffix.lower()}"
        upload.save(path)
        paths.append(path)
        # two uploads may share a name (材料.txt from two folders): the key tells them apart
        rows.append(_review(str(path), template, str(feedback) if feedback else None, options,
                            name=name, key=f"upload-{i}"))
    batch = BatchResult(rows)
    if page:  # before rendering, so that the page, the annotated copies and the spreadsheet agree
        batch.pairs = attach_copies(batch.rows, [])
    results = []
    for row, path in zip(rows, paths, strict=True):
        if not row.report:
            error = f"错误 {row.code}：{row.reason}" if row.code else row.reason
            results.append({"file": row.file, "report": None, "error": error, "code": row.code or None})
            continue
        entry = {"file": row.file, "report": public(row.report),
                 "error": None, "code": None}
        if page:
            from .render.annotate import annotate
            from .render.html import render_html

            report = report_from_dict(row.report)
            out = tmp / f"annotated-{row.key}.docx"
            annotate(report, path, out)
            entry |= {"html": render_html(report, standalone=False),
                      "annotated": base64.b64encode(out.read_bytes()).decode("ascii"),
                      "annotated_name": Path(row.file).stem + "-批注.docx"}
        results.append(entry)
    return results, _spreadsheet(batch, tmp) if page and len(rows) > 1 else None


def _spreadsheet(batch, tmp: Path) -> str:
    from .render.xlsx import write_xlsx

    out = tmp / "batch.xlsx"
    write_xlsx(batch, out)
    return base64.b64encode(out.read_bytes()).decode("ascii")


def serve(host: str = "127.0.0.1", port: int = 8765, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    from waitress import serve as waitress_serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "queue depth" on every busy moment
    waitress_serve(create_app(max_bytes), host=host, port=port, threads=8,
                   max_request_body_size=max_bytes + 1024 * 1024, ident="duizhao")


def _page_html(max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    from html import escape

    from .render.html import CSS as REPORT_CSS
    from .render.html import FILTER_SCRIPT
    from .templates import available_templates

    options = "".join(f'<option value="{escape(t.id)}">{escape(t.name)}</option>' for t in available_templates())
    return (_PAGE.replace("{{REPORT_CSS}}", REPORT_CSS).replace("{{OPTIONS}}", options)
            .replace("{{MAX_MB}}", _megabytes(max_bytes)).replace("{{FILTER_SCRIPT}}", FILTER_SCRIPT))


def _megabytes(max_bytes: int) -> str:
    return f"{max_bytes / 1048576:g}"


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>对照检查材料审查</title>
<style>{{REPORT_CSS}}
#drop{border:2px dashed #7a9cc6;border-radius:8px;padding:36px;text-align:center;background:#fff;cursor:pointer}
#drop.over{background:#eef3f9}
.controls{margin:14px 0;line-height:2.4}
button{font-size:15px;padding:6px 18px;cursor:pointer}
.result{background:#fff;border:1px solid #ddd;margin:18px 0;padding:12px 16px}
.error-box{background:#fdecea;border:1px solid #f5c2c0;color:#8a1c00;padding:10px;margin:10px 0}
.downloads a{margin-right:14px}
</style></head>
<body><main>
<h1>对照检查材料审查</h1>
<p class="meta">材料只在本机处理，不会上传到任何外部服务器。支持 .docx、.txt、.md，单次上传不超过 {{MAX_MB}} MB。</p>
<form id="form">
<div id="drop">把材料拖到这里，或 <label style="color:#1f5fa8;text-decoration:underline;cursor:pointer">点击选择文件
<input id="files" name="files" type="file" multiple accept=".docx,.txt,.md" style="display:none"></label>
<div id="picked" class="meta"></div></div>
<div class="controls">
模板：<select id="template" name="template"><option value="">自动识别</option>{{OPTIONS}}</select>
　<label style="cursor:pointer">巡视反馈意见（可选）：<u>选择文件</u>
<input id="feedback" name="feedback" type="file" accept=".docx,.txt,.toml" style="display:none"></label>
<span id="fbname" class="meta"></span>
　<button id="go" type="submit">开始审查</button> <span id="status" class="meta"></span>
</div></form>
<div id="batch" class="downloads"></div>
<div id="results"></div>
</main>
<script>
const drop = document.getElementById('drop'), input = document.getElementById('files');
let picked = [];
function show(){ document.getElementById('picked').textContent = picked.map(f => f.name).join('、'); }
input.addEventListener('change', () => { picked = [...input.files]; show(); });
document.getElementById('feedback').addEventListener('change', ev => {
  document.getElementById('fbname').textContent = ev.target.files[0] ? ev.target.files[0].name : ''; });
['dragenter','dragover'].forEach(e => drop.addEventListener(e, ev => { ev.preventDefault(); drop.classList.add('over'); }));
['dragleave','drop'].forEach(e => drop.addEventListener(e, ev => { ev.preventDefault(); drop.classList.remove('over'); }));
drop.addEventListener('drop', ev => { picked = [...ev.dataTransfer.files]; show(); });
function blobLink(b64, name, mime, text){
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const a = document.createElement('a'); a.href = URL.createObjectURL(new Blob([bytes], {type: mime}));
  a.download = name; a.textContent = text; return a;
}
document.getElementById('form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const status = document.getElementById('status'), results = document.getElementById('results');
  const batch = document.getElementById('batch');
  if (!picked.length) { status.textContent = '请先选择材料。'; return; }
  const data = new FormData();
  picked.forEach(f => data.append('files', f, f.name));
  data.append('template', document.getElementById('template').value);
  const fb = document.getElementById('feedback').files[0]; if (fb) data.append('feedback', fb, fb.name);
  status.textContent = '正在审查……'; results.innerHTML = ''; batch.innerHTML = '';
  let res, body;
  try { res = await fetch('/api/review', {method: 'POST', body: data}); body = await res.json(); }
  catch (e) { status.textContent = '审查失败：无法连接本机服务。'; return; }
  if (!res.ok) { status.textContent = ''; results.innerHTML = '<div class="error-box"></div>';
    results.firstChild.textContent = body.error || ('审查失败（' + res.status + '）'); return; }
  status.textContent = '审查完成：' + body.results.length + ' 份。';
  if (body.xlsx) batch.appendChild(blobLink(body.xlsx, '批量审查汇总.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '下载汇总表格（.xlsx）'));
  body.results.forEach(r => {
    const box = document.createElement('div'); box.className = 'result';
    if (r.error) { box.innerHTML = '<div class="error-box"></div>'; box.firstChild.textContent = r.error; }
    else {
      const links = document.createElement('div'); links.className = 'downloads';
      links.appendChild(blobLink(r.annotated, r.annotated_name,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '下载带批注的 Word 文档'));
      box.appendChild(links);
      const report = document.createElement('div'); report.innerHTML = r.html; box.appendChild(report);
      box.querySelectorAll('.filters input').forEach(i => i.addEventListener('change', () => applyFilters(box)));
    }
    results.appendChild(box);
  });
});
{{FILTER_SCRIPT}}</script></body></html>
"""
