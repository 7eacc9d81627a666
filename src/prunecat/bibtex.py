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

# the types and patterns of bibmodel.py are this module's interface too (bibtex.BibTeXError ...)
from .bibmodel import (  # noqa: F401
    ARXIV_ID,
    ARXIV_URL,
    BLOCK_START,
    MONTH_MACROS,
    MONTHS,
    SPACE,
    BibEntry,
    BibTeXError,
    BibText,
    block_kind,
)
from .bibscan import blank_percent_comments, diagnose
from .bibvalues import define_string, read_entry, replace_key

# bibtexparser logs every block it cannot parse; we report those ourselves, with the entry's path.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


def parse_text(text: str) -> BibText:
    """Every block of a BibTeX text, read as BibTeX reads it (see the module docstring)."""
    out = BibText()
    blanked = blank_percent_comments(text, out) if "%" in text else text
    library = bibtexparser.parse_string(blanked, parse_stack=[])
    macros: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = block.start_line or 0
        if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, (Entry, String)):
            # a repeated key or field: judged below, case-insensitively, as BibTeX does
            block = block.ignore_error_block
        if isinstance(block, String):
            define_string(block, macros, out)
        elif isinstance(block, ExplicitComment):
            out.comments.append(line)
        elif isinstance(block, Preamble):
            out.preambles.append(line)
        elif isinstance(block, Entry):
            entry = read_entry(block, macros, out)
            first = first_line.setdefault(entry.key.lower(), entry.line)
            if first != entry.line:
                out.errors.append(
                    BibTeXError(
                        f"the citation key '{entry.key}' is taken by the entry at line {first + 1}; "
                        "BibTeX reads only the first: give this entry its own key",
                        entry.line,
                        entry.key,
                        "repeated-key",
                    )
                )
            else:
                out.entries.append(entry)
        elif isinstance(block, ParsingFailedBlock):
            out.errors.append(diagnose(block.raw or "", line))
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
        raise BibTeXError(
            f"expected exactly one BibTeX entry such as @article{{key, ...}}, found {len(starts)}",
            second[0] if second else 0,
            kind="count",
        )
    entry = parsed.entries[0]
    if entry.bad:
        line, message = min(entry.bad.values())
        raise BibTeXError(message, line, entry.key, kind="field")
    return entry


def with_key(text: str, key: str) -> str:
    """The BibTeX entry of `text` alone, with `key` as its citation key (exports use the paper key
    for uniqueness): @string macros resolved; @comment, @preamble and `%` comments left out."""
    text = text.strip()
    starts = BLOCK_START.findall(text)
    if text.startswith("@") and "%" not in text and len(starts) == 1 and not block_kind(starts[0]):
        return replace_key(text, key)  # the common case: one entry, nothing to resolve
    try:
        parsed = parse_text(text)
    except Exception:  # cannot happen for a checked entry; keep the text as it is for anything else
        return replace_key(text, key)
    if len(parsed.entries) != 1 or parsed.entries[0].bad:
        return replace_key(text, key)
    entry = parsed.entries[0]
    if not entry.resolved and not parsed.percent:
        return replace_key(entry.raw.strip(), key)  # the entry's own text, without what surrounds it
    return write_entry(
        entry.entry_type, key, [(name, value, name in entry.bare) for name, value in entry.fields.items()]
    )


def write_entry(entry_type: str, key: str, fields: Iterable[tuple[str, str] | tuple[str, str, bool]]) -> str:
    """The one BibTeX writer of the package: `@type{key,` and `  name = {text},` a line, closed by
    `}` (no newline after it). Fields are (name, text) or (name, text, bare), where bare is for a
    month macro such as `mar`, written without braces. Runs of white space become one space, as
    BibTeX reads them. The text is written as given: escape plain text with `tex_escape` first."""
    fields = list(fields)
    lines = [f"@{entry_type}{{{key},"]
    for i, (name, value, *bare) in enumerate(fields):
        value = SPACE.sub(" ", value).strip()
        lines.append(
            f"  {name} = {value if bare and bare[0] else '{' + value + '}'}" + ("," if i < len(fields) - 1 else "")
        )
    lines.append("}")
    return "\n".join(lines)


_TEX_SPECIAL = {
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
    "\\": r"\textbackslash{}",
}


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
        m = ARXIV_ID.match(eprint)
        if m:
            return m.group(1)
    for name in ("url", "journal", "volume", "note"):
        m = ARXIV_URL.search(fields.get(name, "")) or ARXIV_ID.match(
            fields.get(name, "").replace("arXiv preprint ", "").strip()
        )
        if m:
            return m.group(1)
    return ""


def month(value: str) -> str:
    return MONTHS.get(value.strip().lower()[:3], value.strip())
