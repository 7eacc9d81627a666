"""`catalog enrich`: fill missing authors, DOI, venue and arXiv id from the arXiv API and Crossref.

Only missing BibTeX fields are added, never a present one changed. A record found by title search
is used only when its normalised title is exactly the entry's (and year and first author agree
where both are known). All look-ups happen first; files are rewritten (canonical form, atomically)
only when every look-up succeeded, and only the entries that gained a field. Offline, nothing
changes.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import bibtex, remote
from ..entryfile import canonical_fields, dump_entry
from ..files import atomic_write
from ..keys import family_name
from ..load import load_catalog, validate_entry_text
from ..model import Paper
from ..problems import UserError
from ..taxonomy import Taxonomy
from ..yamlio import load_yaml_text

#: What can be missing, and the BibTeX fields that hold it.
WHAT = {"author": ("author",), "doi": ("doi",), "venue": ("journal", "booktitle"), "arxiv": ("eprint", "archiveprefix")}
FROM_ARXIV = {"author", "doi", "arxiv"}
FROM_CROSSREF = {"author", "doi", "venue"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("enrich", help="fill missing authors, DOI, venue and arXiv id from arXiv and Crossref")
    parser.add_argument(
        "--key", action="append", metavar="KEY", help="only this entry (repeatable or comma-separated; default: all)"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would be filled, change nothing")
    parser.set_defaults(run=run)


@dataclass
class Plan:
    paper: Paper
    filled: dict[str, str] = field(default_factory=dict)  # BibTeX field -> value
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""  # the new entry file


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not (root / "taxonomy.yml").is_file():
        raise UserError(
            f"{root} is not a catalog folder (it has no taxonomy.yml); run from the repository or give --root"
        )
    catalog = load_catalog(root, strict=False)
    papers = list(catalog.papers)
    selected = _select(root, papers, args.key)
    todo = [(p, m) for p in selected if (m := missing(p))]
    plans: list[Plan] = []
    progress = _tty(sys.stderr)
    try:
        for i, (paper, gaps) in enumerate(todo, 1):
            if progress:
                print(f"\r{i}/{len(todo)} {paper.key}\033[K", end="", file=sys.stderr, flush=True)
            plans.append(plan(paper, gaps, papers))
    except remote.RemoteFailure as exc:
        if progress:
            print(file=sys.stderr)
        print(f"catalog enrich: {exc}; nothing was changed", file=sys.stderr)
        return 2
    if progress:
        print("\r\033[K", end="", file=sys.stderr)

    changed = []
    for p in plans:
        for note in p.notes:
            print(f"{p.paper.path}: {note}")
        if not p.filled:
            continue
        p.text, problem = _rewrite(root / p.paper.path, p, catalog.taxonomy)
        if problem:
            print(f"{p.paper.path}: {problem}; left unchanged")
            continue
        verb = "would fill" if args.dry_run else "filled"
        print(f"{p.paper.path}: {verb} {', '.join(p.filled)} (from {', '.join(p.sources)})")
        changed.append(p)
    if not args.dry_run:
        for p in changed:
            atomic_write(root / p.paper.path, p.text)
    verb = "would change" if args.dry_run else "changed"
    print(f"{len(selected)} entries checked, {len(todo)} with missing fields looked up, {len(changed)} {verb}.")
    return 0


def missing(paper: Paper) -> set[str]:
    """What of author, doi, venue, arxiv an entry lacks (and could take without overwriting)."""
    fields = _fields(paper)
    gaps = set()
    if not fields.get("author", "").strip():
        gaps.add("author")
    if not fields.get("doi", "").strip():
        gaps.add("doi")
    if not fields.get("journal", "").strip() and not fields.get("booktitle", "").strip():
        gaps.add("venue")
    if not paper.arxiv and "eprint" not in fields:
        gaps.add("arxiv")
    return gaps


def plan(paper: Paper, gaps: set[str], papers: list[Paper]) -> Plan:
    """Look the paper up and collect the fields to add. Raises remote.RemoteFailure."""
    result = Plan(paper)
    fields = _fields(paper)
    doi = paper.doi
    if gaps & FROM_ARXIV:
        if paper.arxiv:
            record = remote.arxiv_by_id(paper.arxiv)
        else:
            record = match(remote.arxiv_search_title(paper.title), paper, fields)
        if record:
            _take(result, record.bib_fields(), gaps, fields, papers, f"arXiv {record.arxiv}")
            doi = doi or result.filled.get("doi", "")
    if (gaps - _filled_gaps(result)) & FROM_CROSSREF:
        if doi:
            record = remote.crossref_by_doi(doi)
        else:
            record = match(remote.crossref_search_title(paper.title), paper, fields)
        if record:
            _take(result, record.bib_fields(), gaps, fields, papers, f"Crossref {record.doi}")
    return result


def match(records: list[remote.Record], paper: Paper, fields: dict[str, str]) -> remote.Record | None:
    """The record that is this paper: the same normalised title, and year and first author agreeing."""
    first = family_name(fields.get("author", ""))
    for record in records:
        if not remote.same_title(record.title, paper.title):
            continue
        if paper.year and record.year and abs(record.year - paper.year) > 2:
            continue
        if first and record.authors and first not in {family_name(a) for a in record.authors}:
            continue
        return record
    return None


# ---------------------------------------------------------------------------------------------
# Helpers


def _fields(paper: Paper) -> dict[str, str]:
    return bibtex.parse_entry(paper.bibtex).fields  # parsed before, by load_catalog: cannot fail


def _take(
    result: Plan, offered: dict[str, str], gaps: set[str], fields: dict[str, str], papers: list[Paper], source: str
) -> None:
    used = False
    for what in sorted(gaps):
        names = [n for n in WHAT[what] if n in offered and n not in fields and n not in result.filled]
        if not names or (what == "venue" and _filled_gaps(result) & {"venue"}):
            continue
        other = _owner(what, offered, result.paper, papers)
        if other:
            result.notes.append(
                f"{source} gives {_show(what, offered)}, which is already {other.path} ({other.key}): possible duplicate, not filled"
            )
            continue
        for name in names:
            result.filled[name] = offered[name]
        used = True
    if used:
        result.sources.append(source)


def _filled_gaps(result: Plan) -> set[str]:
    return {what for what, names in WHAT.items() if any(n in result.filled for n in names)}


def _owner(what: str, offered: dict[str, str], paper: Paper, papers: list[Paper]) -> Paper | None:
    """Another entry that already has the DOI or arXiv id offered for `paper`."""
    for other in papers:
        if other.key == paper.key:
            continue
        if what == "doi" and other.doi and other.doi.lower() == offered["doi"].lower():
            return other
        if what == "arxiv" and other.arxiv and other.arxiv == offered.get("eprint"):
            return other
    return None


def _show(what: str, offered: dict[str, str]) -> str:
    return f"DOI {offered['doi']}" if what == "doi" else f"arXiv id {offered.get('eprint')}"


def add_bibtex_fields(text: str, new: dict[str, str]) -> str:
    """The BibTeX text with fields appended before the entry's closing brace, in its own style."""
    body = text.rstrip()
    if not body or body[-1] not in "})":
        raise ValueError("the entry does not end with its closing brace")
    closing, inner = body[-1], body[:-1].rstrip()
    lines = inner.splitlines()
    indent = next((m.group(1) for line in lines[1:] if (m := re.match(r"^([ \t]+)[A-Za-z][\w-]*\s*=", line))), "  ")
    tight = bool(re.search(r"[A-Za-z]=[{\"0-9]", inner)) and not re.search(r"[A-Za-z]\s+=\s", inner)
    eq = "=" if tight else " = "
    if not inner.endswith((",", "{", "(")):
        inner += ","
    added = ",\n".join(f"{indent}{name}{eq}{{{value}}}" for name, value in new.items())
    return f"{inner}\n{added}\n{closing}\n"


