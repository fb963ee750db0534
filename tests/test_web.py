"""The local web page and JSON API (issue 6): Flask's test client for the API and its errors,
and a real headless Chromium for the page."""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import socket
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import EXEMPLARY, ROOT, SAMPLES

from analyzer import analyze
from analyzer.render.html import FILTER_SCRIPT, render_html
from analyzer.web import DEFAULT_MAX_BYTES, SCHEMA_DIR, _page_html, create_app

REPORT_SCHEMA = json.loads((SCHEMA_DIR / "report.schema.json").read_text(encoding="utf-8"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # every temporary folder lands here
    app = create_app(max_bytes=2 * 1024 * 1024)
    app.config["TESTING"] = True
    yield app.test_client()
    assert list(tmp_path.iterdir()) == [], "the request left files behind"


def upload(client, url, *files, **form):
    data = {"files": [(io.BytesIO(content), name) for name, content in files], **form}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_api_check_returns_the_cli_report(client):
    r = upload(client, "/api/check", ("镇长.docx", (SAMPLES / "xunshi-zhenggai-town-mayor.docx").read_bytes()))
    assert r.status_code == 200
    report = r.get_json()
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["file"] == "镇长.docx" and report["meeting_type"] == "巡视整改专题民主生活会"


def test_api_check_several_files_and_a_bad_one(client):
    r = upload(client, "/api/check", ("a.txt", EXEMPLARY.read_bytes()), ("b.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert r.status_code == 200
    first, second = r.get_json()
    assert first["verdict"] == "基本达标"
    assert second["code"] == "E004" and "另存为" in second["error"] and "b.doc" in second["error"]
    assert "duizhao-web" not in second["error"]  # no temporary path leaks


def test_a_crash_on_one_upload_is_its_row_not_a_500(client, monkeypatch):
    """The web page reviews uploads with batch's own review step: a bug hit by one file gives
    that file an error, as a batch row would, and the other uploads are still reviewed."""
    import analyzer.report

    real = analyzer.report.analyze

    def crashing(path, *args, **kwargs):
        if str(path).endswith("upload-1.txt"):
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(analyzer.report, "analyze", crashing)
    r = upload(client, "/api/check", ("a.txt", EXEMPLARY.read_bytes()), ("b.txt", EXEMPLARY.read_bytes()))
    assert r.status_code == 200
    first, second = r.get_json()
    assert first["verdict"] == "基本达标"
    assert "verdict" not in second and second["error"].startswith("审查出错") and second["code"] is None


@pytest.mark.parametrize("name, content, code", [
    ("病毒.exe", b"MZ\x90\x00", "E010"),
    ("扫描件.pdf", b"%PDF-1.4", "E006"),
    ("坏的.docx", b"PK\x03\x04broken", "E008"),
    ("空白.txt", b"", "E003"),
])
def test_api_check_rejects_unusable_files_in_chinese(client, name, content, code):
    r = upload(client, "/api/check", (name, content))
    assert r.status_code == 422
    body = r.get_json()
    assert body["code"] == code and name in body["error"] and body["error"].startswith(f"错误 {code}：")


def test_oversize_upload_gets_413(client):
    r = upload(client, "/api/check", ("big.txt", "很长的材料。".encode() * 400_000))
    assert r.status_code == 413 and "上限" in r.get_json()["error"]


def test_review_gives_html_annotated_docx_and_spreadsheet(client):
    r = upload(client, "/api/review", ("甲.txt", EXEMPLARY.read_bytes()),
               ("乙.docx", (SAMPLES / "weak-draft-street-office.docx").read_bytes()))
    body = r.get_json()
    assert r.status_code == 200 and len(body["results"]) == 2
    for result, verdict in zip(body["results"], ("基本达标", "不达标"), strict=True):
        assert f'id="verdict">{verdict}<' in result["html"], result["file"] if "file" in result else result.keys()
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(result["annotated"]))) as z:
            assert "word/comments.xml" in z.namelist()
    book = _workbook(body)
    assert book.sheetnames[0] == "汇总"
    assert {r["文件"]: r["结论"] for r in _sheet_rows(book["汇总"])} == {"甲.txt": "基本达标", "乙.docx": "不达标"}
    assert {r["file"]: r["report"]["verdict"] for r in body["results"]} == {"甲.txt": "基本达标", "乙.docx": "不达标"}
    details = _sheet_rows(book["问题明细"])
    for result in body["results"]:
        assert len([d for d in details if d["文件"] == result["file"]]) == len(result["report"]["findings"])


def _workbook(body):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(base64.b64decode(body["xlsx"])))


def _sheet_rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(min_row=2)]
    return [r for r in rows if r[header[0]] is not None]


