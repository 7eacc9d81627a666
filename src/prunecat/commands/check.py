"""`catalog check`: validate the whole catalog, print `path:line: message` per problem."""

from __future__ import annotations

import argparse

from ..load import load_catalog


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="validate every entry; exit 1 on errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.root, strict=False)
    for problem in catalog.warnings:
        print(problem)
    errors = [p for p in catalog.warnings if p.severity == "error"]
    warnings = len(catalog.warnings) - len(errors)
    print(f"{len(catalog.papers)} papers checked: {len(errors)} error(s), {warnings} warning(s).")
    return 1 if errors else 0
