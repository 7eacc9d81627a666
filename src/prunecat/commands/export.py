"""`catalog export`: the whole catalog or a filtered part as BibTeX, CSV, JSON or awesome-list Markdown."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..files import after_writing, atomic_write, check_target
from ..generators.awesome_list import awesome_list
from ..generators.csv_export import csv_text
from ..generators.dumps import catalog_bib, paper_record
from ..load import load_catalog
from ..model import Catalog, Paper
from ..problems import UserError
from ..query import ID_DIMENSIONS, Query, check_ids, parse_years
from ..urls import paper_url

FORMATS = ("bibtex", "csv", "json", "markdown")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="write the catalog or a filtered part as bibtex, csv, json or markdown")
    parser.add_argument("--format", choices=FORMATS, default="bibtex")
    parser.add_argument("-o", "--output", help="write to this file instead of stdout")
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="where the site is published, for the CSV's page column (default: site_url of "
        "mkdocs.yml beside the catalog folder; without one, pages are given as papers/<key>/)",
    )
    add_filter_flags(parser)
    parser.set_defaults(run=run)


def add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """The site's search facets as flags: --when before-training --not-when run-time --year 2020-"""
    group = parser.add_argument_group("filters (values within a flag: OR; across flags: AND)")
    for dim in ID_DIMENSIONS:
        group.add_argument(
            f"--{dim}", action="append", default=[], metavar="ID[,ID]", help=f"keep papers with one of these {dim} ids"
        )
        group.add_argument(
            f"--not-{dim}",
            action="append",
            default=[],
            metavar="ID[,ID]",
            help=f"drop papers with any of these {dim} ids",
        )
    group.add_argument(
        "--year", help="a year or a range as in the search page's URLs: 2020-2023, 2020-, -2019 (2020..2023 works too)"
    )
    group.add_argument("--venue", action="append", default=[], help="short venue names, e.g. ICLR,NeurIPS")
    group.add_argument(
        "--unlabelled", action="append", default=[], metavar="AXIS", help="keep papers not yet labelled on these axes"
    )
    for flag in ("code", "survey", "analysis", "pioneer"):
        group.add_argument(f"--{flag}", dest=flag, action="store_const", const=True, default=None)
        group.add_argument(f"--no-{flag}", dest=flag, action="store_const", const=False)
    group.add_argument("-q", "--text", default="", help="words that must occur in title, authors, algorithm or venue")


def query_from_args(catalog: Catalog, args: argparse.Namespace) -> Query:
    query = Query(code=args.code, survey=args.survey, analysis=args.analysis, pioneer=args.pioneer, text=args.text)
    try:
        for dim in ID_DIMENSIONS:
            for target, flag in ((query.include, dim), (query.exclude, f"not_{dim}")):
                ids = _split(getattr(args, flag))
                if ids:
                    target[dim] = check_ids(catalog.taxonomy, dim, ids)
        query.unlabelled = check_ids_axes(_split(args.unlabelled))
        query.venues = _split(args.venue)
        if args.year:
            query.year_min, query.year_max = parse_years(args.year)
    except ValueError as exc:
        raise UserError(str(exc))
    return query


def run(args: argparse.Namespace) -> int:
    if args.output:  # refuse a folder, a device, a pipe, a link out of the catalog ... before any work
        check_target(args.output, root=args.root, stdout_hint="leave out -o and redirect stdout")
    catalog = load_catalog(args.root)
    papers = query_from_args(catalog, args).select(catalog.papers)
    text = render(catalog, papers, args.format, _site_url(args))
    if args.output:
        atomic_write(args.output, text, root=args.root, stdout_hint="leave out -o and redirect stdout")
        with after_writing(f"{args.output} was written"):
            print(f"{len(papers)} papers written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def render(catalog: Catalog, papers: list[Paper], fmt: str, site_url: str = "") -> str:
    if fmt == "bibtex":
        return catalog_bib(catalog, papers) if papers else ""
    if fmt == "json":
        return json.dumps([paper_record(p) for p in papers], ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return awesome_list(catalog, papers)
    return _csv(catalog, papers, site_url)


# ---------------------------------------------------------------------------------------------
# Helpers


def _csv(catalog: Catalog, papers: list[Paper], site_url: str) -> str:
    """The search page's CSV (generators/csv_export.py); pages are linked under `site_url`."""
    return csv_text(catalog.taxonomy, papers, lambda p: site_url + paper_url(p.key))


def _site_url(args: argparse.Namespace) -> str:
    """--site-url, else mkdocs.yml's `site_url` (read as text: the file may hold tags YAML's safe
    loader refuses), with a trailing slash; '' when neither is there."""
    url = args.site_url
    if url is None:
        try:
            text = (Path(args.root).resolve().parent / "mkdocs.yml").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        match = re.search(r"^site_url:\s*['\"]?(https?://[^\s'\"#]+)", text, re.M)
        url = match.group(1) if match else ""
    if url and not url.startswith(("https://", "http://")):
        raise UserError(f"--site-url {url}: give an http(s) address, e.g. https://example.org/pruning/")
    return url if not url or url.endswith("/") else url + "/"


def _split(values: list[str]) -> set[str]:
    return {v.strip() for value in values for v in value.split(",") if v.strip()}


def check_ids_axes(axes: set[str]) -> set[str]:
    from ..problems import did_you_mean
    from ..taxonomy import AXIS_IDS

    for axis in axes:
        if axis not in AXIS_IDS:
            raise ValueError(f"unknown axis '{axis}'; {did_you_mean(axis, AXIS_IDS)}")
    return axes
