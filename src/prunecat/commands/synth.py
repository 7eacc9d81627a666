"""`catalog synth N DIR`: a deterministic synthetic catalog of N papers, for benchmarks."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..files import Interrupted, after_writing, check_new
from ..problems import UserError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("synth", help="write a deterministic synthetic catalog of N papers to DIR")
    parser.add_argument("n", type=int, help="number of papers")
    parser.add_argument("dir", type=Path, help="an empty or new folder; build it with CATALOG_DIR=DIR mkdocs build")
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..synth import synth_catalog

    if args.n < 1:
        raise UserError("N must be at least 1")
    check_folder(args.dir)
    try:
        synth_catalog(args.n, args.dir, seed=args.seed)
    except UserError as exc:
        kind = Interrupted if isinstance(exc, Interrupted) else UserError
        raise kind(f"{exc}; {args.dir} is incomplete: delete it and run again") from None
    with after_writing(f"all {args.n:,} synthetic entries were written to {args.dir}"):
        print(f"{args.n} synthetic papers written to {args.dir}; build with CATALOG_DIR={args.dir} mkdocs build")
    return 0


def check_folder(folder: Path) -> None:
    """DIR must be a new folder (its parent writable) or an empty one; nothing is written."""
    fix = "give a new or empty folder so nothing is overwritten"
    if not os.path.lexists(folder):
        check_new(folder / "taxonomy.yml")  # the nearest existing parent is a folder we can write to
        return
    if not folder.is_dir():
        what = "a symbolic link to nothing" if folder.is_symlink() and not folder.exists() else "not a folder"
        raise UserError(f"{folder} is {what}; {fix}")
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise UserError(f"cannot read the folder {folder} ({exc.strerror}); {fix}")
    if names:
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        raise UserError(f"{folder} is not empty (it holds {shown}); {fix}")
    check_new(folder / "taxonomy.yml")
