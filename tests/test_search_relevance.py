"""Relevance of the text search on the real catalog (issue 14): queries as readers ask them, with the
papers they expect on top.

The ranking is the browser's own: the search modules (docs/assets/search-*.js) run in a Chromium
page on the search data that prunecat.generators.search_index and text_index make from catalog/ (no
site build). Each case names papers expected in the first five results and, for a method's name,
the paper that introduced it, expected first; some cases also check every result (a label query
finds labelled papers only) or the first results (an author's name finds that author's papers).

hits@1: the cases with an introducing paper that have it first; hits@5: the expected papers found
in their case's first five. Both are printed (`pytest -s`, or `python tests/test_search_relevance.py`)
and must be 100 %. The catalog is being curated, so the expectations are landmark papers and
properties, not counts.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from prunecat.generators.search_index import index_data
from prunecat.generators.text_index import terms, text_index_data
from prunecat.load import load_catalog
from prunecat.model import Catalog

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "docs" / "assets"
MODULES = ["search-state.js", "search-filter.js", "search-text.js"]
TOP = 5


@dataclass(frozen=True)
class Case:
    query: str
    first: str = ""  # the paper that introduced the method the query names: expected at 1
    top: tuple[str, ...] = ()  # papers expected in the first TOP results
    author: str = ""  # every one of the first TOP results has this author
    label: str = ""  # "facet=value": every result carries it or has a word starting with `stem`
    stem: str = ""
    covers: str = ""  # "facet=value,...": every paper carrying all these labels is a result
    why: str = field(default="", compare=False)


CASES = [
    # the method's name: the paper that introduced it first
    Case("lottery ticket", first="frankle2019lottery", top=("chen2021elastic",)),
    Case("lotery ticket", first="frankle2019lottery", why="a typo"),
    Case("lottery ticket hypothesis", first="frankle2019lottery"),
    Case("LTH", first="frankle2019lottery", why="the acronym"),
    Case("SNIP", first="lee2019snip", top=("verdenius2020prunining",), why="SNIP-it builds on it"),
    Case("SparseGPT", first="frantar2023sparsegpt"),
    Case("sparsgpt", first="frantar2023sparsegpt", why="a typo"),
    Case("Wanda", first="sun2024simple", why="not Wanda++, which came later"),
    Case("LLM-Pruner", first="ma2023llmpruner"),
    Case("llm pruner", first="ma2023llmpruner"),
    Case("GraSP", first="wang2020picking"),
    Case("SynFlow", first="tanaka2020pruning"),
    Case("RigL", first="evci2019rigging"),
    Case("movement pruning", first="sanh2020movement"),
    Case("network slimming", first="learning2017efficient"),
    Case("ThiNet", first="luo2017thinet"),
    Case("HRank", first="lin2020hrank"),
    Case("AMC", first="he2018amc"),
    Case("SliceGPT", first="ashkboos2024slicegpt", why="not SlimGPT, a typo away"),
    Case("Sheared LLaMA", first="xia2024sheared"),
    Case("DepGraph", first="fang2023depgraph"),
    Case("optimal brain damage", first="lecun1989optimal"),
    Case("optimal brain surgeon", first="hassibi1992second", top=("dong2017learning",)),
    Case("OBS", first="hassibi1992second", why="not OBS-Diff"),
    Case("deep compression", first="han2016deep"),
    Case("channel pruning", first="he2017channel"),
    # title words
    Case("sixteen heads", top=("michel2019sixteen",)),
    Case("importance estimation", top=("molchanov2019importance",)),
    Case("pruning filters for efficient convnets", top=("pruning2017filters",)),
    Case("learning both weights and connections", top=("han2015learning",)),
    Case("single-shot network pruning", top=("lee2019snip",)),
    Case("rigging the lottery", top=("evci2019rigging",)),
    Case("picking winning tickets", top=("wang2020picking",)),
    Case("pruning without any data", top=("tanaka2020pruning",)),
    Case("linear mode connectivity", top=("frankle2020linear",)),
    # authors: a full name is a name
    Case("Song Han", author="Song Han", top=(), why="not Pei-song Wang or Shiji Song"),
    Case("Jonathan Frankle", author="Jonathan Frankle", top=()),
    Case("Elias Frantar", author="Elias Frantar", top=("frantar2023sparsegpt",)),
    Case("Namhoon Lee", author="Namhoon Lee", top=("lee2019snip",)),
    Case("Yann LeCun", top=("lecun1989optimal",)),
    Case("frantar sparsegpt", first="frantar2023sparsegpt", why="an author and a method"),
    # the taxonomy's terms and codes
    Case("unstructured", label="speedup=unstructured", stem="unstructur", why="not structured"),
    Case("structured", label="speedup=structured", stem="structur", why="not unstructured, semi-structured"),
    Case("semi-structured", label="speedup=semi-structured", stem="semistructur"),
    Case("N:M", label="granularity=n-m", stem="n:m", covers="granularity=n-m"),
    Case("2:4", covers="granularity=n-m", top=("zhao2024beyond",), why="Beyond 2:4 says it in its title"),
    Case("structured pruning llm", covers="speedup=structured,model=llm", top=("ma2023llmpruner",)),
    Case("post-training", covers="when=post-training"),
    Case("LLM", covers="model=llm"),
    Case("post-training pruning LLM", covers="when=post-training,model=llm"),
    Case("post training", label="when=post-training", stem="post", covers="when=post-training"),
]


# ---------------------------------------------------------------------------------------------
# Running the browser's search


SETUP = """([D, T]) => {
  const ns = window.prunecatSearch;
  const defs = ns.filter.defineFacets(D);
  const order = ns.filter.sortOrders(D.papers.title, D.papers.year);
  window.rel = {D, text: ns.text.createIndex(T, {count: D.count, authors: D.papers.authors, facets: defs.facets,
                                                 rank: ns.filter.rankOf(order.newest)})};
}"""


def open_search(page, catalog: Catalog) -> None:
    """Load the search modules into `page` with the catalog's search data."""
    data = index_data(catalog)
    page.set_content("<!doctype html><html lang='en'><head><title>relevance</title></head><body></body></html>")
    for name in MODULES:
        page.add_script_tag(path=str(ASSETS / name))
    page.evaluate(SETUP, [data, json.loads(json.dumps(text_index_data(catalog, data)))])


