"""`catalog promote KEY ...`: curated papers move from the incoming/ queue into the catalog.

An import adds papers to incoming/ with the list's facts; a curator reads each paper, checks its
facts, writes its summary and examines the five axes; `promote` then moves the entry file into
papers/, after checking that nothing the catalog requires is missing (curation.not_ready) and that
the paper is not in the catalog already. It moves all the named entries or, when one is not ready,
none, and says what each lacks.
"""

from __future__ import annotations

import argparse
import os
import re

from .. import keys
from ..curation import not_ready
from ..files import write_new_entries
from ..load import INCOMING, find_duplicates, load_catalog, load_incoming
from ..problems import UserError


_CITATION = re.compile(r"^(\s*@\w+\s*[{(]\s*)[^,\s]*,", re.M)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("promote", help="move curated papers from incoming/ into the catalog")
    parser.add_argument("keys", nargs="*", metavar="KEY", help="keys of entries in incoming/")
    parser.add_argument("--ready", action="store_true", help="every entry of incoming/ that is ready")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.keys and not args.ready:
        raise UserError("name the entries to promote (catalog promote KEY ...) or give --ready")
    catalog = load_catalog(args.root)
    queue, problems = load_incoming(args.root, catalog.taxonomy)
    by_key = {p.key: p for p in queue}
    broken = {p.path for p in problems if p.severity == "error"}
    unknown = [k for k in args.keys if k not in by_key]
    if unknown:
        hint = " (it has errors: run `catalog check`)" if any(f"{INCOMING}/{k}.yml" in broken for k in unknown) else ""
        raise UserError(f"not in {INCOMING}/: {', '.join(unknown)}{hint}; nothing was moved")
    chosen = [by_key[k] for k in args.keys] if args.keys else [p for p in queue if not not_ready(p)]
    lacking = {p.key: not_ready(p) for p in chosen if not_ready(p)}
    if lacking:
        for key, reasons in lacking.items():
            print(f"{INCOMING}/{key}.yml is not ready: " + "; ".join(reasons))
        raise UserError(f"{len(lacking)} of {len(chosen)} entries are not ready; nothing was moved")
    clashes = [p for p in find_duplicates(list(catalog.papers) + chosen) if p.path.startswith(f"{INCOMING}/")]
    if clashes:
        for problem in clashes:
            print(problem)
        raise UserError("these papers are in the catalog already; merge or delete them; nothing was moved")
    names = _conventional_keys(chosen, {p.key for p in catalog.papers} | set(by_key))
    texts = {}
    for p in chosen:
        text = (args.root / INCOMING / f"{p.key}.yml").read_text(encoding="utf-8")
        texts[names[p.key]] = text if names[p.key] == p.key else _rekeyed(text, names[p.key])
    write_new_entries(args.root, texts, noun="promoted entries")
    for p in chosen:  # only once every entry is in papers/: a stopped run leaves copies, never losses
        os.unlink(args.root / INCOMING / f"{p.key}.yml")
        if names[p.key] != p.key:
            print(f"{INCOMING}/{p.key}.yml -> papers/{names[p.key]}.yml (the key now names the first author)")
    left = len(queue) - len(texts)
    print(f"{len(texts)} entries moved from {INCOMING}/ to papers/; {left} left in {INCOMING}/.")
    return 0


def _conventional_keys(papers: list, taken: set[str]) -> dict[str, str]:
    """Queue keys are not public yet: one made before the authors were known (no family name in it)
    becomes the conventional key (family name, year, first title word) as the paper joins."""
    out, taken = {}, set(taken)
    for p in papers:
        base = keys.base_key(" and ".join(p.authors), p.year, p.title)
        if p.authors and not p.key.startswith(base):
            out[p.key] = keys.unique_key(base, taken)
            taken.add(out[p.key])
        else:
            out[p.key] = p.key
    return out


def _rekeyed(text: str, key: str) -> str:
    """The entry text with the citation key of its BibTeX (first `@type{key,` line) replaced."""
    return _CITATION.sub(lambda m: m.group(1) + key + ",", text, count=1)
