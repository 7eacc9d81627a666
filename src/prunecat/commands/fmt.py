"""`catalog fmt [FILES...] [--check]`: rewrite entries in canonical form, keeping their comments.

The canonical form is `entryfile.dump_entry`'s: the schema modeline on top, fields in fields.FIELDS
order, ids instead of aliases (`W` -> `weight`, `N:M` -> `n-m`, `PyTorch` -> `pytorch`), lists of
ids even for a single id, flow lists (`when: [before-training]`), `bibtex: |` blocks indented by two
spaces, code releases as `- url:` mappings, no BOM, LF line ends, no trailing spaces. Fields that
mean nothing are dropped: empty values and lists, `pioneer: false`, `survey: false`.

Comments are kept (yamlcomments.py says how).

An entry with validation errors is never rewritten: fmt prints every error as `path:line: message`
(from load.validate_entry_text) and exits 1 without touching any file. Every rewritten text is
validated again and must describe exactly the same paper, or fmt refuses it the same way.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

import yaml

from ..entryfile import canonical_fields, dump_entry
from ..files import Batch, atomic_write, check_target
from ..load import MAX_ENTRY_BYTES, load_entry, validate_entry_text
from ..model import Paper
from ..problems import Problem, UserError
from ..reading import Refused, read_bytes
from ..taxonomy import Taxonomy, load_taxonomy
from ..yamlcomments import with_comments
from ..yamlio import load_yaml_text


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "fmt",
        help="rewrite entries in canonical form, keeping comments",
        description="Rewrite entry files in canonical form (field order, ids instead of type codes, lists, "
        "the schema modeline), keeping comments. Files with errors are reported and nothing is written.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="entry files or folders of entries (default: every <catalog>/papers/*.yml)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; list the files that would change and exit 1 if any"
    )
    parser.set_defaults(run=run)


@dataclasses.dataclass(frozen=True)
class Formatted:
    """The outcome for one file: its canonical text, or the errors that keep fmt from writing it."""

    path: Path
    rel: str
    original: str | None  # the file's text as read (with BOM and CRs), None when unreadable
    text: str | None  # the canonical text, None on errors
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    taxonomy = load_taxonomy(root / "taxonomy.yml")
    paths = _entry_files(root, args.files)
    results = [format_file(path, root, taxonomy) for path in paths]
    errors = [p for r in results for p in r.problems if p.severity == "error"]
    if errors:
        for problem in sorted(errors):
            print(problem)
        bad = sum(1 for r in results if r.text is None)
        print(
            f"{len(errors)} error(s) in {bad} file(s); no file was changed. "
            "Fix them (`catalog check` shows every problem) and run `catalog fmt` again."
        )
        return 1
    changed = [r for r in results if r.changed]
    if args.check:
        for r in changed:
            print(f"would reformat {r.rel}")
        if changed:
            print(f"{len(changed)} of {len(results)} file(s) would be reformatted; run `catalog fmt`.")
            return 1
        print(f"{len(results)} file(s) already formatted.")
        return 0
    plan, aliases = _write_plan(root, changed)
    skipped = 0
    shown = {target: r.rel for r, target in plan}
    batch = Batch(len(plan), "files", show=lambda target: shown.get(target, str(target)), verb="reformatted")
    with batch:
        for r, target in plan:
            try:
                current = read_bytes(r.path, MAX_ENTRY_BYTES).decode("utf-8")
            except (Refused, UnicodeDecodeError):
                current = None
            if current != r.original:  # someone edited the file meanwhile: never overwrite their change
                print(f"skipped {r.rel}: it changed while fmt was running; run `catalog fmt` again")
                skipped += 1
                continue
            batch.write(target, r.text or "")
            print(f"reformatted {r.rel}" + (f" (through the link to {_rel(root, target)})" if target != r.path else ""))
        for r, first in aliases:
            print(f"reformatted {r.rel} (the same file as {first.rel})")
        done = len(changed) - skipped
        print(f"{done} file(s) reformatted, {len(results) - len(changed)} already formatted.")
    return 1 if skipped else 0


def _write_plan(
    root: Path, changed: list[Formatted]
) -> tuple[list[tuple[Formatted, Path]], list[tuple[Formatted, Formatted]]]:
    """(result, file to replace) for each changed file, every one checked before any is written
    (files.check_target): a symlink to an entry inside the catalog is written through, anything
    else that is not a plain regular file (a link leading outside, a file with hard links, a
    read-only file, a device) stops fmt with no file changed. Two names of one file are written once:
    the second comes back in the list of (alias, first name)."""
    plan: list[tuple[Formatted, Path]] = []
    refused: list[str] = []
    probed: set[str] = set()
    seen: dict[str, Formatted] = {}  # by real path
    aliases: list[tuple[Formatted, Formatted]] = []
    for r in changed:
        try:
            target = check_target(r.path, root=root, _probed=probed)
        except UserError as exc:
            refused.append(str(exc))
            continue
        real = os.path.realpath(target)
        first = seen.get(real)
        if first is not None:
            if first.text != r.text:
                refused.append(
                    f"{r.rel} and {first.rel} are the same file but would be formatted differently; "
                    "run `catalog fmt` on one of them"
                )
            else:
                aliases.append((r, first))
            continue
        seen[real] = r
        plan.append((r, target))
    if len(refused) == 1:
        raise UserError(f"{refused[0]}; no file was changed")
    if refused:
        for line in refused:
            print(f"catalog fmt: {line}", file=sys.stderr)
        raise UserError(f"{len(refused)} files cannot be written safely (see above); no file was changed")
    return plan, aliases


def format_file(path: Path, root: Path, taxonomy: Taxonomy) -> Formatted:
    """Read and format one entry file; nothing is written."""
    rel = _rel(root, path)
    try:
        # regular files only, at most the cap (a link leading outside is refused by the write check)
        raw = read_bytes(path, MAX_ENTRY_BYTES)
    except Refused as exc:
        return Formatted(path, rel, None, None, (Problem(rel, 0, str(exc)),))
    try:
        original = raw.decode("utf-8")
    except UnicodeDecodeError:
        original = None
    if original is None:
        # load_entry words this problem (not UTF-8, with its line) as `catalog check` does.
        _, problems = load_entry(path, root, taxonomy)
        return Formatted(path, rel, original, None, tuple(problems) or (Problem(rel, 0, "cannot format this file"),))
    text, problems = format_entry_text(original, rel, path.stem, taxonomy)
    return Formatted(path, rel, original, text, problems)


def format_entry_text(text: str, rel: str, key: str, taxonomy: Taxonomy) -> tuple[str | None, tuple[Problem, ...]]:
    """The canonical text of one entry, or None and its problems when it has errors."""
    paper, problems = validate_entry_text(text, rel, key, taxonomy)
    if paper is None or any(p.severity == "error" for p in problems):
        return None, problems
    body = text[1:] if text.startswith("\ufeff") else text
    data, _, _ = load_yaml_text(body, rel)
    canonical = dump_entry(canonical_fields(data, taxonomy))
    try:
        result = with_comments(body, canonical)
    except yaml.YAMLError:  # cannot happen for text that validated; never write on doubt
        result = None
    if result is not None:
        again, again_problems = validate_entry_text(result, rel, key, taxonomy)
        if again is not None and not any(p.severity == "error" for p in again_problems) and _same_paper(again, paper):
            return result, problems
    line = next(iter(paper.lines.values()), 1) if paper.lines else 1
    return None, problems + (
        Problem(
            rel,
            line,
            "catalog fmt cannot rewrite this entry without changing what it says; "
            "please report it with the file attached",
        ),
    )


def write_keeping_mode(path: Path, text: str, root: Path | None = None) -> Path:
    """files.atomic_write: the file keeps its permissions (a new file gets the usual 0666 & ~umask);
    a symlink to a file inside `root` is written through; anything else is refused (UserError)."""
    return atomic_write(path, text, root=root)


def _same_paper(a: Paper, b: Paper) -> bool:
    """The same paper, allowing the trailing spaces fmt trims inside the BibTeX text."""

    def trimmed(p: Paper) -> Paper:
        return dataclasses.replace(p, bibtex="\n".join(line.rstrip() for line in p.bibtex.splitlines()))

    return trimmed(a) == trimmed(b)


# ---------------------------------------------------------------------------------------------
# Helpers


def _entry_files(root: Path, given: list[Path]) -> list[Path]:
    if not given:
        folder = root / "papers"
        return sorted(folder.glob("*.yml")) if folder.is_dir() else []
    out: list[Path] = []
    missing = [str(p) for p in given if not p.exists()]
    if missing:
        raise UserError(f"no such file: {', '.join(missing)}; nothing was changed")
    for path in given:
        out.extend(sorted(path.glob("*.yml")) if path.is_dir() else [path])
    return list(dict.fromkeys(out))


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
