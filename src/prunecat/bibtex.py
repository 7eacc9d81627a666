"""BibTeX as pasted from Google Scholar, DBLP, arXiv or a publisher: parse once, decode what is shown.

bibtexparser (v2) splits the text into blocks and fields; the field values are then read here as
BibTeX reads them, so that no text changes on the way in or out:

- a value is `{braced}`, `"quoted"`, a number or the name of a macro, and `#` joins such parts (a
  `#` inside braces or quotes is text: `page#sec-2`, "C#");
- macros are the `@string` definitions made *before* the entry (later ones do not count, as in
  BibTeX) and the month names jan ... dec; a field that is exactly one month macro (`month = mar`)
  keeps it, unexpanded (see `BibEntry.bare`), every other macro is replaced by its text;
- `@comment` and `@preamble` belong to no entry and are left out; the text between blocks is a
  comment, as for BibTeX, so a `%` does not hide an entry that follows it on its line;
- BibTeX itself has no comment character inside an entry; a `%` outside braces and quotes there
  (a `% note` line between two fields) is read as a comment to the end of its line, as biber and
  most reference managers do, and reported, so that the field after it is never lost.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Iterable

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    Entry,
    ExplicitComment,
    ParsingFailedBlock,
    Preamble,
    String,
)

# bibtexparser logs every block it cannot parse; we report those ourselves, with the entry's path.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

_MONTHS = {m: str(i) for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
#: The month macros every BibTeX style defines.
MONTH_MACROS = dict(zip(_MONTHS, "January February March April May June July August September October "
                                 "November December".split()))
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})", re.I)
# A raw field value that swallowed the next field because the comma between them is missing: one
# braced, quoted or bare value, then `name =`.
_SWALLOWED = re.compile(r'^(\{(?:[^{}]|\{[^{}]*\})*\}|"[^"]*"|[^\s{}"#,]+)\s+([A-Za-z][\w-]*)\s*=')
_ARXIV_ID = re.compile(r"^(?:arXiv:)?([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$", re.I)
#: Where bibtexparser's splitter sees a block start (`@type` then `{` or `(`), anywhere in the text.
_BLOCK_START = re.compile(r"@(\w*)[ \t]*(?=[{(])")
#: A BibTeX name (field, macro): no white space, none of "#%'(),={}, not starting with a digit.
_NAME = re.compile(r"""[^\s"#%'(),={}0-9][^\s"#%'(),={}]*""")
#: Characters that would not survive the entry file (YAML line breaks) or are invisible garbage.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_SPACE = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class BibEntry:
    """One parsed BibTeX entry. `fields` holds the text of each field as BibTeX reads it (braces and
    LaTeX kept, macros and `#` resolved), keyed by lower-case name."""

    key: str
    entry_type: str
    fields: dict[str, str]
    field_lines: dict[str, int]  # 0-based line within the BibTeX text
    line: int = 0  # 0-based line of the `@`
    bare: frozenset[str] = frozenset()  # fields that are one month macro, e.g. `month = mar`
    resolved: frozenset[str] = frozenset()  # fields whose text came from macros or `#`
    bad: dict[str, tuple[int, str]] = field(default_factory=dict)  # field -> (line, why it cannot be read)
    raw: str = ""  # the entry's text, `@` to closing brace

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()


class BibTeXError(ValueError):
    def __init__(self, message: str, line: int = 0, key: str = "", kind: str = "parse", reason: str = ""):
        super().__init__(message)
        self.line = line  # 0-based within the BibTeX text
        self.key = key  # the citation key of the entry, when known
        #: "parse" (the block), "string" (a @string definition), "repeated-key", "field" (a field's
        #: value cannot be read), "count" (not exactly one entry where one is expected)
        self.kind = kind
        self.reason = reason or message  # why, without "the BibTeX does not parse" in front


@dataclass
class BibText:
    """A whole BibTeX text: its entries in order, the blocks that cannot be read, and what was left
    out (comments, preambles) or resolved (macros) on the way."""

    entries: list[BibEntry] = field(default_factory=list)
    errors: list[BibTeXError] = field(default_factory=list)
    comments: list[int] = field(default_factory=list)  # 0-based lines of @comment blocks
    preambles: list[int] = field(default_factory=list)  # 0-based lines of @preamble blocks
    strings: list[tuple[int, str]] = field(default_factory=list)  # (line, name) of @string definitions
    percent: list[tuple[int, str]] = field(default_factory=list)  # (line, entry key) of `%` comments inside entries
    hidden: list[tuple[int, str]] = field(default_factory=list)  # (line, key) of entries after a `%` on their line
    used_strings: set[str] = field(default_factory=set)  # lower-case @string names some field uses


def parse_text(text: str) -> BibText:
    """Every block of a BibTeX text, read as BibTeX reads it (see the module docstring)."""
    out = BibText()
    blanked = _blank_percent_comments(text, out) if "%" in text else text
    library = bibtexparser.parse_string(blanked, parse_stack=[])
    macros: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = block.start_line or 0
        if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, (Entry, String)):
            # a repeated key or field: judged below, case-insensitively, as BibTeX does
            block = block.ignore_error_block
        if isinstance(block, String):
            _define(block, macros, out)
        elif isinstance(block, ExplicitComment):
            out.comments.append(line)
        elif isinstance(block, Preamble):
            out.preambles.append(line)
        elif isinstance(block, Entry):
            entry = _entry(block, macros, out)
            first = first_line.setdefault(entry.key.lower(), entry.line)
            if first != entry.line:
                out.errors.append(BibTeXError(
                    f"the citation key '{entry.key}' is taken by the entry at line {first + 1}; "
                    "BibTeX reads only the first: give this entry its own key", entry.line, entry.key, "repeated-key"))
            else:
                out.entries.append(entry)
        elif isinstance(block, ParsingFailedBlock):
            out.errors.append(_diagnose(block.raw or "", line))
    return out