def _verdict_in_html(html: str) -> str:
    return html.split('id="verdict">', 1)[1].split("<", 1)[0]


@pytest.mark.parametrize("names", [("材料.txt", "材料.txt"), ("甲.txt", "乙.txt")])
def test_copies_among_uploads_are_found_before_rendering(client, names):
    """Two copies of one draft, also both named 材料.txt (from two folders): the pair is found,
    and the page, the annotated copies and the spreadsheet all give the verdict with the copy."""
    body = upload(client, "/api/review", *((name, EXEMPLARY.read_bytes()) for name in names)).get_json()
    book = _workbook(body)
    pairs = [(p["材料"], p["雷同对象"], p["类型"]) for p in _sheet_rows(book["雷同"])]
    assert len(pairs) == 1 and set(pairs[0][:2]) == set(names) and pairs[0][2] == "材料之间"
    sheet = {r["文件"]: r for r in _sheet_rows(book["汇总"])}
    assert len(body["results"]) == 2 and set(sheet) == set(names)
    for result, other in zip(body["results"], reversed(names), strict=True):
        report, row = result["report"], sheet[result["file"]]
        copied = [f for f in report["findings"] if f["rule"] == "copied"]
        assert len(copied) == 1 and f"《{other}》" in copied[0]["message"]
        assert report["verdict"] != "基本达标"  # the copy is an error: it stops a pass
        assert _verdict_in_html(result["html"]) == row["结论"] == report["verdict"]
        assert 'data-rule="copied"' in result["html"]
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(result["annotated"]))) as z:
            assert "雷同" in z.read("word/comments.xml").decode("utf-8")
        jsonschema.validate(report, REPORT_SCHEMA)
        assert "paragraphs" not in report and "disabled" not in report


def test_different_drafts_with_the_same_name_are_not_a_copy(client):
    body = upload(client, "/api/review", ("材料.txt", EXEMPLARY.read_bytes()),
                  ("材料.txt", (SAMPLES / "weak-draft-street-office.txt").read_bytes())).get_json()
    assert _sheet_rows(_workbook(body)["雷同"]) == []
    assert [_verdict_in_html(r["html"]) for r in body["results"]] == ["基本达标", "不达标"]
    assert not any(f["rule"] == "copied" for r in body["results"] for f in r["report"]["findings"])


def test_api_check_compares_each_draft_with_the_fanwen_only(client):
    """/api/check reviews drafts one by one, as `duizhao check` does: two copies of one draft
    are not compared with each other, but a draft copied from a shipped 范文 is found, on the
    check and on the review page alike."""
    body = upload(client, "/api/check", ("材料.txt", EXEMPLARY.read_bytes()),
                  ("材料.txt", EXEMPLARY.read_bytes())).get_json()
    assert [r["verdict"] for r in body] == ["基本达标", "基本达标"]
    assert not any(f["rule"] == "copied" for r in body for f in r["findings"])
    fanwen = sorted((ROOT / "corpus" / "templates").glob("*.txt"))[0]
    for path in ("/api/check", "/api/review"):
        result = upload(client, path, ("抄的.txt", fanwen.read_bytes())).get_json()
        report = result if path == "/api/check" else result["results"][0]["report"]  # one upload: one object
        copied = [f for f in report["findings"] if f["rule"] == "copied"]
        assert len(copied) == 1 and f"《{fanwen.name}》" in copied[0]["message"], path


