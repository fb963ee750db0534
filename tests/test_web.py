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
from conftest import EXEMPLARY, SAMPLES

from analyzer.web import SCHEMA_DIR, create_app

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
    assert body["code"] == code and name in body["error"] and "错误" in body["error"]


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
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(base64.b64decode(body["xlsx"])))
    assert book.sheetnames[0] == "汇总"


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


# ----- a real browser ----------------------------------------------------------------------------

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
        assert page.inner_text("#results .verdict") in ("不达标", "需修改", "基本达标")
        assert page.locator("#results .note").count() >= 1
        with page.expect_download() as download_info:
            page.click("text=下载带批注的 Word 文档")
        saved = tmp_path / "annotated.docx"
        download_info.value.save_as(saved)
        with zipfile.ZipFile(saved) as z:
            assert "word/comments.xml" in z.namelist()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web-page.png"), full_page=False)
        browser.close()
