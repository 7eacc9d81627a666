"""The Markdown report of one list import: what was read, added, matched, set aside, and why."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .pipeline import ListImport


def render(result: ListImport, path: Path, format_name: str) -> str:
    src = result.source
    in_scope = result.read - len(result.out_of_scope)
    out = [
        f"# Import report: {src.name}",
        "",
        f"- list: `{path.name}`, format `{format_name}`, source id `{src.id}` ({src.url}, snapshot {src.snapshot or '?'})",
        f"- `added` of the new entries: {src.date.isoformat() if src.date else 'the day of the import'} (the snapshot's date)",
        "- new entries go to `catalog/incoming/`; a curator completes each (paper read, facts checked,",
        "  summary, five axes) and `catalog promote` moves it into `catalog/papers/`.",
        "",
        "## Summary",
        "",
        "| what | count |",
        "| --- | ---: |",
        f"| papers read from the list | {result.read} |",
        f"| outside the catalog's scope (not imported) | {len(result.out_of_scope)} |",
        f"| in scope | {in_scope} |",
        f"| rows repeating an earlier row of the list (merged into it) | {len(result.repeats)} |",
        f"| already in the catalog or the queue (merged, nothing written) | {len(result.merged)} |",
        f"| new entries written to incoming/ | {len(result.entries)} |",
        f"| in scope but not imported (see below) | {len(result.dropped)} |",
        "",
        "## New entries",
        "",
    ]
    out += [f"- `{key}`: {_md(fields_title(fields))}" for key, fields in result.entries] or ["- none"]
    out += ["", "## Already in the catalog or the queue", ""]
    out += [
        f"- line {m.paper.line}: {_md(m.paper.title)} → `{m.key}`"
        + (f"; the list also gives: {_md('; '.join(m.adds))}" if m.adds else "")
        for m in sorted(result.merged, key=lambda m: m.paper.line)
    ] or ["- none"]
    out += ["", "## Outside the catalog's scope", ""]
    by_reason: dict[str, list] = defaultdict(list)
    for p in result.out_of_scope:
        by_reason[p.out_of_scope].append(p)
    for reason in sorted(by_reason, key=lambda r: (-len(by_reason[r]), r)):
        out.append(
            f"- **{_md(reason)}** ({len(by_reason[reason])}): "
            + "; ".join(f"line {p.line} {_md(p.title)}" for p in by_reason[reason])
        )
    if not by_reason:
        out.append("- none")
    out += ["", "## Rows repeating an earlier row", ""]
    out += [f"- line {p.line} repeats line {first.line}: {_md(p.title)}" for p, first in result.repeats] or ["- none"]
    out += ["", "## In scope, not imported", ""]
    out += [f"- line {line}: {_md(why)}" for line, why in result.dropped] or ["- none"]
    out += ["", "## Warnings of the new entries (as `catalog check` gives them)", ""]
    out += [f"- {_md(w)}" for w in result.warnings] or ["- none"]
    return "\n".join(out) + "\n"


def fields_title(fields: dict) -> str:
    from ... import bibtex

    return bibtex.decode(bibtex.parse_entry(fields["bibtex"]).get("title"))


def _md(text: str) -> str:
    """Text in a Markdown list item: the characters Markdown would read as syntax escaped."""
    return (
        str(text).replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
    )
