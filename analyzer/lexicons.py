"""Loading of the data in `lexicons/` and `corpus/`: read once per process, then cached."""

from __future__ import annotations

import contextlib
import os
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = Path(os.environ.get("DUIZHAO_LEXICONS", ROOT / "lexicons"))
CORPUS = Path(os.environ.get("DUIZHAO_CORPUS", ROOT / "corpus"))


def lexicon_path(name: str) -> Path:
    return LEXICONS / name


@cache
def load_toml(name: str) -> dict:
    """Parse `lexicons/<name>` (TOML) once."""
    with lexicon_path(name).open("rb") as fh:
        return tomllib.load(fh)


def read_lines(path: Path) -> list[str]:
    """Non-empty lines of a TXT data file, `#` comment lines dropped."""
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@cache
def load_lines(name: str) -> tuple[str, ...]:
    return tuple(read_lines(lexicon_path(name)))


def cache_dir() -> Path:
    """Where derived artefacts (trained model, jieba cache) live; never inside the inputs."""
    base = os.environ.get("DUIZHAO_CACHE") or os.environ.get("XDG_CACHE_HOME")
    path = Path(base) / "duizhao" if base else Path.home() / ".cache" / "duizhao"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir()) / "duizhao-cache"
        path.mkdir(parents=True, exist_ok=True)
    return path


STALE_TMP_SECONDS = 600  # no cache takes this long to write


def _age(path: Path) -> float:
    import time

    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file atomically and remove older versions of it (same name before the
    last '-'), so the cache directory does not grow with every lexicon change. Several
    processes may build the same cache at once (a check beside a running server): each writes
    its own temporary file, and a cache that cannot be written is only a slower next start."""
    import tempfile

    prefix = path.name.rsplit("-", 1)[0] + "-"
    for old in path.parent.glob(prefix + "*"):
        # another process's temporary file is left alone, unless it is so old that its writer
        # was killed before it could rename or remove it
        if old != path and (not old.name.endswith(".tmp") or _age(old) > STALE_TMP_SECONDS):
            with contextlib.suppress(OSError):
                old.unlink()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
