"""Meeting templates (`lexicons/templates/*.toml`): required parts and categories.

A template is data. `--feedback FILE` builds one from an inspection team's feedback, whose
numbered headings become the categories.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import DuizhaoError, E
from .lexicons import LEXICONS

TEMPLATE_DIR = LEXICONS / "templates"


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    keywords: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    description: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    required_parts: tuple[str, ...]
    categories: tuple[Category, ...] = ()
    min_chars: int = 2000
    problem_share: float = 0.5
    year: int | None = None
    description: str = ""
    source: str = ""
    path: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _from_dict(data: dict, path: Path) -> Template:
    try:
        categories = tuple(
            Category(
                id=str(c["id"]), name=str(c["name"]),
                keywords=tuple(c.get("keywords", ())), themes=tuple(c.get("themes", ())),
                description=c.get("description", ""), examples=tuple(c.get("examples", ())),
            )
            for c in data.get("category", [])
        )
        return Template(
            id=str(data.get("id", path.stem)), name=str(data.get("name", path.stem)),
            required_parts=tuple(data.get("required_parts", ("problems", "causes", "measures"))),
            categories=categories, min_chars=int(data.get("min_chars", 2000)),
            problem_share=float(data.get("problem_share", 0.5)), year=data.get("year"),
            description=data.get("description", ""), source=data.get("source", ""),
            path=str(path),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DuizhaoError(E.E021, path, f"缺少或错误的字段 {exc}") from None


@cache
def load_template_file(path: Path) -> Template:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError:
        raise DuizhaoError(E.E020, path) from None
    except tomllib.TOMLDecodeError as exc:
        raise DuizhaoError(E.E021, path, str(exc)) from None
    return _from_dict(data, path)


def available_templates() -> list[Template]:
    return [load_template_file(p) for p in sorted(TEMPLATE_DIR.glob("*.toml"))]


def get_template(name_or_path: str) -> Template:
    """A template by id (file stem in lexicons/templates) or by a path to a TOML file."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.exists():
        return load_template_file(candidate.resolve())
    path = TEMPLATE_DIR / f"{name_or_path}.toml"
    if path.exists():
        return load_template_file(path)
    raise DuizhaoError(E.E020, name_or_path)


_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．])\s*(.+)$"
)


def template_from_feedback(path: str, base: Template) -> Template:
    """Build a template whose categories are the numbered headings of a feedback document.

    A `.toml` feedback file holds `[[category]]` tables like a template. Otherwise the file is
    read like a draft and each numbered heading (一、… / （一）… / 1.…) up to its first 。
    becomes a category; keywords are the heading's 、-separated phrases.
    """
    p = Path(path)
    if p.suffix.lower() == ".toml":
        feedback = load_template_file(p.resolve())
        return _with_categories(base, feedback.categories, p)
    from .read import read_document

    document = read_document(p)
    categories: list[Category] = []
    for paragraph in document.paragraphs:
        match = _HEADING_RE.match(paragraph.text)
        if not match:
            continue
        heading = re.split(r"[。；;：:]", match.group(1))[0].strip()
        heading = re.sub(r"^在?[“\"]?|[”\"]?等?方面.*$", "", heading).strip("“”\" ")
        if not heading or len(heading) > 80:
            continue
        keywords = tuple(k for k in re.split(r"[、，,和及与]", heading) if len(k) >= 2)
        categories.append(Category(id=f"feedback-{len(categories) + 1}", name=heading,
                                   keywords=keywords or (heading,), themes=()))
    if not categories:
        raise DuizhaoError(E.E022, p)
    return _with_categories(base, tuple(categories), p)


def _with_categories(base: Template, categories: tuple[Category, ...], path: Path) -> Template:
    return Template(
        id=f"{base.id}+feedback", name=f"{base.name}（按反馈意见 {path.name}）",
        required_parts=base.required_parts, categories=categories, min_chars=base.min_chars,
        problem_share=base.problem_share, year=base.year, description=base.description,
        source=str(path), path=base.path,
    )
