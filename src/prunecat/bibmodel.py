"""What a BibTeX text is read into (bibtex.py reads it): entries, the blocks that fail, what was
left out; and the patterns the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


MONTHS = {m: str(i) for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
#: The month macros every BibTeX style defines.
MONTH_MACROS = dict(
    zip(MONTHS, "January February March April May June July August September October November December".split())
)
ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})", re.I)
# A raw field value that swallowed the next field because the comma between them is missing: one
# braced, quoted or bare value, then `name =`.
SWALLOWED = re.compile(r'^(\{(?:[^{}]|\{[^{}]*\})*\}|"[^"]*"|[^\s{}"#,]+)\s+([A-Za-z][\w-]*)\s*=')
ARXIV_ID = re.compile(r"^(?:arXiv:)?([0-9]{4}\.[0-9]{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$", re.I)
#: Where bibtexparser's splitter sees a block start (`@type` then `{` or `(`), anywhere in the text.
BLOCK_START = re.compile(r"@(\w*)[ \t]*(?=[{(])")
#: A BibTeX name (field, macro): no white space, none of "#%'(),={}, not starting with a digit.
NAME = re.compile(r"""[^\s"#%'(),={}0-9][^\s"#%'(),={}]*""")
#: Characters that would not survive the entry file (YAML line breaks) or are invisible garbage.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
SPACE = re.compile(r"[ \t\r\n]+")


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


def block_kind(block_type: str) -> str:
    """'string', 'comment' or 'preamble' for those blocks, '' for an entry (as bibtexparser tells them)."""
    block_type = block_type.lower()
    return next((k for k in ("comment", "preamble", "string") if block_type.startswith(k)), "")
