"""Field values read as BibTeX reads them: braced and quoted parts, numbers and @string macros
joined by `#` (used by bibtex.parse_text)."""

from __future__ import annotations

import re

from bibtexparser.model import Entry, String

from .bibmodel import CONTROL, MONTH_MACROS, NAME, SWALLOWED, BibEntry, BibTeXError, BibText, block_kind


class _ValueProblem(Exception):
    def __init__(self, message: str, macro: str = ""):
        super().__init__(message)
        self.macro = macro


_DELIMS = re.compile(r'(?<!\\)[{}"#]')  # a backslash before a delimiter makes it text, as for the splitter


def evaluate(raw: str, macros: dict[str, str], used: set[str] | None = None) -> str:
    """The text of a raw BibTeX value: braced and quoted parts, numbers and macros joined by `#`."""
    raw = raw.strip()
    if raw[:1] == "{" and raw[-1:] == "}" and "{" not in raw[1:-1] and "}" not in raw[1:-1] and raw[-2:-1] != "\\":
        return raw[1:-1]  # fast path: a plainly braced value
    return "".join(_part(p, macros, used) for p in _parts(raw))


def _parts(raw: str) -> list[str]:
    """`raw` split at each `#` outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for m in _DELIMS.finditer(raw):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                raise _ValueProblem("has a `}` that closes no `{`: unbalanced braces")
        elif c == '"' and depth == 0:
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(raw[start : m.start()])
            start = m.end()
    if depth or quoted:
        raise _ValueProblem(
            "has a `{` that is never closed: unbalanced braces" if depth else 'has a `"` that is never closed'
        )
    parts.append(raw[start:])
    return parts


def _part(part: str, macros: dict[str, str], used: set[str] | None) -> str:
    part = part.strip()
    if not part:
        raise _ValueProblem("is empty (nothing between `=` and `,`, or on one side of a `#`)")
    if part[0] in '{"':
        end = _closing(part)
        if end < 0:
            raise _ValueProblem(f"has a `{part[0]}` that is never closed")
        if end != len(part) - 1:
            raise _ValueProblem(f"has text after its closing `{part[end]}`: `{part[end + 1 :].strip()[:30]}`")
        return part[1:-1]
    if part.isdigit():
        return part
    if NAME.fullmatch(part):
        name = part.lower()
        if name in macros:
            if used is not None:
                used.add(name)
            return macros[name]
        if name in MONTH_MACROS:
            return MONTH_MACROS[name]
        raise _ValueProblem(f"uses the @string macro '{part}', which is not defined before the entry", macro=part)
    raise _ValueProblem(f'`{" ".join(part.split())[:40]}` is neither {{braced}}, "quoted", a number nor a @string name')


def _closing(part: str) -> int:
    """Index of the delimiter closing the `{` or `"` that starts `part`, -1 if none."""
    quoted = part[0] == '"'
    depth = 0 if quoted else 1
    for m in _DELIMS.finditer(part, 1):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and not quoted:
                return m.start()
        elif c == '"' and quoted and depth == 0:
            return m.start()
    return -1


def define_string(block: String, macros: dict[str, str], out: BibText) -> None:
    line, name = block.start_line or 0, block.key.strip()
    out.strings.append((line, name))
    try:
        if not NAME.fullmatch(name):
            raise _ValueProblem(f"has the name '{name}', which BibTeX cannot use")
        macros[name.lower()] = evaluate(block.value, macros, out.used_strings)
    except _ValueProblem as exc:
        out.errors.append(
            BibTeXError(
                f"the @string definition '{name}' {exc}; write it as @string{{name = {{text}}}}", line, name, "string"
            )
        )


def read_entry(block: Entry, macros: dict[str, str], out: BibText) -> BibEntry:
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    bad: dict[str, tuple[int, str]] = {}
    bare, resolved = set(), set()
    for f in block.fields:
        name = f.key.strip().lower()
        raw = f.value.strip() if isinstance(f.value, str) else str(f.value)
        if name in fields or name in bad:
            bad.setdefault(f"{name}#2", (f.start_line, f"BibTeX field '{name}' appears twice; keep one"))
            continue
        if not NAME.fullmatch(name):
            bad[name] = (
                f.start_line,
                f"`{' '.join(name.split())[:40]}` is not a BibTeX field name; write each field as `name = {{text}},`",
            )
            continue
        try:
            used: set[str] = set()
            value = evaluate(raw, macros, used)
        except _ValueProblem as exc:
            swallowed = SWALLOWED.match(raw)
            if swallowed:  # `title = {A}` + newline + `author = ...` without a comma between them
                bad[name] = (
                    f.start_line + swallowed.group(1).count("\n"),
                    f"missing comma after the BibTeX field "
                    f"'{name}' (before '{swallowed.group(2)}'); end each field with ','",
                )
            elif exc.macro:
                bad[name] = (
                    f.start_line,
                    f"BibTeX field '{name}' {exc}; define it with @string{{{exc.macro} = "
                    f"{{...}}}} above the entry, or write the text in braces: {name} = {{...}}",
                )
            else:
                bad[name] = (f.start_line, f"BibTeX field '{name}' {exc}; write it as {name} = {{text}}")
            continue
        control = CONTROL.search(value)
        if control:
            bad[name] = (
                f.start_line,
                f"BibTeX field '{name}' holds the control character U+{ord(control.group()):04X}; delete it",
            )
            continue
        if name == "month" and raw.lower() in MONTH_MACROS and raw.lower() not in macros:
            value = raw  # `month = mar`: the month macro of every BibTeX style, kept as written
            bare.add(name)
        elif used or not (raw[:1] in '{"' or raw.isdigit()) or "#" in raw and len(_parts(raw)) > 1:
            resolved.add(name)
        out.used_strings |= used
        fields[name], lines[name] = value, f.start_line
    return BibEntry(
        key=block.key.strip(),
        entry_type=block.entry_type.strip().lower(),
        fields=fields,
        field_lines=lines,
        line=block.start_line or 0,
        bare=frozenset(bare),
        resolved=frozenset(resolved),
        bad=bad,
        raw=block.raw or "",
    )


def replace_key(text: str, key: str) -> str:
    """Replace the citation key of the first entry (not of a @string, @comment or @preamble)."""
    for m in re.finditer(r"(@\s*(\w*)\s*[{(]\s*)[^,\s})]*", text):
        if not block_kind(m.group(2)):
            return text[: m.start()] + m.group(1) + key + text[m.end() :]
    return text
