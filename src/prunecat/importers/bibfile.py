"""Import a .bib file as exported by Zotero, Google Scholar, DBLP or JabRef: one entry per paper.

The file is read as BibTeX reads it (see `prunecat.bibtex`), and no field's text changes on the way:
@string macros and `#` are resolved into the text, a lone month macro (`month = mar`) stays one,
`#` inside braces or quotes stays text. What belongs to no entry is left out and said so: @comment
blocks are dropped, @preamble blocks are not published, `%` comments inside entries are skipped.
Entries that cannot be read, that repeat a citation key or that fail the catalog's checks are
reported with file, line, field and a fix, never fatal. Labels are left empty: the papers show up
on the site as "not yet labelled" until a maintainer labels them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import bibtex
from ..entryfile import dump_entry
from ..keys import make_key
from ..load import validate_entry_text
from ..model import Catalog, normalize_title
from ..problems import Problem

# Fields worth keeping in the entry; the rest (abstract, file, keywords, ...) are exporter noise.
KEEP = (
    "title",
    "author",
    "editor",
    "booktitle",
    "journal",
    "volume",
    "number",
    "pages",
    "year",
    "month",
    "publisher",
    "school",
    "institution",
    "doi",
    "eprint",
    "archiveprefix",
    "primaryclass",
    "url",
    "note",
)
#: A DOI written as a link or with a `doi:` label: the DOI is what follows.
#: Entries skipped as already in the catalog listed on the terminal; the report lists them all.
MAX_SHOWN = 10
#: The line of an entry file written by `dump_entry({"bibtex": ..., ...})` where the BibTeX's `@` is.
_BIBTEX_FIRST_LINE = 3
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\S+)$", re.I)


@dataclass
class BibImport:
    entries: list[tuple[str, dict]] = field(default_factory=list)  # (paper key, entry fields), sorted by key
    skipped: list[str] = field(default_factory=list)  # titles already in the catalog (or earlier in the file)
    problems: list[str] = field(default_factory=list)  # one line each, `file:line: ...`, to print
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)  # paper key -> (citation key, 1-based line)
    report: str = ""  # Markdown import report


@dataclass
class _Notes:
    """What the report lists besides the new entries."""

    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message): entries not imported
    duplicates: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, key, title, same as what
    changes: list[tuple[int, str]] = field(default_factory=list)  # (line, message): left out or changed
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message): imported, but look


def import_bib_file(path: Path, catalog: Catalog, *, added: dt.date) -> BibImport:
    result, notes = BibImport(), _Notes()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("latin-1")
        line = raw[: exc.start].count(b"\n") + 1
        notes.changes.append(
            (
                line,
                f"not UTF-8 (byte {raw[exc.start]:#x}); the file was read as Latin-1: "
                "check accented names, or save the file as UTF-8",
            )
        )
    parsed = bibtex.parse_text(text)
    for error in parsed.errors:
        line = error.line + 1
        if error.kind == "repeated-key":
            notes.errors.append((line, f"entry repeats a citation key; skipped: {error}"))
        elif error.kind == "string":
            notes.errors.append((line, f"{error}; entries that use it are skipped"))
        else:
            reason = error.reason
            named = f"entry '{error.key}'" if error.key else "entry"
            notes.errors.append((line, f"{named} does not parse; skipped: {reason}"))
    _note_left_out(parsed, notes)
    if not parsed.entries and not parsed.errors:
        notes.errors.append(
            (1, "no BibTeX entry found: a .bib file holds entries such as @article{key, title = {...}, ...}")
        )

    seen = _known(catalog)
    taken = {p.key for p in catalog.papers}
    for entry in parsed.entries:
        paper = _paper(entry, catalog, added, seen, taken, notes)
        if paper is None:
            continue
        key, data, title = paper
        result.entries.append((key, data))
        result.origins[key] = (entry.key, entry.line + 1)
    result.entries.sort()
    result.skipped = [title for _, _, title, _ in notes.duplicates]
    result.problems = [f"{path}:{line}: {message}" for line, message in sorted(notes.errors)]
    result.problems += [f"{path}:{line}: {message}" for line, message in sorted(notes.changes)]
    result.problems += [f"{path}:{line}: {message}" for line, message in sorted(notes.warnings)]
    dropped = [
        f"{path}:{line}: entry '{key}' skipped: the same paper as {where}"
        for line, key, _, where in sorted(notes.duplicates)
    ]
    result.problems += dropped[:MAX_SHOWN]
    if len(dropped) > MAX_SHOWN:
        result.problems.append(
            f"{path}: {len(dropped) - MAX_SHOWN} more entries skipped as already there (--report FILE lists them all)"
        )
    result.report = _report(path, added, result, notes)
    return result


def _paper(
    entry: bibtex.BibEntry, catalog: Catalog, added: dt.date, seen: dict[str, str], taken: set[str], notes: _Notes
) -> tuple[str, dict, str] | None:
    """(key, entry data, title) of the new entry, or None with the reason noted."""
    line = entry.line + 1
    name = f"entry '{entry.key}'" if entry.key else "the entry without a citation key"
    bad = sorted((at, message) for field_name, (at, message) in entry.bad.items() if field_name.split("#")[0] in KEEP)
    if bad:
        at, message = bad[0]
        notes.errors.append((at + 1, f"{name} skipped: {message}"))
        return None
    fields = _kept_fields(entry, name, notes)
    title = bibtex.decode(fields.get("title", ""))
    if not title:
        notes.errors.append((line, f"{name} has no title; skipped: add title = {{...}}"))
        return None
    ids = {normalize_title(title), bibtex.arxiv_id(fields), fields.get("doi", "").strip().lower()} - {""}
    same = sorted(seen[i] for i in ids if i in seen)
    if same:
        notes.duplicates.append((line, entry.key, title, same[0]))
        return None
    key = make_key(fields.get("author", ""), fields.get("year", ""), title, taken)
    written = [n for n in KEEP if n in fields]
    text = entry_text(entry, key, fields)
    data = {"bibtex": text, "added": added}
    if not _passes_checks(data, key, written, entry, catalog, notes):
        return None
    taken.add(key)
    for i in ids:
        seen[i] = f"entry '{entry.key}' at line {line} of this file"
    return key, data, title


def entry_text(entry: bibtex.BibEntry, key: str, fields: dict[str, str] | None = None) -> str:
    """An entry as the catalog keeps it: the KEEP fields that have text (abstracts, keywords and
    other exporter noise left out), a DOI written as a link made the bare DOI, `key` as its key."""
    if fields is None:
        fields = {n: v for n, v in entry.fields.items() if n in KEEP and v.strip()}
        doi = _DOI_PREFIX.match(fields.get("doi", "").strip())
        if doi:
            fields["doi"] = doi.group(1)
    kind = re.sub(r"[^a-z]", "", entry.entry_type.lower()) or "misc"
    return bibtex.write_entry(kind, key, [(n, fields[n], n in entry.bare) for n in KEEP if n in fields])


def _kept_fields(entry: bibtex.BibEntry, name: str, notes: _Notes) -> dict[str, str]:
    """The fields worth keeping, non-empty; a DOI written as a link becomes the DOI (noted)."""
    fields = {n: v for n, v in entry.fields.items() if n in KEEP and v.strip()}
    doi = _DOI_PREFIX.match(fields.get("doi", "").strip())
    if doi:
        notes.changes.append(
            (
                entry.field_lines["doi"] + 1,
                f"{name}: doi '{fields['doi'].strip()}' written as '{doi.group(1)}' (the DOI without its link prefix)",
            )
        )
        fields["doi"] = doi.group(1)
    return fields


def _passes_checks(
    data: dict, key: str, written: list[str], entry: bibtex.BibEntry, catalog: Catalog, notes: _Notes
) -> bool:
    """The new entry checked as `catalog check` does: errors (entry skipped) and warnings noted at
    the line of the .bib file they are about."""
    name = f"entry '{entry.key}'" if entry.key else "the entry without a citation key"
    paper, problems = validate_entry_text(dump_entry(data), f"papers/{key}.yml", key, catalog.taxonomy)
    if paper is None:
        for p in problems:
            if p.severity == "error":
                notes.errors.append((_line_of(p, written, entry), f"{name} skipped: {p.message}"))
        return False
    for p in problems:
        notes.warnings.append((_line_of(p, written, entry), f"{name} imported as {key}, with a warning: {p.message}"))
    return True


def _line_of(problem: Problem, written: list[str], entry: bibtex.BibEntry) -> int:
    """The 1-based line in the .bib file of the field a check's problem is about, else of the entry.
    The entry file checked was written by `dump_entry` with one line per field (`written`, in order)
    from its third line on: the problem's line tells the field."""
    at = problem.line - _BIBTEX_FIRST_LINE - 1  # index into `written`
    if problem.field == "bibtex" and 0 <= at < len(written) and written[at] in entry.field_lines:
        return entry.field_lines[written[at]] + 1
    return entry.line + 1