def results(page, query: str) -> list[str]:
    return page.evaluate("q => Array.from(rel.text.search(q).ids, p => rel.D.papers.key[p])", query)


def problems(case: Case, keys: list[str], catalog: Catalog) -> list[str]:
    """What `keys` (the results of case.query) get wrong."""
    out = []
    by_key = catalog.by_key()
    for key in (case.first, *case.top):
        if key and key not in by_key:
            out.append(f"{key} is not in the catalog")
    if case.first and keys[:1] != [case.first]:
        out.append(f"{case.first} is not first (at {keys.index(case.first) + 1 if case.first in keys else '-'})")
    for key in case.top:
        if key not in keys[:TOP]:
            out.append(f"{key} is not in the first {TOP} (at {keys.index(key) + 1 if key in keys else '-'})")
    if case.author:
        wrong = [k for k in keys[:TOP] if case.author not in by_key[k].authors]
        if wrong or not keys:
            out.append(f"first {TOP} not by {case.author}: {wrong or 'no results'}")
    if case.label:
        facet, value = case.label.split("=")
        wrong = [
            k
            for k in keys
            if value not in labels(by_key[k], facet)
            and not any(
                w.startswith(case.stem) for w in terms(f"{by_key[k].title} {by_key[k].algorithm} {by_key[k].summary}")
            )
        ]
        if wrong or not keys:
            out.append(f"results neither labelled {case.label} nor saying {case.stem}…: {wrong[:8] or 'no results'}")
    if case.covers:
        wanted = [
            p.key
            for p in catalog.papers
            if all(v in labels(p, f) for f, v in (c.split("=") for c in case.covers.split(",")))
        ]
        missing = sorted(set(wanted) - set(keys))
        if missing or not wanted:
            out.append(f"papers labelled {case.covers} missing: {missing[:8] or 'none labelled'}")
    return out


def labels(paper, facet: str) -> set[str]:
    """A paper's labels on an axis (with the parents of sub-categories) or a facet."""
    if facet in paper.categories:
        return set(paper.categories[facet])
    return set(paper.facets.get(facet, ()))


def score(found: dict[str, list[str]]) -> tuple[float, float, str]:
    """(hits@1, hits@5, report) over CASES, given each query's results."""
    firsts = [c for c in CASES if c.first]
    at1 = sum(found[c.query][:1] == [c.first] for c in firsts) / len(firsts)
    wanted = [(c, k) for c in CASES for k in (c.first, *c.top) if k]
    at5 = sum(k in found[c.query][:TOP] for c, k in wanted) / len(wanted)
    report = (
        f"text search relevance: {len(CASES)} queries; hits@1 {at1:.0%} ({len(firsts)} method names), "
        f"hits@{TOP} {at5:.0%} ({len(wanted)} expected papers)"
    )
    return at1, at5, report


# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search(browser, catalog):
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # nothing is fetched: the data is passed in
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_search(page, catalog)
    yield page
    context.close()
    assert not errors


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_query(search, catalog, case):
    keys = results(search, case.query)
    assert not problems(case, keys, catalog), (case.why, keys[:TOP])


def test_hits_at_1_and_5(search, catalog):
    at1, at5, report = score({c.query: results(search, c.query) for c in CASES})
    print("\n" + report)
    assert len(CASES) >= 30 and at1 == at5 == 1, report


def main() -> None:
    """Print each query's first results and the figures (for BENCHMARKS.md)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import CHROMIUM

    catalog = load_catalog(ROOT / "catalog")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        open_search(page, catalog)
        found = {c.query: results(page, c.query) for c in CASES}
        browser.close()
    for case in CASES:
        bad = problems(case, found[case.query], catalog)
        print(f"{'FAIL' if bad else 'ok  '} {case.query!r}: {', '.join(found[case.query][:TOP])}")
        for line in bad:
            print("       " + line)
    print(score(found)[2])


if __name__ == "__main__":
    main()
