"""The review of one draft as one plain data object, and `analyze()`, the product's entry point."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from .config import find_project_config
from .context import SELF_CRITICAL_PARTS, Context
from .coverage import category_coverage, heading_fit, map_items
from .errors import DuizhaoError
from .model import CategoryResult, Document, Finding, Paragraph, Structure
from .read import read_document
from .rules import Hit, all_rules, check_rule_ids
from .score import score
from .structure import parse_structure, part_names
from .templates import Template, get_template, template_from_feedback

SCHEMA_VERSION = "1"
# Report fields outside the published schema: what batch workers send along so that the report
# can be rebuilt (`report_from_dict`) and completed (`add_findings`) in the parent process.
INTERNAL_FIELDS = ("paragraphs", "disabled")


@dataclass
class Report:
    file: str
    title: str
    meeting_type: str
    meeting_year: int | None
    role: str
    template: str
    template_name: str
    verdict: str
    score: dict[str, int]
    sections: list[dict]
    categories: list[CategoryResult]
    findings: list[Finding]
    stats: dict = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list, repr=False)
    disabled: list[str] = field(default_factory=list, repr=False)  # rule ids not run, config included

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self, with_paragraphs: bool = False) -> dict:
        data = asdict(self)
        data["schema_version"] = SCHEMA_VERSION
        return data if with_paragraphs else public(data)


def public(data: dict) -> dict:
    """A report dict as the schema publishes it: without the INTERNAL_FIELDS a batch worker's
    dict carries."""
    return {k: v for k, v in data.items() if k not in INTERNAL_FIELDS}


def pick_template(structure: Structure, template: str | Template | None) -> Template:
    """The template named by the user, else the detected meeting type's best-fitting one."""
    if isinstance(template, Template):
        return template
    if template:
        return get_template(template)
    candidates = []
    for template_id in structure.candidate_templates:
        if not template_id:
            continue
        try:
            candidates.append(get_template(template_id))
        except DuizhaoError:
            continue  # e.g. a 2022年度 draft: no template of its own, fall back to the next
    if not candidates:
        return get_template("generic")
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda t: heading_fit(structure, t))


def analyze(source: str | os.PathLike | Document, template: str | Template | None = None,
            feedback: str | None = None, options: dict | None = None) -> Report:
    """Review one draft.

    `source` is a path (.docx/.txt/.md) or a Document; `template` an id, a TOML path or a
    Template (default: chosen from the detected meeting type); `feedback` a file of inspection
    feedback whose headings become the categories; `options` may hold `allow` (terms never
    reported), `disable` (rule ids). A duizhao.toml above a path source adds its settings.
    Raises DuizhaoError for unusable input.
    """
    options = dict(options or {})
    check_rule_ids(options.get("disable", ()))
    document = source if isinstance(source, Document) else read_document(source)
    if not isinstance(source, Document) and options.get("project_config", True):
        config = find_project_config(source)
        options["allow"] = [*config.allow, *options.get("allow", ())]
        options["disable"] = [*config.disable, *options.get("disable", ())]
        template = template or config.template
    structure = parse_structure(document)
    chosen = pick_template(structure, template)
    if feedback:
        chosen = template_from_feedback(feedback, chosen)
    mappings = map_items(document, structure, chosen)
    categories = category_coverage(mappings, chosen)
    ctx = Context(document, structure, chosen, mappings, categories, options)
    findings = run_rules(ctx)
    scores, verdict = score(findings)
    names = part_names()
    return Report(
        file=document.path, title=structure.title, meeting_type=structure.meeting_type,
        meeting_year=structure.meeting_year, role=structure.role, template=chosen.id,
        template_name=chosen.name, verdict=verdict, score=scores,
        sections=[{"name": names.get(s.part, s.name), "part": s.part, "heading": s.heading,
                   "paragraph": s.paragraph, "items": len(s.items),
                   "declared_count": s.declared_count} for s in structure.sections],
        categories=categories, findings=findings, stats=_stats(ctx),
        paragraphs=[p.text for p in document.paragraphs],
        disabled=sorted(set(options.get("disable", ()))),
    )


