"""`catalog import FILE`: new papers from an awesome-list README become entries."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..entryfile import dump_entry
from ..files import atomic_write, write_new_entries
from ..load import load_catalog
from ..problems import UserError
from .options import date_arg


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="import papers from an awesome-list README (.md) or a .bib file")
    parser.add_argument("file", help="the README.md of an awesome list, or a .bib file (Zotero, Scholar, DBLP, JabRef)")
    parser.add_argument("--authors", help="a .bib file with author lists to merge in by title or arXiv id")
    parser.add_argument("--added", type=date_arg, default=dt.date.today(), help="date added for new entries (default: today)")
    parser.add_argument("--report", help="write the import report (Markdown) to this file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..importers import awesome_list, bibfile

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"no such file: {source}")
    catalog = load_catalog(args.root)
    if source.suffix.lower() in (".md", ".markdown"):
        result = awesome_list.import_awesome_list(
            source, catalog,
            authors_bib=Path(args.authors) if args.authors else None,
            added=args.added,
        )
    elif source.suffix.lower() == ".bib":
        result = bibfile.import_bib_file(source, catalog, added=args.added)
        for problem in result.problems:
            print(problem)
    else:
        raise UserError(f"cannot import {source.suffix or 'this'} files; give an awesome-list README (.md) or a .bib file")
    written = write_new_entries(args.root, {key: dump_entry(fields) for key, fields in result.entries})
    if args.report and getattr(result, "report", None):
        atomic_write(Path(args.report), result.report)
    print(f"{len(written)} new entries written to {args.root / 'papers'}; {len(result.skipped)} skipped as already in the catalog.")
    if args.report:
        print(f"report: {args.report}")
    print("next: review the new files, then run `catalog check`.")
    return 0
