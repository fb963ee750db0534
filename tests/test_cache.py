"""The on-disk caches (jieba's dictionary, the phrase index, the theme model) are written by
whichever process needs them first; several may do so at once."""

from __future__ import annotations

import multiprocessing

from analyzer.lexicons import write_cache


def _write_many(path: str, payload: bytes, n: int) -> None:
    from pathlib import Path

    for _ in range(n):
        write_cache(Path(path), payload)


def test_concurrent_writers_of_one_cache_never_fail(tmp_path):
    path = tmp_path / "index-abc.pickle"
    (tmp_path / "index-old.pickle").write_bytes(b"stale")       # an older version: removed
    payloads = [bytes([65 + i]) * 20_000 for i in range(4)]
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_write_many, args=(str(path), p, 1_000)) for p in payloads]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]                # a FileNotFoundError exits 1
    assert path.read_bytes() in payloads                          # whole, never a mix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index-abc.pickle"]
