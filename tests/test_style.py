"""The code is ruff clean (the rules in pyproject.toml), checked by the same test run CI makes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not shutil.which("ruff"), reason="ruff is not installed (pip install -e '.[test]')")
def test_ruff_is_clean():
    done = subprocess.run(["ruff", "check", "--no-cache", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
