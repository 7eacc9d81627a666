"""Scanning a BibTeX text as bibtexparser's splitter does: `%` comments inside entries (blanked so
the field after them is kept) and why a block does not parse (used by bibtex.parse_text)."""

from __future__ import annotations

import re


from .bibmodel import BLOCK_START, BibTeXError, BibText, block_kind


_SIGNIFICANT = re.compile(r'[{}"(),%@\n]')


def blank_percent_comments(text: str, out: BibText) -> str:
    """`text` with each `%` comment inside an entry or @string replaced by spaces (so lines and
    offsets stay); the text between blocks is left alone, as BibTeX skips it anyway. Blocks are
    delimited as bibtexparser's splitter does (a delimiter after a backslash is text)."""
    chars = list(text)
    n, pos, line, counted = len(text), 0, 0, 0

    def line_at(i: int) -> int:  # 0-based line of offset i; offsets only grow, so count once
        nonlocal line, counted
        line += text.count("\n", counted, i)
        counted = i
        return line

    while True:
        m = BLOCK_START.search(text, pos)
        if not m:
            return "".join(chars)
        kind = block_kind(m.group(1))
        closer = ")" if text[m.end()] == "(" else "}"
        key = re.match(r"\s*([^,\s})]*)", text[m.end() + 1 : m.end() + 200]).group(1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not kind and "%" in text[line_start : m.start()]:
            out.hidden.append((line_at(m.start()), key))
        depth, quoted, key_done, end, skip_to = 0, False, kind != "", n, 0
        for sig in _SIGNIFICANT.finditer(text, m.end() + 1):
            i, c = sig.start(), sig.group()
            if c == "\n":
                line_start = i + 1
                continue
            if i < skip_to or text[i - 1] == "\\":
                continue  # an escaped delimiter is text, as for the splitter
            if c == "@" and not text[line_start:i].strip() and BLOCK_START.match(text, i):
                end = i  # a block starting a line inside this one: the splitter gives up on this one here
                break
            if kind == "comment" or quoted:
                if c == "{":
                    depth += 1
                elif c == "}" and depth:
                    depth -= 1
                elif not quoted and ((c == "}" and closer == "}") or (c == ")" and closer == ")" and depth == 0)):
                    end = i + 1
                    break
                elif c == '"' and quoted and depth == 0:
                    quoted = False
            elif c == "{":
                depth += 1
            elif c == "}":
                if depth == 0 and closer == "}":
                    end = i + 1
                    break
                depth = max(depth - 1, 0)
            elif depth == 0:
                if c == '"':
                    quoted = True
                elif c == ")" and closer == ")":
                    end = i + 1
                    break
                elif c == ",":
                    key_done = True
                elif c == "%" and key_done:
                    stop = text.find("\n", i)
                    stop = n if stop < 0 else stop
                    out.percent.append((line_at(i), key if not kind else "@" + kind))
                    chars[i:stop] = " " * (stop - i)
                    skip_to = stop  # the comment's own delimiters are text
        pos = max(end, m.end())


def _unparsable(reason: str, line: int, key: str = "") -> BibTeXError:
    """A block that does not parse; `reason` says why and how to fix it."""
    sep = " " if reason.startswith("(") else ": "
    return BibTeXError(f"the BibTeX does not parse{sep}{reason}", line, key, reason=reason)


_FIELD_NAME = re.compile(r"\s*([^\s=,{}\"#]*)\s*(=?)")


def diagnose(raw: str, line: int) -> BibTeXError:
    """Why a block does not parse, naming the field at fault where there is one."""
    head = re.match(r"@(\w*)\s*([{(])\s*([^,\s})=]*)", raw)
    if not head:
        return _unparsable("write an entry as @type{key, name = {text}, ...}", line)
    key = head.group(3)
    closer = ")" if head.group(2) == "(" else "}"
    rest = raw[head.end() :]
    comma, equals = rest.find(","), rest.find("=")
    if equals >= 0 and (comma < 0 or equals < comma):
        return _unparsable(
            f"a missing comma after the citation key '{key}'? write @type{{key, name = {{text}}, ...}}", line, key
        )
    i = comma + 1
    while 0 < i < len(rest):
        m = _FIELD_NAME.match(rest, i)
        name, i = m.group(1).lower(), m.end()
        if not m.group(2) and name:
            return _unparsable(f"the field '{name}' has no `=`; write each field as `name = {{text}},`", line, key)
        if i >= len(rest) or rest[i] == closer:
            break
        if not m.group(2):
            return _unparsable(
                f"`{rest[i : i + 20].strip()}` is not a field; write each field as `name = {{text}},`", line, key
            )
        depth, quoted, j = 0, False, i
        while j < len(rest):
            c = rest[j]
            if rest[j - 1] != "\\":
                if c == "{":
                    depth += 1
                elif c == "}" and depth:
                    depth -= 1
                elif c == '"' and depth == 0:
                    quoted = not quoted
                elif (
                    c in ",}" and depth == 0 and not quoted or (c == ")" and closer == ")" and not quoted and not depth)
                ):
                    break
            j += 1
        if j >= len(rest):
            what = (
                'a `"` in it is never closed'
                if quoted
                else "a `{` in it is never closed"
                if depth
                else "a `{` in it, or the entry's own, is never closed"
            )
            return _unparsable(f"unbalanced braces or quotes in the field '{name}' ({what}); balance them", line, key)
        if j >= len(rest) or rest[j] != ",":
            break
        i = j + 1
    return _unparsable(
        "(unbalanced braces or quotes, or a missing comma between fields?); "
        "write each field as `name = {text},` and end the entry with `}`",
        line,
        key,
    )
