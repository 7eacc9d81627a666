"""`catalog schema`: write the editor JSON Schema of entry files, generated from the taxonomy."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..reading import Refused, read_bytes
from ..schema import schema_text
from ..taxonomy import load_taxonomy
from .fmt import write_keeping_mode

MAX_SCHEMA_BYTES = 4 * 1024 * 1024  # the generated schema is about 30 KB

#: Where entry files' modeline (`$schema=../schema/entry.schema.json`) points, under the catalog folder.
SCHEMA_PATH = Path("schema") / "entry.schema.json"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "schema",
        help="write the JSON Schema of entry files (for editors)",
        description="Generate the JSON Schema (draft 2020-12) of entry files from taxonomy.yml.",
    )
    parser.add_argument(
        "-o", "--output", type=Path, help=f"where to write it (default: <catalog>/{SCHEMA_PATH.as_posix()})"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is missing or out of date"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text(load_taxonomy(args.root / "taxonomy.yml"))
    target = args.output or args.root / SCHEMA_PATH
    try:
        current = read_bytes(target, MAX_SCHEMA_BYTES, what="the schema").decode("utf-8")
    except (Refused, UnicodeDecodeError):
        current = None
    if args.check:
        if current != text:
            print(f"{target} is {'missing' if current is None else 'out of date'}; run `catalog schema`")
            return 1
        print(f"{target} is up to date")
        return 0
    if current == text:
        print(f"{target} is up to date")
    else:
        write_keeping_mode(target, text)
        print(f"wrote {target}")
    return 0
