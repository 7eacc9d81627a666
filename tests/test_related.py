"""Paper pages (issue 14, item 3): what a paper page shows (summary, DOI, every link, flags, facet
values as words), and its related papers: rare shared labels weigh more than common ones, shared
authors and title words count, each related paper says why, the lottery-ticket paper's neighbours
are lottery-ticket papers, and 10,000 papers stay fast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from prunecat.generators.pages import PaperPages, section_pages
from prunecat.generators.related import RelatedIndex, related_papers
from prunecat.load import load_catalog
from prunecat.model import Catalog

from conftest import bib, write_entry

TARGET = "frank2019lottery"


def _paper(root: Path, key: str, title: str, year: int, authors: str, summary: str = "", **labels) -> None:
    data = {"bibtex": bib(key, title, year, authors=authors), "added": dt.date(2024, 8, 20), **labels}
    if summary:
        data["summary"] = summary
    write_entry(root, key, data)


def small_catalog(root: Path) -> Catalog:
    """A target paper and four kinds of neighbour among 15 papers of common labels (20 in all)."""
    _paper(
        root,
        TARGET,
        "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
        2019,
        "Jonathan Frank and Michael Carb",
        "Iterative magnitude pruning with rewinding finds winning tickets.",
        speedup=["unstructured"],
        when=["after-training"],
        criteria=["magnitude"],
        fusion=["quantization"],
        granularity=["weight"],
        model=["cnn"],
        task=["image-classification"],
    )
    # the same title words, hardly a label in common
    _paper(
        root,
        "other2020tickets",
        "Lottery Tickets for Transformers",
        2020,
        "Cid Other",
        "Finds winning tickets in BERT.",
        speedup=["unstructured"],
        model=["bert"],
    )
    # the same two authors, one label in common
    _paper(
        root,
        "frank2021linear",
        "Linear Mode Connectivity and Stability",
        2021,
        "Jonathan Frank and Michael Carb and Dan Else",
        speedup=["structured"],
        criteria=["magnitude"],
        model=["vit"],
    )
    # a rare label in common (quantization: 2 papers of 20)
    _paper(
        root,
        "fifth2022joint",
        "Joint Sparsity and Low-Bit Codes",
        2022,
        "Eve Fifth",
        speedup=["semi-structured"],
        criteria=["magnitude"],
        fusion=["quantization"],
        granularity=["n-m"],
        model=["llm"],
    )
    # a 2024 LLM method that shares four labels, all of them common
    _paper(
        root,
        "last2024fast",
        "A Fast One-Shot Method for Large Language Models",
        2024,
        "Zed Last",
        speedup=["unstructured"],
        when=["post-training"],
        criteria=["magnitude"],
        granularity=["weight"],
        model=["llm"],
        task=["language-modeling"],
    )
    # what makes those labels common
    for i, word in enumerate("alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()):
        _paper(
            root,
            f"filler{i}2018{word}",
            f"{word.title()} Channels Everywhere",
            2018,
            f"Filler{word} Person",
            speedup=["unstructured"],
            granularity=["weight"],
            model=["cnn"],
            task=["image-classification"],
        )
    for i, word in enumerate("kilo lima mike november oscar".split()):
        _paper(
            root,
            f"other{i}2017{word}",
            f"{word.title()} Heads Anywhere",
            2017,
            f"Other{word} Person",
            speedup=["structured"],
            when=["after-training"],
            criteria=["magnitude"],
            model=["llm"],
        )
    return load_catalog(root)


def test_ranking_weighs_rare_labels_authors_and_titles_and_says_why(tmp_catalog: Path):
    catalog = small_catalog(tmp_catalog)
    assert len(catalog.papers) == 20
    related = related_papers(catalog)[TARGET]
    keys = [r.paper.key for r in related]
    # title words first, then the two shared authors, then the rare label; the 2024 paper sharing
    # four common labels comes after all three, and papers sharing only common labels not at all
    assert keys == ["other2020tickets", "frank2021linear", "fifth2022joint", "last2024fast"], keys
    why = {r.paper.key: r for r in related}
    assert why["other2020tickets"].title_words == ("lottery", "ticket")
    assert why["other2020tickets"].authors == ()
    assert why["frank2021linear"].authors == ("Jonathan Frank", "Michael Carb")
    assert why["fifth2022joint"].labels[0] == "Pruning and quantization"
    # a label in half the papers or more (unstructured: 13 of 20) is too common to be a reason
    assert why["last2024fast"].labels == ("Pruning after training", "Magnitude")
    assert why["last2024fast"].authors == () and why["last2024fast"].title_words == ()
    # symmetric in spirit: the ticket paper finds the target first too
    assert related_papers(catalog)["other2020tickets"][0].paper.key == TARGET


def test_a_rare_shared_label_outranks_a_common_one(tmp_catalog: Path):
    common = {"speedup": ["unstructured"], "model": ["cnn"]}
    _paper(tmp_catalog, "target2020paper", "Alpha", 2020, "Ann One", fusion=["nas"], **common)
    _paper(tmp_catalog, "rare2020paper", "Bravo", 2020, "Bob Two", fusion=["nas"])
    _paper(tmp_catalog, "common2021paper", "Charlie", 2021, "Cid Three", **common)  # newer, two labels
    for i, word in enumerate("delta echo foxtrot golf hotel india juliet kilo".split()):
        _paper(tmp_catalog, f"fill{i}2019{word}", word.title(), 2019, f"Fill{word} Person", **common)
    catalog = load_catalog(tmp_catalog)
    ranked = [r.paper.key for r in RelatedIndex(catalog).of(catalog.by_key()["target2020paper"])]
    # one label of 2 papers in 11 beats two labels of 10 papers each (and the newer year)
    assert ranked[0] == "rare2020paper", ranked
    assert "common2021paper" not in ranked[:1]


def test_the_paper_page_shows_each_reason(tmp_catalog: Path):
    catalog = small_catalog(tmp_catalog)
    html = PaperPages(catalog).page(catalog.by_key()[TARGET]).inline()
    assert '<a href="../other2020tickets/">Lottery Tickets for Transformers</a>' in html
    assert '<span class="pc-why">similar title: lottery, ticket' in html
    assert "same authors: Jonathan Frank, Michael Carb" in html
    assert "also: Pruning and quantization" in html
    assert html.index("other2020tickets") < html.index("frank2021linear") < html.index("last2024fast")


def test_a_sub_category_is_named_without_its_parent(tmp_catalog: Path):
    for key, title in (("one2020paper", "Alpha"), ("two2021paper", "Bravo")):
        _paper(tmp_catalog, key, title, 2020, f"{title} Person", when=["post-training"], fusion=["nas"])
    for i, word in enumerate("charlie delta echo foxtrot golf hotel".split()):
        _paper(tmp_catalog, f"fill{i}2019{word}", word.title(), 2019, f"Fill{word} Person", speedup=["structured"])
    catalog = load_catalog(tmp_catalog)
    (related,) = RelatedIndex(catalog).of(catalog.by_key()["one2020paper"])
    # both labels are in 2 papers of 8; "Pruning after training", the parent, goes unsaid
    assert sorted(related.labels) == ["Post-training pruning", "Pruning and neural architecture search"]


def test_the_paper_page_shows_summary_ids_links_flags_and_words(tmp_catalog: Path):
    bibtex = bib("full2023paper", "A Full Paper", 2023, url="https://example.org/full").replace(
        "  year", "  doi = {10.1234/abc.5678},\n  eprint = {2301.00001},\n  archiveprefix = {arXiv},\n  year"
    )
    data = {
        "bibtex": bibtex,
        "added": dt.date(2024, 8, 20),
        "summary": "Prunes a whole network in one pass.",
        "pioneer": True,
        "analysis": True,
        "speedup": ["unstructured", "semi-structured"],
        "granularity": ["weight", "n-m"],
        "model": ["llm"],
        "task": ["language-modeling"],
        "code": [
            {"url": "https://github.com/example/third", "framework": "jax", "official": False},
            {"url": "https://github.com/example/full", "framework": "pytorch", "official": True},
        ],
    }
    write_entry(tmp_catalog, "full2023paper", data)
    catalog = load_catalog(tmp_catalog)
    paper = catalog.by_key()["full2023paper"]
    assert paper.doi == "10.1234/abc.5678" and paper.arxiv == "2301.00001"
    html = PaperPages(catalog).page(paper).inline()
    assert '<p class="pc-summary">Prunes a whole network in one pass.</p>' in html
    # every link: the paper, arXiv, the DOI (as a doi.org link, its text the DOI) and the official code
    for name, url in (
        ("Paper", "https://example.org/full"),
        ("arXiv", "https://arxiv.org/abs/2301.00001"),
        ("DOI", "https://doi.org/10.1234/abc.5678"),
        ("Code", "https://github.com/example/full"),
    ):
        assert f'<a href="{url}" class="md-button" rel="noopener">{name}</a>' in html, name
    assert 'DOI <a href="https://doi.org/10.1234/abc.5678" rel="noopener">10.1234/abc.5678</a>' in html
    assert "https://github.com/example/third" in html  # every code release, under "Code"
    assert 'class="pc-flag">pioneer work<' in html and 'class="pc-flag">analysis<' in html
    # facet values as words, never the source lists' codes
    assert '<td colspan="2">Weight pruning, N:M sparsity</td>' in html
    assert '<td colspan="2">Large language models</td>' in html and ">LLM<" not in html
    listing = section_pages(catalog)["papers/index.md"].inline()
    assert "<td>Weight pruning, N:M sparsity</td>" in listing and "<td>W, N:M</td>" not in listing
    # tables name the category without "pruning", the full name in the tooltip
    assert 'title="Unstructured pruning">Unstructured</a>' in listing
    assert '<a href="https://github.com/example/full" class="pc-code" rel="noopener">PyTorch</a>' in listing


def test_lottery_ticket_paper_leads_to_lottery_ticket_papers(catalog: Catalog):
    """On the real catalog: the first related papers of the lottery-ticket paper are about tickets
    (it used to get an unrelated 2024 LLM method first)."""
    paper = catalog.by_key()["frankle2019lottery"]
    related = RelatedIndex(catalog).of(paper)
    titles = [r.paper.title for r in related]
    assert len(related) >= 3, titles
    assert all("ticket" in t.lower() for t in titles[:3]), titles
    assert related[0].title_words, "the reason names the shared title words"


@pytest.mark.browser  # slow: writes and loads a synthetic catalog
def test_related_papers_of_a_synthetic_catalog(tmp_path: Path):
    """Most papers of a 2,000-paper catalog find related papers; the time at 10,000 is measured by
    the build benchmark (BENCHMARKS.md, "Build at scale"), not here."""
    from prunecat.synth import synth_catalog

    synth_catalog(2_000, tmp_path / "synth")
    catalog = load_catalog(tmp_path / "synth")
    index = RelatedIndex(catalog)
    found = [len(index.of(p)) for p in catalog.papers]
    assert sum(n > 0 for n in found) > 0.9 * len(found)
    assert sum(found) > 6_000
