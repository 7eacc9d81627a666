"""The Markdown import report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..core import Report
from .merge import ListPaper, primary_row
from .tables import Row


def md(value: object) -> str:
    """Text safe in a Markdown table cell or list item."""
    return str(value).replace("|", "\\|")


@dataclass
class ImportRun:
    """What one import read and produced, for its report."""

    markdown_path: Path
    authors_bib: Path | None
    added: dt.date
    rows: list[Row]
    merged: list[ListPaper]
    built: list[tuple[ListPaper, dict]]  # (paper, facts) of the papers not in the catalog yet
    entries: list[tuple[str, dict]]
    skipped: list[str]
    warnings: list[str]


def render_report(run: ImportRun, report: Report) -> str:
    fix_kinds: dict[str, list] = defaultdict(list)
    for kind, line, title, message in report.fixes:
        fix_kinds[kind].append((line, title, message))
    sus_kinds: dict[str, list] = defaultdict(list)
    for kind, message in report.suspicions:
        if message not in sus_kinds[kind]:
            sus_kinds[kind].append(message)
    merges = [p for p in run.merged if len(p.rows) > 1]
    no_authors = [d for _, d in run.built if not d["authors"] and d.get("key")]
    out = _summary(run, report, fix_kinds, sus_kinds, merges, no_authors)
    out += _fixes(fix_kinds) + _merges(run, merges) + _suspicions(sus_kinds) + _without_authors(no_authors)
    out += _tasks(report) + _rest(run, report)
    return "\n".join(out) + "\n"


def _summary(
    run: ImportRun, report: Report, fix_kinds: dict, sus_kinds: dict, merges: list, no_authors: list
) -> list[str]:
    out = [
        f"# Import report: {Path(run.markdown_path).name}",
        "",
        f"- list: `{run.markdown_path}`",
        f"- authors: `{run.authors_bib}`" if run.authors_bib else "- authors: none given",
        f"- added: {run.added.isoformat()}",
        "",
        "## Summary",
        "",
        "| what | count |",
        "| --- | ---: |",
        f"| table rows read | {len(run.rows)} |",
        f"| distinct papers | {len(run.merged)} |",
        f"| new entries written | {len(run.entries)} |",
        f"| skipped, already in the catalog | {len(run.skipped)} |",
        f"| merges (papers listed in more than one row) | {len(merges)} |",
        f"| rows merged into another row's paper | {sum(len(p.rows) - 1 for p in merges)} |",
        f"| fixes | {len(report.fixes)} |",
    ]
    out += [f"| fixes: {md(kind)} | {len(items)} |" for kind, items in sorted(fix_kinds.items())]
    return out + [
        f"| suspicions | {sum(len(v) for v in sus_kinds.values())} |",
        f"| new papers without authors | {len(no_authors)} |",
        f"| task phrases not mapped (→ `other`) | {len(report.unmapped)} |",
        f"| task phrases too vague (skipped) | {len(report.vague)} |",
        f"| odd rows and cells | {len(report.odd)} |",
        f"| validation warnings on new entries | {len(run.warnings)} |",
        "",
    ]


def _fixes(fix_kinds: dict) -> list[str]:
    out = ["## Fixes", "", "Safe repairs made while reading the list.", ""]
    for kind, items in sorted(fix_kinds.items()):
        out += [f"### {kind} ({len(items)})", ""]
        out += [f"- line {line} “{md(title)}”: {md(message)}" for line, title, message in sorted(items)]
        out.append("")
    return out


def _merges(run: ImportRun, merges: list[ListPaper]) -> list[str]:
    key_of = {id(d["paper"]): d.get("key", "") for _, d in run.built}
    out = [
        "## Merges",
        "",
        "Rows of one paper (same normalised title, or same arXiv id and clearly the same title) "
        "became one entry carrying the union of their labels, codes and tasks.",
        "",
    ]
    for p in sorted(merges, key=lambda p: min(r.line for r in p.rows)):
        how = "same arXiv id" if p.via_arxiv else "same title"
        sections = [r.section for r in p.rows]
        if len(set(sections)) < len(sections):
            how += "; duplicate rows within one section"
        out.append(f"- **{md(primary_row(p).title)}** → `{key_of.get(id(p)) or 'not written'}` ({how}):")
        out += [f"  - line {r.line} “{md(r.title)}” — {md(r.section)}" for r in sorted(p.rows, key=lambda r: r.line)]
    out.append("")
    return out


def _suspicions(sus_kinds: dict) -> list[str]:
    out = ["## Suspicions", "", "Things that look wrong in the list and need a maintainer's eye.", ""]
    for kind, items in sorted(sus_kinds.items()):
        out += [f"### {kind} ({len(items)})", ""] + [f"- {md(m)}" for m in items] + [""]
    return out


def _without_authors(no_authors: list[dict]) -> list[str]:
    out = [
        "## Papers without authors",
        "",
        "Not found in the authors file; the entries have no `author` field "
        "(`catalog check` warns) until someone adds it.",
        "",
    ]
    out += [f"- `{d['key']}`: “{md(d['title'])}” (line {d['primary'].line})" for d in no_authors] or ["- none"]
    return out + [""]


def _tasks(report: Report) -> list[str]:
    out = ["## Task phrases", "", "### Not mapped: became `other`", ""]
    out += [f"- “{md(k)}”: lines {', '.join(map(str, v))}" for k, v in sorted(report.unmapped.items())] or ["- none"]
    out += ["", "### Too vague: skipped", ""]
    out += [f"- “{md(k)}”: lines {', '.join(map(str, v))}" for k, v in sorted(report.vague.items())] or ["- none"]
    return out + [""]


def _rest(run: ImportRun, report: Report) -> list[str]:
    """Odd rows, notes, skipped papers and validation warnings."""
    out = ["## Odd rows and cells", ""]
    out += [f"- line {line}: {md(message)}" for line, message in sorted(report.odd)] or ["- none"]
    out.append("")
    if report.notes:
        out += ["## Notes", ""] + [f"- {md(n)}" for n in report.notes] + [""]
    out += ["## Skipped: already in the catalog", ""]
    out += [f"- {md(s)}" for s in run.skipped] or ["- none"]
    out.append("")
    out += ["## Validation warnings on new entries", ""]
    out += [f"- {md(w)}" for w in run.warnings] or ["- none"]
    return out
