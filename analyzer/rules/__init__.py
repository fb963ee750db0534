"""Rule registry: every check is a small module that registers one rule with `@rule(...)`.

A rule's metadata (id, severity, why, a bad and a good example) is its documentation:
`duizhao rules` prints it and one parametrised test runs every example.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from ..model import Severity


@dataclass(frozen=True)
class Hit:
    """What a rule reports: a span inside a paragraph (or paragraph None for the whole draft)."""

    paragraph: int | None
    start: int
    end: int
    message: str
    suggestion: str = ""
    severity: Severity | None = None  # overrides the rule's default when set


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    why: str
    bad: str
    good: str
    check: Callable[..., Iterable[Hit]]
    template: str | None = None  # template the examples are written for
    example_options: dict | None = None  # analyze() options the examples need (e.g. 范文)


REGISTRY: dict[str, Rule] = {}


def rule(id: str, severity: Severity, title: str, why: str, bad: str, good: str,
         template: str | None = None, example_options: dict | None = None):
    """Register the decorated `check(ctx) -> Iterable[Hit]` under `id`."""

    def register(check: Callable[..., Iterable[Hit]]):
        if id in REGISTRY:
            raise ValueError(f"rule {id} registered twice")
        REGISTRY[id] = Rule(id, severity, title, why, bad.strip("\n"), good.strip("\n"), check,
                            template, example_options)
        return check

    return register


# One module per rule; the order here is the order of `duizhao rules`.
_MODULES = (
    "missing_section", "missing_category", "weak_category", "count_mismatch", "numbering",
    "too_short", "problem_share", "previous_rectification", "typo", "term", "punctuation",
    "boilerplate", "not_specific", "excuse", "objective_cause", "misplaced", "not_self",
    "praise_in_problems", "unmatched_problem", "vague_measure", "duplicate", "copied",
)


def check_rule_ids(ids, where: str = "") -> list[str]:
    """`ids` as a list when every one names a rule; else DuizhaoError E024 for the first that
    does not (`where`: where it was written, e.g. a duizhao.toml), so that a misspelt id never
    silently switches nothing off."""
    from ..errors import DuizhaoError, E

    known = all_rules()
    for rule_id in ids:
        if rule_id not in known:
            raise DuizhaoError(E.E024, rule_id, f"（{where}）" if where else "")
    return list(ids)


_LOADING = threading.Lock()
_LOADED = False


def all_rules() -> dict[str, Rule]:
    """Every registered rule, importing the rule modules on first use (once, thread-safely:
    the web server reviews several uploads at the same time)."""
    global _LOADED
    if not _LOADED:
        with _LOADING:
            if not _LOADED:
                for name in _MODULES:
                    import_module(f"{__name__}.{name}")
                _LOADED = True
    return REGISTRY
