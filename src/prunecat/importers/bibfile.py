"""Import a .bib file as exported by Zotero, Google Scholar, DBLP or JabRef: one entry per paper.

@string macros are resolved, @comment and @preamble are ignored, entries that bibtexparser cannot
parse or that repeat a citation key are reported, never fatal. Labels are left empty: the papers
show up on the site as "not yet labelled" until a maintainer labels them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser

from .. import bibtex
from ..keys import make_key
from ..load import validate_entry_text
from ..model import Catalog, normalize_title
from ..entryfile import dump_entry

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

# Fields worth keeping in the entry; the rest (abstract, file, keywords, ...) are exporter noise.
KEEP = ("title", "author", "editor", "booktitle", "journal", "volume", "number", "pages", "year", "month",
        "publisher", "school", "institution", "doi", "eprint", "archiveprefix", "primaryclass", "url", "note")


@dataclass
class BibImport:
    entries: list[tuple[str, dict]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def import_bib_file(path: Path, catalog: Catalog, *, added: dt.date) -> BibImport:
    result = BibImport()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_bytes().decode("latin-1")
        result.problems.append(f"{path}: not UTF-8; read as Latin-1, check accented names")
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        what = "repeats a citation key" if "Duplicate" in type(block).__name__ else "does not parse"
        result.problems.append(f"{path}:{line}: entry {what}; skipped")
    strings = {s.key.lower(): s.value for s in library.strings}
    seen = _known(catalog)
    taken = {p.key for p in catalog.papers}
    for entry in library.entries:
        line = entry.start_line + 1
        fields = {f.key.lower(): _resolve(f.value, strings) for f in entry.fields}
        title = bibtex.decode(fields.get("title", ""))
        if not title:
            result.problems.append(f"{path}:{line}: entry '{entry.key}' has no title; skipped")
            continue
        ids = {normalize_title(title), bibtex.arxiv_id(fields), fields.get("doi", "").lower()} - {""}
        if ids & seen:
            result.skipped.append(title)
            continue
        key = make_key(fields.get("author", ""), fields.get("year", ""), title, taken)
        data = {"bibtex": _bibtex(entry.entry_type, key, fields), "added": added}
        paper, problems = validate_entry_text(dump_entry(data), f"papers/{key}.yml", key, catalog.taxonomy)
        if paper is None:
            result.problems += [f"{path}:{line}: entry '{entry.key}' skipped: {p.message}" for p in problems if p.severity == "error"]
            continue
        taken.add(key)
        seen |= ids
        result.entries.append((key, data))
    result.entries.sort()
    return result


def _known(catalog: Catalog) -> set[str]:
    out = set()
    for p in catalog.papers:
        out |= {normalize_title(p.title), p.arxiv, p.doi.lower()} - {""}
    return out


def _resolve(value: object, strings: dict[str, str]) -> str:
    text = str(value).strip()
    if text.lower() in strings:
        return strings[text.lower()]
    if text.lower()[:3] in bibtex._MONTHS and len(text) <= 9 and text.isalpha():
        return text.lower()[:3]  # month macros: jan, feb, ...
    # "#" concatenation of macros and quoted parts
    if "#" in text:
        return "".join(strings.get(p.strip().lower(), p.strip().strip('"')) for p in text.split("#"))
    return text


def _bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    kind = re.sub(r"[^a-z]", "", entry_type.lower()) or "misc"
    lines = [f"@{kind}{{{key},"]
    kept = [(name, fields[name]) for name in KEEP if fields.get(name)]
    for i, (name, value) in enumerate(kept):
        value = " ".join(value.split())
        lines.append(f"  {name} = {{{value}}}" + ("," if i < len(kept) - 1 else ""))
    lines.append("}")
    return "\n".join(lines)
