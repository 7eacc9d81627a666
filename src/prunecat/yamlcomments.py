"""Comments of an entry file kept across a rewrite (`catalog fmt`): each is reattached, by the YAML
positions of the keys and list items it belongs to, to the same field in the canonical text.

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
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from .fields import NAMES

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Line breaks as YAML counts them, so line numbers agree with the parser's marks.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_MODELINE = re.compile(r"^\s*#\s*yaml-language-server\s*:")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*[ \t]+(#.*)$")
_EOL_COMMENT = re.compile(r"^[ \t]+(#.*)$")


@dataclasses.dataclass
class _Comment:
    line: int  # 0-based line in the original text
    text: str  # from '#' on, trailing white space removed
    eol: bool  # an end-of-line comment (else a full-line one)


def with_comments(original: str, canonical: str) -> str:
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
            match = _BLOCK_HEADER_COMMENT.match(line[block_header[n] :])
            if match:
                comments.append(_Comment(n, match.group(1).rstrip(), eol=True))
            continue
        if n in content_end:
            match = _EOL_COMMENT.match(line[content_end[n] :])
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
    following = NAMES[NAMES.index(name) + 1 :] if name in NAMES else ()
    for later in following:
        if (later,) in targets:
            return targets[(later,)], False
    return None, False
