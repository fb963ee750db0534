"""Coverage-guided fuzzing of the .docx reader with atheris (outside CI).

    pip install atheris
    python benchmarks/fuzz/fuzz_docx.py -max_total_time=300 benchmarks/fuzz/corpus

Seeds are the shipped .docx samples (copied into the corpus folder on first run). Every input is
read with `read_document`; a DuizhaoError (the Chinese error) is the expected way to refuse, any
other exception is a crash: libFuzzer stops and writes the input as crash-*, which becomes a
regression test in tests/test_hostile.py.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import atheris  # noqa: E402

with atheris.instrument_imports():
    from analyzer.errors import DuizhaoError
    from analyzer.read import read_document

TMP = Path(tempfile.mkdtemp(prefix="duizhao-fuzz-"))
TARGET = TMP / "input.docx"


def test_one_input(data: bytes) -> None:
    TARGET.write_bytes(data)
    try:
        read_document(TARGET, convert_legacy=False)
    except DuizhaoError:
        pass


def main() -> None:
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None and not corpus.exists():
        corpus.mkdir(parents=True)
        for sample in (ROOT / "corpus" / "samples").glob("*.docx"):
            shutil.copy(sample, corpus / sample.name)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
