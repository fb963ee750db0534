from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))  # tests reuse the benchmarks' draft generators

SAMPLES = ROOT / "corpus" / "samples"
SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "xunshi-zhenggai-township-secretary.txt"
CORPUS_XUNSHI = SAMPLES / "xunshi-zhenggai-town-mayor.txt"
EXEMPLARY = SAMPLES / "2025-annual-exemplary-county-bureau-director.txt"


@pytest.fixture
def shared_sample() -> Path:
    if not SHARED_SAMPLE.exists():
        pytest.skip("../shared/samples is not present")
    return SHARED_SAMPLE


def run_cli(*args: str):
    """Run the click group in-process; returns the click Result (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from cli import main

    return CliRunner().invoke(main, list(args))
