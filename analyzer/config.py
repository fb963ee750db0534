"""Per-unit settings: a `duizhao.toml` in the draft's folder or any parent, and `--allow` files.

    # duizhao.toml
    allow = ["青禾县", "柳湾村"]      # names and local terms never reported as typos or 提法
    disable = ["vague-measure"]      # rules this unit does not use
    template = "annual-2025"         # default template for drafts below this folder

An allow file is plain text, one term per line, `#` comments.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DuizhaoError, E
from .lexicons import read_lines

CONFIG_NAME = "duizhao.toml"


@dataclass
class ProjectConfig:
    path: str = ""
    allow: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    template: str | None = None


def find_project_config(draft: str | Path) -> ProjectConfig:
    """The nearest duizhao.toml at or above the draft's folder; empty settings when none."""
    folder = Path(draft).resolve().parent
    for candidate in [folder, *folder.parents]:
        path = candidate / CONFIG_NAME
        if path.is_file():
            return load_project_config(path)
    return ProjectConfig()


def load_project_config(path: Path) -> ProjectConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DuizhaoError(E.E023, path, str(exc)) from None
    allow = [str(t) for t in data.get("allow", [])]
    for extra in data.get("allow_files", []):
        allow += read_allow_file(path.parent / extra)
    from .rules import check_rule_ids

    disable = check_rule_ids([str(r) for r in data.get("disable", [])], f"{path} 的 disable")
    return ProjectConfig(str(path), allow, disable, data.get("template"))


def read_allow_file(path: str | Path) -> list[str]:
    p = Path(path)
    if not p.is_file():
        raise DuizhaoError(E.E001, p)
    return list(read_lines(p))
