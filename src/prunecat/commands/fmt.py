"""`catalog fmt [FILES...] [--check]`: rewrite entries in canonical form, keeping their comments.

The canonical form is `entryfile.dump_entry`'s: the schema modeline on top, fields in fields.FIELDS
order, ids instead of aliases (`W` -> `weight`, `N:M` -> `n-m`, `PyTorch` -> `pytorch`), lists of
ids even for a single id, flow lists (`when: [before-training]`), `bibtex: |` blocks indented by two
spaces, code releases as `- url:` mappings, no BOM, LF line ends, no trailing spaces. Fields that
mean nothing are dropped: empty values and lists, `pioneer: false`, `survey: false`.

Comments are kept, reattached by the YAML positions of the keys and list items they belong to:

* a full-line comment stays above the field, code release or code field that follows it (when
  fields are reordered it moves with that field; a comment between the items of a block list that
  fmt turns into a flow list goes above the field);
* an end-of-line comment after a scalar, a flow list, a list item, a code field or `bibtex: |`
  stays at the end of that field's line (spacing normalised to two spaces before `#`); when several
  end up on the same line (the items of a block list joined into one flow list), the first stays
  there and the others go above the field as full-line comments;
* a comment block at the top of the file separated from the first field by a blank line is a file
  header and stays at the top, under the modeline, followed by one blank line;
* comments after the last field stay at the end of the file;
* a comment on a field that fmt drops (an empty value, `pioneer: false`) goes above the next field.

Not preserved: blank lines (other than after a header), the indentation and column of comments
(they take the indentation of the line they are attached to), comments inside the `bibtex` block
(they are part of the BibTeX text and kept verbatim as such), and any `# yaml-language-server:`
line, which is replaced by the canonical modeline.

An entry with validation errors is never rewritten: fmt prints every error as `path:line: message`
(from load.validate_entry_text) and exits 1 without touching any file. Every rewritten text is
validated again and must describe exactly the same paper, or fmt refuses it the same way.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from ..entryfile import dump_entry
from ..files import Batch, atomic_write, check_target
from ..fields import EVIDENCE_FIELDS, FIELDS, NAMES
from ..load import MAX_ENTRY_BYTES, load_entry, validate_entry_text
from ..model import Paper
from ..problems import Problem, UserError
from ..reading import Refused, read_bytes
from ..taxonomy import STATE_LABELS, Taxonomy, load_taxonomy
from ..yamlio import load_yaml_text

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Line breaks as YAML counts them, so line numbers agree with the parser's marks.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_MODELINE = re.compile(r"^\s*#\s*yaml-language-server\s*:")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*[ \t]+(#.*)$")
_EOL_COMMENT = re.compile(r"^[ \t]+(#.*)$")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "fmt", help="rewrite entries in canonical form, keeping comments",
        description="Rewrite entry files in canonical form (field order, ids instead of type codes, lists, "
                    "the schema modeline), keeping comments. Files with errors are reported and nothing is written.")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="entry files or folders of entries (default: every <catalog>/papers/*.yml)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the files that would change and exit 1 if any")
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
        print(f"{len(errors)} error(s) in {bad} file(s); no file was changed. "
              "Fix them (`catalog check` shows every problem) and run `catalog fmt` again.")
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


def _write_plan(root: Path, changed: list[Formatted]) -> tuple[list[tuple[Formatted, Path]], list[tuple[Formatted, Formatted]]]:
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
                refused.append(f"{r.rel} and {first.rel} are the same file but would be formatted differently; "
                               "run `catalog fmt` on one of them")
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
        result = _with_comments(body, canonical)
    except yaml.YAMLError:  # cannot happen for text that validated; never write on doubt
        result = None
    if result is not None:
        again, again_problems = validate_entry_text(result, rel, key, taxonomy)
        if again is not None and not any(p.severity == "error" for p in again_problems) \
                and _same_paper(again, paper):
            return result, problems
    line = next(iter(paper.lines.values()), 1) if paper.lines else 1
    return None, problems + (Problem(rel, line, "catalog fmt cannot rewrite this entry without changing what it says; "
                                                 "please report it with the file attached"),)


def canonical_fields(data: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """Entry data (as parsed from a valid entry) in the form dump_entry writes: ids, lists, dates."""
    out: dict[str, Any] = {}
    for name, kind in ((f.name, f.kind) for f in FIELDS):
        value = data.get(name)
        if value is None:
            continue
        if kind in ("bibtex", "flag"):
            out[name] = value
        elif kind == "text":
            out[name] = str(value).strip()
        elif kind == "summary":
            out[name] = " ".join(str(value).split())
        elif kind == "evidence":
            out[name] = {key: _as_date(value[key]) if key == "checked" else " ".join(str(value[key]).split())
                         for key in EVIDENCE_FIELDS if value.get(key) not in (None, "")}
        elif kind in ("axis", "facet"):
            items = [value] if isinstance(value, str) else value
            out[name] = [item if kind == "axis" and item in STATE_LABELS else taxonomy.resolve(name, str(item))
                         for item in items]
        elif kind == "code":
            out[name] = [_canonical_code(item, taxonomy) for item in value]
        elif kind == "date":
            out[name] = _as_date(value)
    return out


def _canonical_code(item: Any, taxonomy: Taxonomy) -> dict[str, Any]:
    item = {"url": item} if isinstance(item, str) else dict(item)
    link = {"url": item["url"].strip()}
    if item.get("framework"):
        link["framework"] = taxonomy.resolve("framework", str(item["framework"]))
    if item.get("official") is not None:
        link["official"] = item["official"]
    if item.get("note"):
        link["note"] = item["note"]
    return link


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def write_keeping_mode(path: Path, text: str, root: Path | None = None) -> Path:
    """files.atomic_write: the file keeps its permissions (a new file gets the usual 0666 & ~umask);
    a symlink to a file inside `root` is written through; anything else is refused (UserError)."""
    return atomic_write(path, text, root=root)


# ---------------------------------------------------------------------------------------------
# Comments


@dataclasses.dataclass
class _Comment:
    line: int  # 0-based line in the original text
    text: str  # from '#' on, trailing white space removed
    eol: bool  # an end-of-line comment (else a full-line one)


def _with_comments(original: str, canonical: str) -> str:
    """`canonical` with the comments of `original` reattached to the fields they belong to."""
    lines = _BREAKS.split(original)
    comments, blank = _find_comments(original, lines)
    anchors = _anchors(original)
    out_lines = canonical.split("\n")[:-1]  # dump_entry ends with one newline
    targets = _first_lines(_anchors(canonical))
    above: dict[int, list[str]] = {}
    eol: dict[int, list[str]] = {}
    header: list[str] = []
    tail: list[str] = []
    first_key = anchors[0][0] if anchors else len(lines)
    cut = max((b for b in blank if b < first_key and any(c.line < b for c in comments)), default=-1)
    for c in comments:
        if not c.eol and c.line < cut:
            header.append(c.text)
            continue
        if c.eol:
            owner = [path for line, path in anchors if line <= c.line]
        else:
            owner = [path for line, path in anchors if line > c.line][:1]
        if not owner:
            (header if c.eol and c.line < first_key else tail).append(c.text)
            continue
        path = owner[-1] if c.eol else owner[0]
        target, exact = _target(path, targets)
        if target is None:
            tail.append(c.text)
        elif c.eol and exact:
            eol.setdefault(target, []).append(c.text)
        else:
            above.setdefault(target, []).append(c.text)
    out = [out_lines[0]]  # the modeline
    if header:
        out.extend(header)
        out.append("")
    for i, line in enumerate(out_lines[1:], 1):
        indent = line[: len(line) - len(line.lstrip(" "))]
        on_line = eol.get(i, [])
        out.extend(indent + text for text in above.get(i, []) + on_line[1:])
        out.append(f"{line}  {on_line[0]}" if on_line else line)
    out.extend(tail)
    return "\n".join(out) + "\n"


def _find_comments(text: str, lines: list[str]) -> tuple[list[_Comment], list[int]]:
    """Comments (outside scalars) and blank lines of `text`, found from the YAML tokens' positions."""
    inside: set[int] = set()  # lines that begin inside a multi-line token (block scalar content ...)
    content_end: dict[int, int] = {}  # line -> column where its last token ends
    block_header: dict[int, int] = {}  # line -> column of a `|` or `>` block scalar indicator
    for token in yaml.scan(text, Loader=_Loader):
        start, end = token.start_mark, token.end_mark
        if (start.line, start.column) == (end.line, end.column):
            continue
        last = end.line if end.column > 0 else end.line - 1
        inside.update(range(start.line + 1, last + 1))
        if end.line == start.line or end.column > 0:
            content_end[end.line] = max(content_end.get(end.line, 0), end.column)
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            block_header[start.line] = start.column
    comments: list[_Comment] = []
    blank: list[int] = []
    for n, line in enumerate(lines):
        if n in block_header:
            match = _BLOCK_HEADER_COMMENT.match(line[block_header[n]:])
            if match:
                comments.append(_Comment(n, match.group(1).rstrip(), eol=True))
            continue
        if n in content_end:
            match = _EOL_COMMENT.match(line[content_end[n]:])
            if match:
                comments.append(_Comment(n, match.group(1).rstrip(), eol=True))
        elif n not in inside:
            stripped = line.strip()
            if not stripped:
                blank.append(n)
            elif stripped.startswith("#") and not _MODELINE.match(stripped):
                comments.append(_Comment(n, stripped, eol=False))
    return comments, blank


def _anchors(text: str) -> list[tuple[int, tuple]]:
    """(0-based line, key path) of every mapping key and list item, in document order."""
    node = yaml.compose(text, Loader=_Loader)
    out: list[tuple[int, tuple]] = []

    def walk(node: yaml.Node, at: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                path = at + (key_node.value,)
                out.append((key_node.start_mark.line, path))
                walk(value_node, path)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                out.append((item.start_mark.line, at + (i,)))
                walk(item, at + (i,))

    if node is not None:
        walk(node, ())
    return out


def _first_lines(anchors: list[tuple[int, tuple]]) -> dict[tuple, int]:
    lines: dict[tuple, int] = {}
    for line, path in anchors:
        lines.setdefault(path, line)
    return lines


def _target(path: tuple, targets: dict[tuple, int]) -> tuple[int | None, bool]:
    """The canonical line for a comment owned by `path`, and whether that path (or a parent) is
    still there; for a dropped field, the line of the next field that is."""
    at = path
    while at:
        if at in targets:
            return targets[at], True
        at = at[:-1]
    name = path[0] if path else ""
    following = NAMES[NAMES.index(name) + 1:] if name in NAMES else ()
    for later in following:
        if (later,) in targets:
            return targets[(later,)], False
    return None, False


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