def _rewrite(path: Path, result: Plan, taxonomy: Taxonomy) -> tuple[str, str]:
    """(the entry file with the fields added, in canonical form; '') or ('', why it cannot be done)."""
    paper = result.paper
    raw, _, problems = load_yaml_text(path.read_text(encoding="utf-8"), paper.path)
    if problems or not isinstance(raw, dict):
        return "", "the file changed while enrich ran"
    try:
        new_bibtex = add_bibtex_fields(raw["bibtex"], result.filled)
        entry = bibtex.parse_entry(new_bibtex)
    except (ValueError, KeyError, bibtex.BibTeXError):
        return "", f"could not add {', '.join(result.filled)} to its BibTeX; add them by hand"
    before = _fields(paper)
    if any(entry.fields.get(k) != v for k, v in before.items()) or any(k not in entry.fields for k in result.filled):
        return "", f"could not add {', '.join(result.filled)} to its BibTeX; add them by hand"
    # every other field as the entry has it (summary, evidence, labels ...), in canonical form
    data = {**canonical_fields(raw, taxonomy), "bibtex": new_bibtex}
    text = dump_entry(data)
    checked, found = validate_entry_text(text, paper.path, paper.key, taxonomy)
    if checked is None:
        errors = "; ".join(p.message for p in found if p.severity == "error")
        return "", f"the filled entry would not be valid ({errors})"
    return text, ""


def _select(root: Path, papers: list[Paper], keys: list[str] | None) -> list[Paper]:
    if not keys:
        return papers
    by_key = {p.key: p for p in papers}
    wanted = [k.strip() for value in keys for k in value.split(",") if k.strip()]
    for key in wanted:
        if key in by_key:
            continue
        if (root / "papers" / f"{key}.yml").is_file():
            raise UserError(f"papers/{key}.yml has errors; run `catalog check` and fix them first")
        close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
        raise UserError(
            f"--key {key}: no such entry" + (f"; did you mean '{close[0]}'?" if close else f" in {root / 'papers'}")
        )
    return [by_key[k] for k in dict.fromkeys(wanted)]


def _tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