def parse_entry(text: str) -> BibEntry:
    """Parse text holding exactly one BibTeX entry (plus optional @string/@comment blocks)."""
    parsed = parse_text(text)
    failed = [e for e in parsed.errors if e.kind != "repeated-key"]
    if failed:
        raise min(failed, key=lambda e: e.line)
    starts = sorted([e.line for e in parsed.entries] + [e.line for e in parsed.errors])
    if len(starts) != 1:
        second = starts[1:2]  # the line where the extra entry starts
        raise BibTeXError(f"expected exactly one BibTeX entry such as @article{{key, ...}}, found {len(starts)}",
                          second[0] if second else 0, kind="count")
    entry = parsed.entries[0]
    if entry.bad:
        line, message = min(entry.bad.values())
        raise BibTeXError(message, line, entry.key, kind="field")
    return entry


def with_key(text: str, key: str) -> str:
    """The BibTeX entry of `text` alone, with `key` as its citation key (exports use the paper key
    for uniqueness): @string macros resolved; @comment, @preamble and `%` comments left out."""
    text = text.strip()
    starts = _BLOCK_START.findall(text)
    if text.startswith("@") and "%" not in text and len(starts) == 1 and not _kind(starts[0]):
        return _replace_key(text, key)  # the common case: one entry, nothing to resolve
    try:
        parsed = parse_text(text)
    except Exception:  # cannot happen for a checked entry; keep the text as it is for anything else
        return _replace_key(text, key)
    if len(parsed.entries) != 1 or parsed.entries[0].bad:
        return _replace_key(text, key)
    entry = parsed.entries[0]
    if not entry.resolved and not parsed.percent:
        return _replace_key(entry.raw.strip(), key)  # the entry's own text, without what surrounds it
    return write_entry(entry.entry_type, key, [(name, value, name in entry.bare) for name, value in entry.fields.items()])


def write_entry(entry_type: str, key: str, fields: Iterable[tuple[str, str] | tuple[str, str, bool]]) -> str:
    """The one BibTeX writer of the package: `@type{key,` and `  name = {text},` a line, closed by
    `}` (no newline after it). Fields are (name, text) or (name, text, bare), where bare is for a
    month macro such as `mar`, written without braces. Runs of white space become one space, as
    BibTeX reads them. The text is written as given: escape plain text with `tex_escape` first."""
    fields = list(fields)
    lines = [f"@{entry_type}{{{key},"]
    for i, (name, value, *bare) in enumerate(fields):
        value = _SPACE.sub(" ", value).strip()
        lines.append(f"  {name} = {value if bare and bare[0] else '{' + value + '}'}" + ("," if i < len(fields) - 1 else ""))
    lines.append("}")
    return "\n".join(lines)


_TEX_SPECIAL = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$", "{": r"\{", "}": r"\}",
                "~": r"\textasciitilde{}", "^": r"\^{}", "\\": r"\textbackslash{}"}


def tex_escape(text: str) -> str:
    """Plain text as the text of a braced BibTeX value: every TeX special character escaped."""
    return "".join(_TEX_SPECIAL.get(c, c) for c in text)


def tex_title(title: str) -> str:
    """A title as BibTeX text: special characters escaped, `$...$` math kept, and words whose
    capitals a bibliography style must not lower-case (SNIP, ConvNets, 1xN, N:M) protected in braces."""
    out = []
    for n, part in enumerate(re.split(r"(\$[^$]+\$)", title)):
        if n % 2:
            out.append(part)  # LaTeX math, e.g. $L_0$
            continue
        out.append(re.sub(r"[A-Za-z0-9](?:[A-Za-z0-9:\-]*[A-Za-z0-9])?", _protect, tex_escape(part)))
    return "".join(out)


