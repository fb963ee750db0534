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


def test_a_killed_writers_temporary_file_is_removed_once_stale(tmp_path):
    """A writer killed between writing and renaming leaves its .tmp behind: the next write
    removes it once it is older than any write takes, and leaves a fresh one (a live writer's)."""
    import os
    import time

    from analyzer.lexicons import STALE_TMP_SECONDS

    stale = tmp_path / "index-abc.pickle.x1.tmp"
    fresh = tmp_path / "index-abc.pickle.x2.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - STALE_TMP_SECONDS - 60
    os.utime(stale, (old, old))
    write_cache(tmp_path / "index-abc.pickle", b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index-abc.pickle", fresh.name]