def _known(catalog: Catalog) -> dict[str, str]:
    """Title, arXiv id and DOI of each paper in the catalog -> where it is."""
    out = {}
    for p in catalog.papers:
        for i in {normalize_title(p.title), p.arxiv, p.doi.lower()} - {""}:
            out.setdefault(i, f"papers/{p.key}.yml")
    return out


def _note_left_out(parsed: bibtex.BibText, notes: _Notes) -> None:
    """@comment, @preamble, @string and `%` comments: each said once, at its first line."""
    if parsed.comments:
        notes.changes.append(
            (
                parsed.comments[0] + 1,
                f"{_count(parsed.comments, '@comment block')} dropped"
                f"{_lines(parsed.comments)}: a comment belongs to no entry",
            )
        )
    if parsed.preambles:
        notes.changes.append(
            (
                parsed.preambles[0] + 1,
                f"{_count(parsed.preambles, '@preamble')} not published"
                f"{_lines(parsed.preambles)}: the catalog keeps entries only; if a field needs a "
                "command the preamble defines, write the field's text without it",
            )
        )
    if parsed.strings:
        names = sorted({n for _, n in parsed.strings}, key=str.lower)
        used = [n for n in names if n.lower() in parsed.used_strings]
        notes.changes.append(
            (
                parsed.strings[0][0] + 1,
                f"{_count(parsed.strings, '@string definition')}{_lines([at for at, _ in parsed.strings])}"
                f" resolved into the fields that use them"
                + (f" ({', '.join(used[:10])}{', ...' if len(used) > 10 else ''})" if used else "")
                + "; the definitions themselves are not kept",
            )
        )
    if parsed.percent:
        lines = [at for at, _ in parsed.percent]
        notes.changes.append(
            (
                lines[0] + 1,
                f"{_count(lines, '`%` comment')} inside entries skipped{_lines(lines)}: "
                "BibTeX itself stops reading an entry at a `%`; put comments outside entries",
            )
        )
    for line, key in parsed.hidden:
        notes.changes.append(
            (
                line + 1,
                f"entry '{key}' is read although `%` starts its line: a `%` does not hide an "
                "entry from BibTeX; delete the entry to leave it out",
            )
        )