def test_html_escapes_draft_text(client):
    hostile = "某镇对照检查材料\n一、存在的问题\n（一）<script>alert(1)</script>学习不够。\n".encode()
    body = upload(client, "/api/review", ("x.txt", hostile)).get_json()
    html = body["results"][0]["html"]
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_openapi_document_is_valid(client):
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").get_json()
    validate(spec)
    assert "/api/check" in spec["paths"]


def test_page_needs_no_network(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html
    assert 'type="file"' in html


def test_page_states_the_configured_upload_limit(client):
    html = client.get("/").get_data(as_text=True)  # the fixture's app takes 2 MB
    assert "单次上传不超过 2 MB" in html and "20 MB" not in html
    assert "单次上传不超过 20 MB" in _page_html(DEFAULT_MAX_BYTES)


def test_page_filters_with_the_report_script(client):
    html = client.get("/").get_data(as_text=True)
    assert FILTER_SCRIPT in html and "applyFilters(box)" in html
    assert html.count("function applyFilters(") == 1 and html.count("classList.toggle('hidden'") == 1


# ----- a real browser ----------------------------------------------------------------------------

def check_filters(page, root: str) -> None:
    """Unticking one severity hides exactly its notes and un-highlights the text only they mark."""
    notes = page.locator(f"{root} .note")
    severities = notes.evaluate_all("ns => ns.map(n => n.dataset.sev)")
    marks = page.locator(f"{root} mark[data-f]")
    mark_sevs = marks.evaluate_all(
        "ms => ms.map(m => m.dataset.f.split(' ').map(id =>"
        " document.querySelector('" + root + " #f' + id).dataset.sev))")
    sev = next(sevs[0] for sevs in mark_sevs if len(set(sevs)) == 1)  # text marked for one severity only
    assert severities and page.locator(f"{root} .note.hidden").count() == 0
    page.locator(f"{root} .filters input[value='sev:{sev}']").uncheck()
    assert notes.evaluate_all("ns => ns.map(n => n.classList.contains('hidden'))") == [s == sev for s in severities]
    off = marks.evaluate_all("ms => ms.map(m => m.classList.contains('off'))")
    assert off == [all(s == sev for s in sevs) for sevs in mark_sevs] and any(off)
    page.locator(f"{root} .filters input[value='sev:{sev}']").check()
    assert page.locator(f"{root} .note.hidden").count() == 0 and page.locator(f"{root} mark.off").count() == 0


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server():
    from waitress.server import create_server

    server = create_server(create_app(), host="127.0.0.1", port=_free_port(), threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    time.sleep(0.2)
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed (.ci/run installs it)")
def test_page_end_to_end_in_headless_chromium(live_server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto(live_server + "/")
        page.set_input_files("#files", str(SAMPLES / "xunshi-zhenggai-town-mayor.docx"))
        page.click("#go")
        page.wait_for_selector("#results .verdict", timeout=60_000)
        expected = analyze(SAMPLES / "xunshi-zhenggai-town-mayor.docx", options={"project_config": False})
        assert page.inner_text("#results .verdict") == expected.verdict
        assert page.locator("#results .note").count() == len(expected.findings)
        check_filters(page, "#results .result")
        with page.expect_download() as download_info:
            page.click("text=下载带批注的 Word 文档")
        saved = tmp_path / "annotated.docx"
        download_info.value.save_as(saved)
        with zipfile.ZipFile(saved) as z:
            assert "word/comments.xml" in z.namelist()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web-page.png"), full_page=False)
        browser.close()


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed (.ci/run installs it)")
def test_standalone_report_filters_in_headless_chromium():
    from playwright.sync_api import sync_playwright

    report = analyze(SAMPLES / "weak-draft-street-office.txt")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content(render_html(report))
        check_filters(page, "main")
        browser.close()
