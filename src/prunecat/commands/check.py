"""`catalog check`: validate the whole catalog, print `path:line: message` per problem."""

from __future__ import annotations

import argparse

from ..load import find_duplicates, load_catalog, load_incoming


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="validate every entry; exit 1 on errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.root, strict=False)
    # the queue of imported papers is checked alike, and against the catalog for duplicates
    queue, queue_problems = load_incoming(args.root, catalog.taxonomy)
    if queue:
        queue_problems += [p for p in find_duplicates(list(catalog.papers) + queue) if p.path.startswith("incoming/")]
    problems = sorted(catalog.warnings) + sorted(queue_problems)
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    queued = f" and {len(queue)} in incoming/" if queue else ""
    print(f"{len(catalog.papers)} papers{queued} checked: {len(errors)} error(s), {warnings} warning(s).")
    return 1 if errors else 0
