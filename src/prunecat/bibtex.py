"""BibTeX as pasted from Google Scholar, DBLP, arXiv or a publisher: parse once, decode what is shown."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

# bibtexparser logs every block it cannot parse; we report those ourselves, with the entry's path.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

_MONTHS = {m: str(i) for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})", re.I)
# A raw field value that swallowed the next field because the comma between them is missing: one
# braced, quoted or bare value, then `name =`.
_SWALLOWED = re.compile(r'^(\{(?:[^{}]|\{[^{}]*\})*\}|"[^"]*"|[^\s{}"#,]+)\s+([A-Za-z][\w-]*)\s*=')
_ARXIV_ID = re.compile(r"^(?:arXiv:)?([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$", re.I)


@dataclass(frozen=True)
class BibEntry:
    """One parsed BibTeX entry. `fields` keeps raw values (braces, LaTeX) keyed by lower-case name."""

    key: str
    entry_type: str
    fields: dict[str, str]
    field_lines: dict[str, int]  # 0-based line within the BibTeX text

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()


class BibTeXError(ValueError):
    def __init__(self, message: str, line: int = 0):  # line: 0-based within the BibTeX text
        super().__init__(message)
        self.line = line


def parse_entry(text: str) -> BibEntry:
    """Parse text holding exactly one BibTeX entry (plus optional @string/@comment blocks)."""
    library = bibtexparser.parse_string(text)
    entries = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateFieldKeyBlock):
            entries.append(block.ignore_error_block)  # its repeated field is reported below, on its line
        elif isinstance(block, DuplicateBlockKeyBlock):
            entries.append(block)  # a second entry with the same citation key
        else:
            raise BibTeXError(
                "the BibTeX does not parse (unbalanced braces or quotes, or a missing comma between fields?)",
                block.start_line or 0,
            )
    if len(entries) != 1:
        second = sorted(b.start_line or 0 for b in entries)[1:2]  # the line where the extra entry starts
        raise BibTeXError(f"expected exactly one BibTeX entry such as @article{{key, ...}}, found {len(entries)}",
                          second[0] if second else 0)
    entry = entries[0]
    enclosing = entry.parser_metadata.get("removed_enclosing", {})
    strings = {s.key.lower(): s.value for s in library.strings}
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for f in entry.fields:
        name = f.key.lower()
        if name in fields:
            raise BibTeXError(f"BibTeX field '{name}' appears twice; keep one", f.start_line)
        value = f.value if isinstance(f.value, str) else str(f.value)
        swallowed = _SWALLOWED.match(value) if enclosing.get(f.key, "no-enclosing") == "no-enclosing" else None
        if swallowed:  # `title = {A}` + newline + `author = ...` without a comma between them
            raise BibTeXError(f"missing comma after the BibTeX field '{name}' (before '{swallowed.group(2)}'); end each field with ','",
                              f.start_line + swallowed.group(1).count("\n"))
        fields[name] = strings.get(value.lower(), value)  # resolve @string macros
        lines[name] = f.start_line
    return BibEntry(key=entry.key, entry_type=entry.entry_type.lower(), fields=fields, field_lines=lines)


def with_key(text: str, key: str) -> str:
    """The BibTeX text with its citation key replaced (exports use the paper key for uniqueness)."""
    return re.sub(r"(@\s*[A-Za-z]+\s*[{(]\s*)[^,\s]*", lambda m: m.group(1) + key, text.strip(), count=1)


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