def report_from_dict(data: dict) -> Report:
    """A Report back from `Report.to_dict(with_paragraphs=True)` (batch workers send dicts)."""
    fields = {k: data[k] for k in Report.__dataclass_fields__ if k in data}
    fields["categories"] = [CategoryResult(**c) for c in data["categories"]]
    fields["findings"] = [Finding(**{k: f[k] for k in Finding.__dataclass_fields__ if k in f})
                          for f in data["findings"]]
    return Report(**fields)


def add_findings(report: Report, rule_id: str, hits: Iterable[Hit]) -> list[Finding]:
    """Add to `report` the findings of rule `rule_id` found after `analyze()` (batch copy
    detection compares drafts with each other), exactly as `analyze()` would have made them:
    nothing when the rule is disabled for this draft, offsets clipped, the part filled in; the
    score and verdict are recomputed once. Returns the findings added."""
    if rule_id in report.disabled:
        return []
    hits = list(hits)
    if not hits:
        return []
    document = Document(report.file, [Paragraph(i, t) for i, t in enumerate(report.paragraphs)])
    # _finding needs only the paragraphs and the parts; the structure is parsed from the text
    # alone, so it is the one the draft was analysed with.
    ctx = Context(document, parse_structure(document), None, [], [])
    severity = all_rules()[rule_id].severity
    added = [_finding(ctx, rule_id, severity, hit) for hit in hits]
    report.findings = sorted([*report.findings, *added], key=_order)
    report.score, report.verdict = score(report.findings)
    return added


def analyze_text(text: str, name: str = "草稿.txt", **kwargs) -> Report:
    """Review a draft given as a string (one paragraph per line)."""
    from .read import clean_line

    lines = [clean_line(line) for line in text.splitlines()]
    paragraphs = [Paragraph(i, t) for i, t in enumerate(line for line in lines if line)]
    return analyze(Document(name, paragraphs, "utf-8"), **kwargs)


def run_rules(ctx: Context, only: set[str] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    disabled = set(ctx.options.get("disable", ()))
    for rule in all_rules().values():
        if rule.id in disabled or (only is not None and rule.id not in only):
            continue
        for hit in rule.check(ctx):
            findings.append(_finding(ctx, rule.id, rule.severity, hit))
    findings.sort(key=_order)
    return findings


def _order(f: Finding) -> tuple:
    return (-1 if f.paragraph is None else f.paragraph, f.start, f.rule)


def _finding(ctx: Context, rule_id: str, severity: str, hit: Hit) -> Finding:
    if hit.paragraph is None:
        return Finding(rule_id, hit.severity or severity, None, 0, 0, "", hit.message,
                       hit.suggestion, "")
    text = ctx.text(hit.paragraph)
    start = max(0, min(hit.start, len(text)))
    end = max(start, min(hit.end, len(text)))
    return Finding(rule_id, hit.severity or severity, hit.paragraph, start, end, text[start:end],
                   hit.message, hit.suggestion, ctx.structure.part_of(hit.paragraph))


def _stats(ctx: Context) -> dict:
    total = sum(len(p.text) for p in ctx.document.paragraphs) or 1
    core = sum(ctx.part_chars.get(p, 0) for p in SELF_CRITICAL_PARTS)
    problems = ctx.structure.section("problems")
    return {
        "chars": ctx.document.char_count,
        "paragraphs": len(ctx.document.paragraphs),
        "problem_items": len(problems.items) if problems else 0,
        "problem_share": round(core / total, 3),
        "categories_covered": sum(1 for c in ctx.categories if c.status == "covered"),
        "categories_total": len(ctx.categories),
        "encoding": ctx.document.encoding,
        **ctx.stats,
    }