def _protect(m: re.Match) -> str:
    word = m.group(0)
    parts = re.split(r"[:\-]", word)
    if any(re.search(r"[A-Z]", p[1:]) for p in parts) or re.search(r"[A-Z]:[A-Z]", word):
        return "{" + word + "}"
    return word


def _kind(block_type: str) -> str:
    """'string', 'comment' or 'preamble' for those blocks, '' for an entry (as bibtexparser tells them)."""
    block_type = block_type.lower()
    return next((k for k in ("comment", "preamble", "string") if block_type.startswith(k)), "")


# ---------------------------------------------------------------------------------------------
# Reading values


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
            parts.append(raw[start:m.start()])
            start = m.end()
    if depth or quoted:
        raise _ValueProblem("has a `{` that is never closed: unbalanced braces" if depth
                            else "has a `\"` that is never closed")
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
            raise _ValueProblem(f"has text after its closing `{part[end]}`: `{part[end + 1:].strip()[:30]}`")
        return part[1:-1]
    if part.isdigit():
        return part
    if _NAME.fullmatch(part):
        name = part.lower()
        if name in macros:
            if used is not None:
                used.add(name)
            return macros[name]
        if name in MONTH_MACROS:
            return MONTH_MACROS[name]
        raise _ValueProblem(f"uses the @string macro '{part}', which is not defined before the entry", macro=part)
    raise _ValueProblem(f"`{' '.join(part.split())[:40]}` is neither {{braced}}, \"quoted\", a number nor a @string name")


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


def _define(block: String, macros: dict[str, str], out: BibText) -> None:
    line, name = block.start_line or 0, block.key.strip()
    out.strings.append((line, name))
    try:
        if not _NAME.fullmatch(name):
            raise _ValueProblem(f"has the name '{name}', which BibTeX cannot use")
        macros[name.lower()] = evaluate(block.value, macros, out.used_strings)
    except _ValueProblem as exc:
        out.errors.append(BibTeXError(f"the @string definition '{name}' {exc}; write it as @string{{name = {{text}}}}",
                                      line, name, "string"))


def _entry(block: Entry, macros: dict[str, str], out: BibText) -> BibEntry:
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
        if not _NAME.fullmatch(name):
            bad[name] = (f.start_line, f"`{' '.join(name.split())[:40]}` is not a BibTeX field name; "
                                       "write each field as `name = {text},`")
            continue
        try:
            used: set[str] = set()
            value = evaluate(raw, macros, used)
        except _ValueProblem as exc:
            swallowed = _SWALLOWED.match(raw)
            if swallowed:  # `title = {A}` + newline + `author = ...` without a comma between them
                bad[name] = (f.start_line + swallowed.group(1).count("\n"), f"missing comma after the BibTeX field "
                             f"'{name}' (before '{swallowed.group(2)}'); end each field with ','")
            elif exc.macro:
                bad[name] = (f.start_line, f"BibTeX field '{name}' {exc}; define it with @string{{{exc.macro} = "
                                           f"{{...}}}} above the entry, or write the text in braces: {name} = {{...}}")
            else:
                bad[name] = (f.start_line, f"BibTeX field '{name}' {exc}; write it as {name} = {{text}}")
            continue
        control = _CONTROL.search(value)
        if control:
            bad[name] = (f.start_line, f"BibTeX field '{name}' holds the control character "
                                       f"U+{ord(control.group()):04X}; delete it")
            continue
        if name == "month" and raw.lower() in MONTH_MACROS and raw.lower() not in macros:
            value = raw  # `month = mar`: the month macro of every BibTeX style, kept as written
            bare.add(name)
        elif used or not (raw[:1] in '{"' or raw.isdigit()) or "#" in raw and len(_parts(raw)) > 1:
            resolved.add(name)
        out.used_strings |= used
        fields[name], lines[name] = value, f.start_line
    return BibEntry(key=block.key.strip(), entry_type=block.entry_type.strip().lower(), fields=fields,
                    field_lines=lines, line=block.start_line or 0, bare=frozenset(bare),
                    resolved=frozenset(resolved), bad=bad, raw=block.raw or "")


def _replace_key(text: str, key: str) -> str:
    """Replace the citation key of the first entry (not of a @string, @comment or @preamble)."""
    for m in re.finditer(r"(@\s*(\w*)\s*[{(]\s*)[^,\s})]*", text):
        if not _kind(m.group(2)):
            return text[:m.start()] + m.group(1) + key + text[m.end():]
    return text


# ---------------------------------------------------------------------------------------------
# `%` comments inside entries, and why a block does not parse


_SIGNIFICANT = re.compile(r'[{}"(),%@\n]')


