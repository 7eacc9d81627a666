"""`catalog exclude KEY --reason TEXT`: a queued paper, read and left out, leaves incoming/ for
excluded.yml, so that re-running its import does not queue it again."""

from __future__ import annotations

import argparse
import os

from .. import exclusions
from ..files import atomic_write
from ..load import INCOMING, load_catalog, load_incoming
from ..problems import UserError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "exclude", help="record queued papers as left out (out of scope, duplicate) and unqueue them"
    )
    parser.add_argument("keys", nargs="+", metavar="KEY", help="keys of entries in incoming/")
    parser.add_argument(
        "--reason",
        required=True,
        help="why, e.g. 'out of scope: a hardware accelerator' or 'same paper as lin2019optimal'",
    )
    parser.add_argument("--read", default="", help="the page the decision was taken on (http or https)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    reason = " ".join(args.reason.split())
    if not reason:
        raise UserError("--reason must say why the paper is left out")
    if args.read and not args.read.startswith(("https://", "http://")):
        raise UserError(f"--read {args.read}: links must start with https:// or http://")
    catalog = load_catalog(args.root)
    queue, _ = load_incoming(args.root, catalog.taxonomy)
    by_key = {p.key: p for p in queue}
    unknown = [k for k in args.keys if k not in by_key]
    if unknown:
        raise UserError(f"not in {INCOMING}/ (or has errors): {', '.join(unknown)}; nothing was changed")
    have = exclusions.load(args.root)
    new = [
        exclusions.Exclusion(title=p.title, reason=reason, arxiv=p.arxiv, doi=p.doi, read=args.read)
        for p in (by_key[k] for k in args.keys)
    ]
    atomic_write(args.root / exclusions.FILE, exclusions.dump(have + new), root=args.root)
    for key in args.keys:  # after the record is written: a stopped run leaves the entry queued, never lost
        os.unlink(args.root / INCOMING / f"{key}.yml")
    print(f"{len(new)} paper(s) recorded in {exclusions.FILE} and removed from {INCOMING}/: {reason}")
    return 0
