"""The `catalog` command: check, import and write catalog entries with the same model as the site."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from .load import catalog_dir, load_catalog
from .problems import CatalogError

DEFAULT_ROOT = Path("catalog")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except CatalogError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"catalog {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130


class UserError(Exception):
    """A mistake in how the command was called, reported as one line."""


# ---------------------------------------------------------------------------------------------
# Subcommands


def cmd_check(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.root, strict=False)
    for problem in catalog.warnings:
        print(problem)
    errors = [p for p in catalog.warnings if p.severity == "error"]
    warnings = len(catalog.warnings) - len(errors)
    print(f"{len(catalog.papers)} papers checked: {len(errors)} error(s), {warnings} warning(s).")
    return 1 if errors else 0


def cmd_import(args: argparse.Namespace) -> int:
    from .entryfile import dump_entry
    from .importers import awesome_list

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
    else:
        raise UserError(f"cannot import {source.suffix or 'this'} files yet; give an awesome-list README (.md)")
    written = write_new_entries(args.root, {key: dump_entry(fields) for key, fields in result.entries})
    if args.report:
        atomic_write(Path(args.report), result.report)
    print(f"{len(written)} new entries written to {args.root / 'papers'}; {len(result.skipped)} skipped as already in the catalog.")
    if args.report:
        print(f"report: {args.report}")
    print("next: review the new files, then run `catalog check`.")
    return 0


# ---------------------------------------------------------------------------------------------
# Writing files: never overwrite, never leave half a file


def write_new_entries(root: Path, entries: dict[str, str]) -> list[Path]:
    """Write new entry files; refuses (and writes nothing) if any target exists."""
    folder = root / "papers"
    targets = {key: folder / f"{key}.yml" for key in entries}
    clash = [str(p) for p in targets.values() if p.exists()]
    if clash:
        raise UserError(f"these files exist already, nothing was written: {', '.join(clash[:5])}")
    folder.mkdir(parents=True, exist_ok=True)
    for key, text in entries.items():
        atomic_write(targets[key], text)
    return list(targets.values())


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a failure leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------------------------
# Arguments


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog", description="Check and edit the catalog of pruning papers.")
    parser.add_argument("--root", type=Path, default=catalog_dir(DEFAULT_ROOT),
                        help="the catalog folder (default: $CATALOG_DIR or ./catalog)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate every entry; exit 1 on errors")
    check.set_defaults(run=cmd_check)

    imp = sub.add_parser("import", help="import papers from an awesome-list README")
    imp.add_argument("file", help="the README.md of an awesome list")
    imp.add_argument("--authors", help="a .bib file with author lists to merge in by title or arXiv id")
    imp.add_argument("--added", type=_date, default=dt.date.today(), help="date added for new entries (default: today)")
    imp.add_argument("--report", help="write the import report (Markdown) to this file")
    imp.set_defaults(run=cmd_import)
    return parser


if __name__ == "__main__":
    sys.exit(main())
