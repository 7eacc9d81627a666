"""`catalog add`: one new paper, from BibTeX or an arXiv id / DOI, labelled from flags or prompts.

The label flags are the entry fields that hold taxonomy ids (the five axes and the list facets);
their allowed values come from the taxonomy of `--root` and are checked by the catalog's own
validation (`validate_entry_text`), so a misspelt id gets the same did-you-mean as `catalog check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import textwrap
from pathlib import Path

from .. import bibtex, remote
from ..entryfile import dump_entry
from ..files import write_new_entries
from ..keys import make_key
from ..load import catalog_dir, find_duplicates, load_catalog, validate_entry_text
from ..model import LIST_FACETS, Paper
from ..problems import CatalogError, Problem, UserError, did_you_mean
from ..taxonomy import AXIS_IDS, NONE_LABEL, Taxonomy, load_taxonomy
from .result_flag import parse_result
from .options import date_arg

#: Entry fields holding taxonomy ids, each a `--<id>` flag.
LABEL_FIELDS = AXIS_IDS + LIST_FACETS
TEXT_FLAGS = {
    "venue": "--venue",
    "venue_note": "--venue-note",
    "algorithm": "--algorithm",
    "summary": "--summary",
    "evidence": "--read",
}
# Lines before the BibTeX text in an entry written by dump_entry: the modeline and `bibtex: |`.
_BIBTEX_FIRST_LINE = 3


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "add",
        help="add one paper from BibTeX, an arXiv id or a DOI",
        formatter_class=_HelpFormatter,
        description="Write one new entry papers/<key>.yml. Label flags take taxonomy ids, repeated or "
        "comma-separated (--when after-training --granularity filter,channel).",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--bibtex",
        metavar="FILE",
        help="a file holding the paper's BibTeX entry ('-' for stdin; stdin is read when no source is given)",
    )
    source.add_argument("--arxiv", metavar="ID", help="fetch the metadata of this arXiv paper (e.g. 1810.02340)")
    source.add_argument("--doi", metavar="DOI", help="fetch the metadata of this DOI from Crossref")
    taxonomy = _default_taxonomy()
    labels = parser.add_argument_group(
        "labels", "ids of the taxonomy (catalog/taxonomy.yml); `none` on an axis means no category applies"
    )
    for name in LABEL_FIELDS:
        labels.add_argument(
            f"--{name}", dest=f"label_{name}", action="append", metavar="ID", help=_label_help(taxonomy, name)
        )
    code = parser.add_argument_group("code")
    code.add_argument("--code", action="append", metavar="URL", help="a code repository (repeatable)")
    code.add_argument(
        "--framework",
        action="append",
        metavar="ID",
        help="framework of the code: "
        + (", ".join(taxonomy.allowed("framework")) if taxonomy else "an id of the framework facet")
        + " (once for all --code, or once per --code)",
    )
    official = code.add_mutually_exclusive_group()
    official.add_argument(
        "--official", dest="official", action="store_const", const=True, help="the code is the authors' own"
    )
    official.add_argument(
        "--third-party", dest="official", action="store_const", const=False, help="the code is a third party's"
    )
    more = parser.add_argument_group("other fields")
    more.add_argument("--venue", metavar="TEXT", help="short venue name for the venue facet (ICLR, NeurIPS, arXiv)")
    more.add_argument("--venue-note", metavar="TEXT", help="distinction at the venue (Oral, Spotlight)")
    more.add_argument("--algorithm", metavar="NAME", help="the method's short name (SNIP)")
    more.add_argument(
        "--summary",
        metavar="TEXT",
        help="one or two sentences, at most 40 words, in your own words: what the method does and how",
    )
    more.add_argument(
        "--read",
        metavar="URL",
        help="the public page you read (arXiv abstract, proceedings, OpenReview); the axis labels "
        "you give are then recorded as read from the paper (evidence)",
    )
    more.add_argument(
        "--result",
        action="append",
        metavar="K=V,...",
        help="a reported result as key=value pairs (repeatable): dataset, model, metric (taxonomy ids), "
        "value, baseline, sparsity/flops_reduction/params_reduction (fractions), url and where of the source",
    )
    more.add_argument("--pioneer", action="store_true", help="a pioneering work of its line of research")
    more.add_argument("--survey", action="store_true", help="the paper is a survey")
    more.add_argument("--added", type=date_arg, metavar="DATE", help="date added, YYYY-MM-DD (default: today)")
    more.add_argument(
        "--key", help="the paper key and file name (default: family name of the first author + year + first title word)"
    )
    more.add_argument("--dry-run", action="store_true", help="print the entry instead of writing it")
    parser.set_defaults(run=run)


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps help text without breaking ids such as `after-training` at their dashes."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        )


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not (root / "taxonomy.yml").is_file():
        raise UserError(
            f"{root} is not a catalog folder (it has no taxonomy.yml); run from the repository or give --root"
        )
    catalog = load_catalog(root, strict=False)  # raises CatalogError only for a broken taxonomy
    taxonomy = catalog.taxonomy
    papers = list(catalog.papers)
    if args.framework and not args.code:
        raise UserError("--framework describes a --code URL; give --code too")
    if args.framework and len(args.framework) not in (1, len(args.code)):
        raise UserError(f"give --framework once, or once per --code ({len(args.code)} times)")

    try:
        text, source, line_offset = _bibtex_source(args, papers)
    except _Duplicate as exc:
        return _refuse(str(exc))
    try:
        entry = bibtex.parse_entry(text)
    except bibtex.BibTeXError as exc:
        where = f"{source}:{exc.line + line_offset}" if line_offset else source
        print(f"catalog add: {where}: {exc}", file=sys.stderr)
        if exc.kind == "count":
            print("catalog add: give one paper; `catalog import` reads files with many", file=sys.stderr)
        print("catalog add: nothing was written.", file=sys.stderr)
        return 1

    taken = _taken_keys(root)
    key = args.key or make_key(entry.get("author"), entry.get("year"), entry.get("title"), taken)
    rel = f"papers/{key}.yml"
    if args.key and key in taken:
        print(
            f"catalog add: --key {key}: {rel} exists already (another paper); choose another key. Nothing was written.",
            file=sys.stderr,
        )
        return 1
    if _first_block_is_entry(text, entry.entry_type):
        text = bibtex.with_key(text, key)

    # The paper alone first: a duplicate is refused before asking for labels.
    bare, _ = validate_entry_text(dump_entry({"bibtex": text}), rel, key, taxonomy)
    if bare is not None and _duplicate_of(bare, papers):
        return _refuse(_duplicate_of(bare, papers))

    labels = {name: _split(getattr(args, f"label_{name}")) for name in LABEL_FIELDS}
    if not any(labels[axis] for axis in AXIS_IDS) and _interactive():
        labels.update(_prompt(taxonomy, labels))
    labels = {name: [taxonomy.resolve(name, v) or v for v in values] for name, values in labels.items()}
    data = {
        "bibtex": text,
        "venue": args.venue,
        "venue_note": args.venue_note,
        "algorithm": args.algorithm,
        **labels,
        "pioneer": args.pioneer,
        "survey": args.survey,
        "code": _code_links(args, taxonomy),
        "results": [parse_result(text, n) for n, text in enumerate(args.result or (), start=1)],
        "summary": args.summary,
        "evidence": _evidence(args.read, labels),
        "added": args.added or dt.date.today(),
    }
    entry_text = dump_entry(data)
    paper, problems = validate_entry_text(entry_text, rel, key, taxonomy)
    for problem in problems:
        print(f"catalog add: {_explain(problem, source, line_offset)}", file=sys.stderr)
    if paper is None:
        print("catalog add: nothing was written.", file=sys.stderr)
        return 1
    existing = _duplicate_of(paper, papers)
    if existing:
        return _refuse(existing)
    if args.dry_run:
        print(entry_text, end="")
        print(f"(dry run: {root / rel} was not written)", file=sys.stderr)
        return 0
    path = write_new_entries(root, {key: entry_text})[0]
    check = "catalog check" if root == catalog_dir(Path("catalog")) else f"catalog --root {root} check"
    print(f"wrote {path}")
    print(f"next: run `{check}`, then `mkdocs serve` to see it at /papers/{key}/, then open a pull request.")
    return 0


def _refuse(existing: str) -> int:
    print(
        f"catalog add: this paper is already in the catalog: {existing}; add your labels to that file instead. "
        "Nothing was written.",
        file=sys.stderr,
    )
    return 1


# ---------------------------------------------------------------------------------------------
# Where the BibTeX comes from


def _bibtex_source(args: argparse.Namespace, papers: list[Paper]) -> tuple[str, str, int]:
    """(BibTeX text, a name for messages, line offset of the text within the source file or 0)."""
    if args.arxiv:
        arxiv_id = remote.clean_arxiv_id(args.arxiv)
        if not arxiv_id:
            raise UserError(f"--arxiv {args.arxiv}: not an arXiv id such as 1810.02340")
        _refuse_known(papers, lambda p: p.arxiv == arxiv_id, f"arXiv id {arxiv_id}")
        record = _fetch(remote.arxiv_by_id, arxiv_id)
        if record is None:
            raise UserError(f"arXiv has no paper {arxiv_id}; check the id, or paste the BibTeX with --bibtex")
        return record.to_bibtex("new"), f"arXiv {arxiv_id}", 0
    if args.doi:
        doi = remote.clean_doi(args.doi)
        if not doi:
            raise UserError(f"--doi {args.doi}: not a DOI such as 10.1109/TPAMI.2024.3447085")
        _refuse_known(papers, lambda p: p.doi.lower() == doi.lower(), f"DOI {doi}")
        record = _fetch(remote.crossref_by_doi, doi)
        if record is None:
            raise UserError(f"Crossref has no record of DOI {doi}; check it, or paste the BibTeX with --bibtex")
        record.doi = doi  # as the contributor spelt it (Crossref lower-cases some)
        return record.to_bibtex("new"), f"DOI {doi}", 0
    name = args.bibtex
    if name is None:
        stdin = sys.stdin
        if stdin is None or stdin.isatty():
            raise UserError("give the paper: --bibtex FILE, --arxiv ID or --doi DOI (or pipe BibTeX into stdin)")
        name = "-"
    if name == "-":
        raw, source = sys.stdin.read(), "<stdin>"
    else:
        path = Path(name)
        if not path.is_file():
            raise UserError(f"--bibtex {name}: no such file")
        try:
            raw = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(f"--bibtex {name}: the file is not UTF-8; save it as UTF-8")
        source = name
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise UserError(f"{source}: no BibTeX in it; give one entry such as @article{{key, title = {{...}}, ...}}")
    leading = len(raw) - len(raw.lstrip())
    offset = raw[:leading].count("\n") + 1
    return raw.strip() + "\n", source, offset


def _fetch(function, value):
    try:
        return function(value)
    except remote.Offline as exc:
        raise UserError(f"{exc}; paste the BibTeX with --bibtex instead")
    except remote.RemoteError as exc:
        raise UserError(f"{exc}; or paste the BibTeX with --bibtex instead")


def _refuse_known(papers: list[Paper], same, what: str) -> None:
    for paper in papers:
        if same(paper):
            raise _Duplicate(f"same {what} as {paper.path} ({paper.key})")


class _Duplicate(UserError):
    pass


# ---------------------------------------------------------------------------------------------
# Labels, code, keys


def _evidence(read: str | None, labels: dict[str, list[str]]) -> dict | None:
    """With --read, the page read and `paper` as the source of every axis label given."""
    if not read:
        return None
    return {"read": read, **{axis: "paper" for axis in AXIS_IDS if labels.get(axis)}}


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        for item in value.split(","):
            if item.strip() and item.strip() not in out:
                out.append(item.strip())
    return out


def _code_links(args: argparse.Namespace, taxonomy: Taxonomy) -> list[dict]:
    links = []
    frameworks = args.framework or []
    for i, url in enumerate(args.code or []):
        framework = frameworks[0] if len(frameworks) == 1 else (frameworks[i] if frameworks else "")
        links.append(
            {
                "url": url.strip(),
                "framework": taxonomy.resolve("framework", framework) or framework if framework else "",
                "official": args.official,
            }
        )
    return links


def _taken_keys(root: Path) -> set[str]:
    folder = root / "papers"
    return {p.stem for p in folder.glob("*.y*ml")} if folder.is_dir() else set()


def _first_block_is_entry(text: str, entry_type: str) -> bool:
    """True when the text starts with the entry itself (not an @string or @comment before it)."""
    head = text.lstrip().split("{", 1)[0].split("(", 1)[0]
    return head.strip().lstrip("@").strip().lower() == entry_type


def _duplicate_of(paper: Paper, papers: list[Paper]) -> str:
    """'same arXiv id as papers/x.yml (x)' when `paper` is already in the catalog, else ''."""
    for other in papers:
        if find_duplicates([other, paper]):  # the catalog's own rule: arXiv id, DOI, normalised title
            what = (
                "arXiv id"
                if paper.arxiv and paper.arxiv == other.arxiv
                else "DOI"
                if paper.doi and paper.doi.lower() == other.doi.lower()
                else "title"
            )
            return f"same {what} as {other.path} ({other.key})"
    return ""


# ---------------------------------------------------------------------------------------------
# Messages and prompts


def _explain(problem: Problem, source: str, line_offset: int) -> str:
    """A validation problem of the composed entry, told in terms of the flag or input it came from."""
    head = problem.field.split(".")[0] if problem.field else ""
    kind = "" if problem.severity == "error" else "warning: "
    if head in LABEL_FIELDS:
        return f"--{head}: {kind}{problem.message}"
    if head == "code":
        return f"--code: {kind}{problem.message}"
    if head == "results":
        number = int(problem.field.split(".")[1]) + 1 if problem.field.count(".") else 1
        return f"--result {number}: {kind}{problem.message}"
    if head in TEXT_FLAGS:
        return f"{TEXT_FLAGS[head]}: {kind}{problem.message}"
    if head == "bibtex":
        line = (
            problem.line - _BIBTEX_FIRST_LINE + line_offset if line_offset and problem.line >= _BIBTEX_FIRST_LINE else 0
        )
        return f"{source}{f':{line}' if line else ''}: {kind}{problem.message}"
    if head == "key":
        return f"--key: {kind}{problem.message}"
    return f"{kind}{problem.message}"


def _interactive() -> bool:
    """Prompt only in a terminal, never when input or output is redirected."""
    try:
        return bool(sys.stdin and sys.stdin.isatty() and sys.stdout.isatty())
    except (AttributeError, ValueError):
        return False


def _prompt(taxonomy: Taxonomy, given: dict[str, list[str]]) -> dict[str, list[str]]:
    """Ask for each axis (and each facet not given by a flag); an empty answer leaves it unlabelled."""
    answers: dict[str, list[str]] = {}
    print("Label the paper (comma-separated ids; press Enter to leave a field unlabelled).")
    for name in LABEL_FIELDS:
        if given.get(name):
            continue
        allowed = list(taxonomy.allowed(name)) + ([NONE_LABEL] if name in AXIS_IDS else [])
        title = taxonomy.axis(name).name if name in AXIS_IDS else taxonomy.facet(name).name
        print(f"\n{name}: {title}\n  allowed: {', '.join(allowed)}")
        while True:
            try:
                answer = input(f"{name}> ")
            except EOFError:
                print()
                return answers
            values = _split([answer])
            bad = [
                v for v in values if taxonomy.resolve(name, v) is None and not (name in AXIS_IDS and v == NONE_LABEL)
            ]
            if not bad:
                answers[name] = values
                break
            print(f"  unknown {name} id '{bad[0]}'; {did_you_mean(bad[0], allowed)}")
    return answers


def _default_taxonomy() -> Taxonomy | None:
    """The taxonomy of the default catalog, only for listing allowed values in --help."""
    try:
        return load_taxonomy(catalog_dir(Path("catalog")) / "taxonomy.yml")
    except (CatalogError, OSError):
        return None


def _label_help(taxonomy: Taxonomy | None, name: str) -> str:
    if taxonomy is None:
        return f"ids of '{name}' in taxonomy.yml"
    kind = f"axis '{taxonomy.axis(name).name}'" if name in AXIS_IDS else f"facet '{taxonomy.facet(name).name}'"
    return f"{kind}: {', '.join(taxonomy.allowed(name))}" + (f", {NONE_LABEL}" if name in AXIS_IDS else "")
