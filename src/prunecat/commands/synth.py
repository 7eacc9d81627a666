"""`catalog synth N DIR`: a deterministic synthetic catalog of N papers, for benchmarks."""

from __future__ import annotations

import argparse
from pathlib import Path

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
    if (args.dir / "papers").is_dir() and any((args.dir / "papers").iterdir()):
        raise UserError(f"{args.dir}/papers is not empty; give a new folder so nothing is overwritten")
    synth_catalog(args.n, args.dir, seed=args.seed)
    print(f"{args.n} synthetic papers written to {args.dir}; build with CATALOG_DIR={args.dir} mkdocs build")
    return 0
