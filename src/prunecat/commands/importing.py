"""`catalog import FILE`: new papers from another list become entries.

The survey's own awesome list (`.md`, the default for Markdown) and `.bib` files write entries into
papers/; the other public lists (`--format`, see importers/lists) write theirs into the incoming/
queue, where curators complete them before `catalog promote` takes them into the catalog."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import datetime as dt
import os
from pathlib import Path

from .. import exclusions
from ..entryfile import dump_entry
from ..files import Interrupted, after_writing, check_folder, check_target, write_new_entries
from ..load import load_catalog
from ..problems import UserError
from ..importers.lists import FORMATS as LIST_FORMATS
from ..problems import did_you_mean
from .options import date_arg

#: The largest list file read (the biggest public list here is under 1 MB).
LIST_CAP = 32 * 1024 * 1024
#: Dropped rows shown on stdout; the rest are counted (all are in the --report file).
SHOWN_DROPPED = 20


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="import papers from an awesome-list README (.md) or a .bib file")
    parser.add_argument("file", help="the README.md of an awesome list, or a .bib file (Zotero, Scholar, DBLP, JabRef)")
    parser.add_argument("--authors", help="a .bib file with author lists to merge in by title or arXiv id")
    parser.add_argument(
        "--added",
        type=date_arg,
        default=None,
        help="date added for new entries (default: the --source snapshot's date, else today)",
    )
    parser.add_argument("--report", help="write the import report (Markdown) to this file")
    parser.add_argument(
        "--format",
        choices=sorted(LIST_FORMATS),
        help="the format of another public list (its new papers go to incoming/); "
        + "; ".join(f"{name}: {what}" for name, (_, what) in sorted(LIST_FORMATS.items())),
    )
    parser.add_argument("--source", help="with --format: the list's id under `sources:` in taxonomy.yml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..importers import awesome_list, bibfile

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"no such file: {source}")
    kind = source.suffix.lower()
    if not args.format and kind in (".md", ".markdown"):
        args.format = _detected(source)
    if args.format:
        return _run_list(args, source)
    if args.source:
        raise UserError("--source goes with --format (the list's format); see `catalog import --help`")
    args.added = args.added or dt.date.today()
    if kind not in (".md", ".markdown", ".bib"):
        raise UserError(
            f"cannot import {source.suffix or 'this'} files; give an awesome-list README (.md) or a .bib file"
        )
    report_target = _check_report(args, source) if args.report else None
    check_folder(args.root / "papers")  # where the entries go: checked before any work, too
    catalog = load_catalog(args.root)
    if kind in (".md", ".markdown"):
        result = awesome_list.import_awesome_list(
            source,
            catalog,
            authors_bib=Path(args.authors) if args.authors else None,
            added=args.added,
        )
    else:
        result = bibfile.import_bib_file(source, catalog, added=args.added)
        for problem in result.problems:
            print(problem)
    report = None
    if args.report:
        text = getattr(result, "report", None) or _plain_report(source, args.added, result)
        report = (Path(args.report), text)
    written = _write(args, result.entries, report, report_target, "papers")
    with after_writing(
        f"all {len(written):,} new entries" + (" and the report were written" if args.report else " were written")
    ):
        print(
            f"{len(written)} new entries written to {args.root / 'papers'}; {len(result.skipped)} skipped as already in the catalog."
        )
        if kind != ".bib":
            _print_dropped(result, bool(args.report))
        if args.report:
            print(f"report: {args.report}")
        print("next: review the new files, then run `catalog check`.")
    return 0


def _write(args, entries: list[tuple[str, dict]], report, report_target, folder: str) -> list[Path]:
    """The new entries (and the report) written into `folder`; a stopped run says how to go on."""
    try:
        return write_new_entries(
            args.root,
            {key: dump_entry(fields) for key, fields in entries},
            noun="new entries",
            report=report,
            report_target=report_target,
            folder_name=folder,
        )
    except Interrupted as exc:
        raise Interrupted(
            f"{exc}; run the same import again to add the rest (entries already written "
            "are then skipped as already in the catalog)"
        ) from None


def _detected(source: Path) -> str | None:
    """The format of a Markdown list, told by its text; None for the survey's own list (and for a
    list whose format is not recognised: plain title bullets look like any Markdown)."""
    from ..importers.lists import detect
    from ..reading import Refused, read_bytes

    try:
        text = read_bytes(source, LIST_CAP, what="a list").decode("utf-8", errors="replace")
    except Refused as exc:
        raise UserError(f"{source}: {exc}") from None
    found = detect(text)
    if found is None:  # read as the survey's list, the historic default, which reports what it drops
        print(
            f"{source}: no list format recognised, read as the survey's awesome list; for another list "
            f"give --format ({', '.join(sorted(LIST_FORMATS))}) and --source",
            file=sys.stderr,
        )
    elif found != "awesome":
        print(f"{source}: format {found} (detected; --format overrides)")
    return None if found == "awesome" else found


def _run_list(args: argparse.Namespace, path: Path) -> int:
    """Another public list: its new papers go to the incoming/ queue, with the import report."""
    from ..importers.lists import read_list
    from ..importers.lists.pipeline import import_list
    from ..importers.lists.report import render
    from ..load import INCOMING, load_incoming

    report_target = _check_report(args, path) if args.report else None
    catalog = load_catalog(args.root)
    ids = [s.id for s in catalog.taxonomy.sources]
    if not args.source:
        raise UserError(f"--format {args.format} needs --source: the list's id in taxonomy.yml ({', '.join(ids)})")
    src = catalog.taxonomy.source(args.source)
    if src is None:
        raise UserError(f"--source {args.source}: no such source in taxonomy.yml; {did_you_mean(args.source, ids)}")
    if args.added:
        src = dataclasses.replace(src, date=args.added)
    check_folder(args.root / INCOMING)
    queue, problems = load_incoming(args.root, catalog.taxonomy)
    if any(p.severity == "error" for p in problems):
        raise UserError(f"{INCOMING}/ has entries with errors; run `catalog check` and fix them first")
    known = list(catalog.papers) + queue
    result = import_list(
        read_list(args.format, path), src, known, catalog.taxonomy, catalog, exclusions.load(args.root)
    )
    report = (Path(args.report), render(result, path, args.format)) if args.report else None
    written = _write(args, result.entries, report, report_target, INCOMING)
    with after_writing(
        f"all {len(written):,} new entries" + (" and the report were written" if report else " were written")
    ):
        print(
            f"{result.read} papers read: {len(result.out_of_scope)} out of scope, {len(result.merged)} already in the "
            f"catalog or {INCOMING}/, {len(written)} new entries written to {args.root / INCOMING}, "
            f"{len(result.dropped)} not imported."
        )
        if args.report:
            print(f"report: {args.report}")
        print("next: curate the new entries, then `catalog promote KEY ...` moves them into papers/.")
    return 0


def _check_report(args: argparse.Namespace, source: Path) -> Path:
    """The --report target, checked before any work (files.check_target); never an input file."""
    target = check_target(args.report, root=args.root)
    inputs = [source] + ([Path(args.authors)] if args.authors else [])
    for given in inputs:
        if os.path.lexists(target) and given.exists() and os.path.samefile(target, given):
            raise UserError(f"--report {args.report} is the file being read ({given}); give another report path")
    return target


# ---------------------------------------------------------------------------------------------
# Dropped rows on stdout (all of them are in the report too)


def _print_dropped(result, has_report: bool) -> None:
    dropped = [f"line {line}: {why}" for line, why in result.dropped]
    if not dropped:
        return
    tables = len(result.dropped_tables)
    rows = len(dropped) - tables
    what = " and ".join(part for part in (_plural(rows, "row"), _plural(tables, "table")) if part)
    print(f"{what} of the list dropped (no entry written):")
    for line in dropped[:SHOWN_DROPPED]:
        print(f"  {line}")
    if len(dropped) > SHOWN_DROPPED:
        where = "the report" if has_report else "the report (add --report FILE)"
        print(f"  … and {len(dropped) - SHOWN_DROPPED} more, listed in {where}")


def _plural(n: int, word: str) -> str:
    return "" if n == 0 else f"{n:,} {word}" + ("" if n == 1 else "s")


def _plain_report(source: Path, added: dt.date, result) -> str:
    """A report for importers that give none (the .bib importer): what was written and what was not."""
    md = lambda s: str(s).replace("|", "\\|")  # noqa: E731
    problems = list(getattr(result, "problems", []))
    out = [
        f"# Import report: {source.name}",
        "",
        f"- file: `{source}`",
        f"- added: {added.isoformat()}",
        "",
        "## Summary",
        "",
        "| what | count |",
        "| --- | ---: |",
        f"| new entries written | {len(result.entries)} |",
        f"| skipped, already in the catalog | {len(result.skipped)} |",
        f"| problems | {len(problems)} |",
        "",
        "## New entries",
        "",
    ]
    out += [f"- `{key}`" for key, _ in result.entries] or ["- none"]
    out += ["", "## Problems", ""] + ([f"- {md(p)}" for p in problems] or ["- none"])
    out += ["", "## Skipped: already in the catalog", ""] + ([f"- {md(s)}" for s in result.skipped] or ["- none"])
    return "\n".join(out) + "\n"
