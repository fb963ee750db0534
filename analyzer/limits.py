"""Input limits, documented in README "Robustness"; override with environment variables."""

from __future__ import annotations

import os


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


# Largest input file accepted (bytes).
MAX_FILE_BYTES = _env_int("DUIZHAO_MAX_FILE_BYTES", 50 * 1024 * 1024)
# Largest total uncompressed size of a .docx's parts; checked from the zip directory before
# anything is inflated, so a zip bomb is refused without being expanded.
MAX_DOCX_UNCOMPRESSED = _env_int("DUIZHAO_MAX_DOCX_UNCOMPRESSED", 200 * 1024 * 1024)
# Largest text analysed (characters); longer drafts are refused with E012.
MAX_TEXT_CHARS = _env_int("DUIZHAO_MAX_TEXT_CHARS", 1_000_000)
