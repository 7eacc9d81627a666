"""The `catalog` command: check, add, format, import and export entries with the site's model."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from .commands import MODULES
from .load import catalog_dir
from .problems import CatalogError, UserError

DEFAULT_ROOT = Path("catalog")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
    except BrokenPipeError:
        # the reader (e.g. `| head`) stopped early: not an error; silence the final flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog", description="Check and edit the catalog of pruning papers.")
    parser.add_argument(
        "--root",
        type=Path,
        default=catalog_dir(DEFAULT_ROOT),
        help="the catalog folder (default: $CATALOG_DIR or ./catalog)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        importlib.import_module(f".commands.{name}", __package__).register(sub)
    return parser


if __name__ == "__main__":
    sys.exit(main())
