"""`duizhao batch` on 1,000 drafts of which 5 % are hostile files.

    python benchmarks/batch_hostile.py [--drafts 1000] [--workers 2]

Hostile files: not-a-zip .docx, a zip that is no docx, an encrypted (OLE) .docx, a .doc renamed
.docx, a zip bomb, an entity-expansion document.xml, an empty file, random bytes as .txt. The
run must finish, every hostile file must be a 无法读取 row with a Chinese reason, every other
draft a review.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from batch import make_drafts  # noqa: E402

from analyzer.batch import CRASHED  # noqa: E402


def hostile_files() -> dict[str, bytes]:
    sample = (ROOT / "corpus" / "samples" / "org-life-party-member-teacher.docx").read_bytes()
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (300 * 1024 * 1024), 1)
            dst.writestr(item.filename, data)
    not_docx = io.BytesIO()
    with zipfile.ZipFile(not_docx, "w") as z:
        z.writestr("hello.txt", "hi")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entities = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                + "".join(f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 9))
                + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  '<w:body><w:p><w:r><w:t>&a8;</w:t></w:r></w:p></w:body></w:document>').encode()
    lol = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as src, zipfile.ZipFile(lol, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, entities if item.filename == "word/document.xml" else src.read(item.filename))
    rng = random.Random(0)
    return {
        "broken.docx": b"PK\x03\x04 not a zip at all",
        "not-a-docx.docx": not_docx.getvalue(),
        "encrypted.docx": ole + "EncryptedPackage".encode("utf-16-le"),
        "renamed-doc.docx": ole + "WordDocument".encode("utf-16-le"),
        "zip-bomb.docx": bomb.getvalue(),
        "entities.docx": lol.getvalue(),
        "empty.txt": b"",
        "random.txt": bytes(rng.randrange(256) for _ in range(4000)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    n_hostile = args.drafts // 20
    drafts = make_drafts(args.drafts - n_hostile, seed=1)
    kinds = hostile_files()
    with tempfile.TemporaryDirectory(prefix="duizhao-hostile-") as tmp:
        folder = Path(tmp) / "drafts"
        folder.mkdir()
        for i, text in enumerate(drafts):
            (folder / f"draft-{i:05d}.txt").write_text(text, encoding="utf-8")
        hostile = []
        names = sorted(kinds)
        for i in range(n_hostile):
            kind = names[i % len(names)]
            path = folder / f"hostile-{i:03d}-{kind}"
            path.write_bytes(kinds[kind])
            hostile.append(path.name)
        out = Path(tmp) / "report.xlsx"
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "batch", str(folder), "--out", str(out),
                               "--workers", str(args.workers)], capture_output=True, text=True, timeout=1800)
        wall = time.perf_counter() - start
        sheet = load_workbook(out)["汇总"]
        header = [c.value for c in sheet[1]]
        rows = [dict(zip(header, (c.value for c in r), strict=False)) for r in sheet.iter_rows(min_row=2)]
        rows = [r for r in rows if r["文件"]]
        status = {Path(r["文件"]).name: (r["状态"], r["原因"]) for r in rows}
        unreadable = {n for n, (s, _) in status.items() if s == "无法读取"}
        assert len(rows) == args.drafts, (len(rows), args.drafts)
        assert unreadable == set(hostile), sorted(unreadable ^ set(hostile))[:5]
        assert all(status[n][1] and not status[n][1].startswith(CRASHED) for n in hostile)
        print(f"{args.drafts} files ({n_hostile} hostile: {', '.join(names)}), {args.workers} workers: "
              f"finished in {wall:.1f} s; every hostile file is a 无法读取 row with a reason; "
              f"{len(rows) - len(unreadable)} drafts reviewed")
        print("   ", proc.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