def _blank_percent_comments(text: str, out: BibText) -> str:
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
        m = _BLOCK_START.search(text, pos)
        if not m:
            return "".join(chars)
        kind = _kind(m.group(1))
        closer = ")" if text[m.end()] == "(" else "}"
        key = re.match(r"\s*([^,\s})]*)", text[m.end() + 1:m.end() + 200]).group(1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not kind and "%" in text[line_start:m.start()]:
            out.hidden.append((line_at(m.start()), key))
        depth, quoted, key_done, end, skip_to = 0, False, kind != "", n, 0
        for sig in _SIGNIFICANT.finditer(text, m.end() + 1):
            i, c = sig.start(), sig.group()
            if c == "\n":
                line_start = i + 1
                continue
            if i < skip_to or text[i - 1] == "\\":
                continue  # an escaped delimiter is text, as for the splitter
            if c == "@" and not text[line_start:i].strip() and _BLOCK_START.match(text, i):
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


def _diagnose(raw: str, line: int) -> BibTeXError:
    """Why a block does not parse, naming the field at fault where there is one."""
    head = re.match(r"@(\w*)\s*([{(])\s*([^,\s})=]*)", raw)
    if not head:
        return _unparsable("write an entry as @type{key, name = {text}, ...}", line)
    key = head.group(3)
    closer = ")" if head.group(2) == "(" else "}"
    rest = raw[head.end():]
    comma, equals = rest.find(","), rest.find("=")
    if equals >= 0 and (comma < 0 or equals < comma):
        return _unparsable(f"a missing comma after the citation key '{key}'? "
                           f"write @type{{key, name = {{text}}, ...}}", line, key)
    i = comma + 1
    while 0 < i < len(rest):
        m = _FIELD_NAME.match(rest, i)
        name, i = m.group(1).lower(), m.end()
        if not m.group(2) and name:
            return _unparsable(f"the field '{name}' has no `=`; write each field as `name = {{text}},`",
                               line, key)
        if i >= len(rest) or rest[i] == closer:
            break
        if not m.group(2):
            return _unparsable(f"`{rest[i:i + 20].strip()}` is not a field; "
                               "write each field as `name = {text},`", line, key)
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
                elif c in ",}" and depth == 0 and not quoted or (c == ")" and closer == ")" and not quoted and not depth):
                    break
            j += 1
        if j >= len(rest):
            what = ("a `\"` in it is never closed" if quoted else "a `{` in it is never closed" if depth
                    else "a `{` in it, or the entry's own, is never closed")
            return _unparsable(f"unbalanced braces or quotes in the field '{name}' ({what}); balance them",
                               line, key)
        if j >= len(rest) or rest[j] != ",":
            break
        i = j + 1
    return _unparsable("(unbalanced braces or quotes, or a missing comma between fields?); "
                       "write each field as `name = {text},` and end the entry with `}`", line, key)


# ---------------------------------------------------------------------------------------------
# Decoding only the fields that are shown (decoding everything dominates the load time)


def decode(value: str) -> str:
    """LaTeX to plain text; the fast path skips pylatexenc when only braces need removing."""
    if "\\" in value or "$" in value or "~" in value or "--" in value:
        return _latex_to_text(value)
    return " ".join(value.replace("{", "").replace("}", "").split())


def _latex_to_text(value: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # imported lazily: rarely needed

    global _converter
    if _converter is None:
        _converter = LatexNodes2Text(math_mode="verbatim")
    try:
        text = _converter.latex_to_text(value)
    except Exception:  # pylatexenc raises assorted errors on odd input; show braces-free raw text
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())


_converter = None


def authors(value: str) -> list[str]:
    """Author names as 'First von Last, Jr' from a BibTeX author field."""
    names = []
    for person in split_multiple_persons_names(value):
        if person.strip().lower() == "others":
            names.append("et al.")
            continue
        parts = parse_single_name_into_parts(person, strict=False)
        name = " ".join(parts.first + parts.von + parts.last)
        if parts.jr:
            name += ", " + " ".join(parts.jr)
        names.append(decode(name))
    return [n for n in names if n]


def arxiv_id(fields: dict[str, str]) -> str:
    """The arXiv id from eprint (arXiv archive) or an arxiv.org URL, without version."""
    eprint = fields.get("eprint", "").strip()
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "arxiv")).strip().lower()
    if eprint and prefix in ("arxiv", ""):
        m = _ARXIV_ID.match(eprint)
        if m:
            return m.group(1)
    for name in ("url", "journal", "volume", "note"):
        m = _ARXIV_URL.search(fields.get(name, "")) or _ARXIV_ID.match(fields.get(name, "").replace("arXiv preprint ", "").strip())
        if m:
            return m.group(1)
    return ""


def month(value: str) -> str:
    return _MONTHS.get(value.strip().lower()[:3], value.strip())