def _count(items: list, what: str) -> str:
    return f"1 {what}" if len(items) == 1 else f"{len(items)} {what}s"


def _lines(lines: list[int]) -> str:
    """' (lines 3, 7, 9)' (1-based, at most 8 listed); '' for one line, which the message starts with."""
    if len(lines) < 2:
        return ""
    more = f" and {len(lines) - 8} more" if len(lines) > 8 else ""
    return f" (lines {', '.join(str(at + 1) for at in lines[:8])}{more})"


def _report(path: Path, added: dt.date, result: BibImport, notes: _Notes) -> str:
    out = [
        f"# Import of `{path.name}`",
        "",
        f"{len(result.entries)} new entries (added {added.isoformat()}), {len(notes.duplicates)} skipped as already "
        f"in the catalog or earlier in the file, {len(notes.errors)} not imported because of an error.",
        "",
    ]
    out += ["## New entries", ""]
    out += [
        f"- `{key}` from `{result.origins[key][0]}` (line {result.origins[key][1]})" for key, _ in result.entries
    ] or ["None."]
    out += ["", "## Skipped: already there", ""]
    out += [
        f"- line {line} `{key}`: “{title}”, same paper as {where}"
        for line, key, title, where in sorted(notes.duplicates)
    ] or ["None."]
    out += ["", "## Not imported: errors to fix", ""]
    out += [f"- line {line}: {message}" for line, message in sorted(notes.errors)] or ["None."]
    out += ["", "## Imported, with a warning", ""]
    out += [f"- line {line}: {message}" for line, message in sorted(notes.warnings)] or ["None."]
    out += ["", "## Left out or changed on the way", ""]
    out += [f"- line {line}: {message}" for line, message in sorted(notes.changes)] or ["Nothing."]
    return "\n".join(out) + "\n"
