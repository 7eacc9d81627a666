"""`catalog todo` and curation.py: unlabelled axes, incomplete metadata, suspected duplicates."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from pathlib import Path

from prunecat.cli import main
from prunecat.curation import similar_titles, worklist
from prunecat.load import load_catalog

from conftest import bib, complete_entry

TODAY = dt.date(2026, 1, 15)
LABELS = {
    "speedup": ["unstructured"],
    "when": ["before-training"],
    "criteria": ["sensitivity-saliency"],
    "learn": ["none"],
    "fusion": ["none"],
}


def entry(root: Path, key: str, bibtex: str, **fields) -> None:
    """An entry; complete (summary, facts checked, a source for every label) unless a field says otherwise."""
    complete_entry(root, key, bibtex, read=f"https://openreview.net/forum?id={key}", **fields)


def small_catalog(root: Path) -> None:
    # complete and fully labelled: appears nowhere
    entry(
        root,
        "lee2019snip",
        bib("lee2019snip", "SNIP: Single-shot Network Pruning based on Connection Sensitivity", 2019),
        algorithm="SNIP",
        **LABELS,
    )
    # labelled on two axes only
    entry(
        root,
        "frankle2019lottery",
        bib("frankle2019lottery", "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", 2019),
        speedup=["unstructured"],
        when=["after-training"],
    )
    # no authors, an old arXiv-only preprint, no link, no `added`
    entry(
        root,
        "anon2019sparse",
        bib(
            "anon2019sparse",
            "Sparse Networks from Scratch: Faster Training without Losing Performance",
            2019,
            authors="",
            venue="journal = {arXiv preprint}",
            url=False,
        ),
        added=None,
        **LABELS,
    )
    # a near-duplicate title pair (not equal once normalised: `catalog check` accepts both)
    entry(root, "li2017pruning", bib("li2017pruning", "Pruning Filters for Efficient ConvNets", 2017), **LABELS)
    entry(root, "li2017filters", bib("li2017filters", "Pruning Filter for Efficient ConvNet", 2017), **LABELS)
    # the same paper URL on two entries
    entry(
        root,
        "he2017channel",
        bib(
            "he2017channel",
            "Channel Pruning for Accelerating Very Deep Neural Networks",
            2017,
            url="https://openaccess.thecvf.com/he2017channel",
        ),
        **LABELS,
    )
    entry(
        root,
        "he2017accelerating",
        bib(
            "he2017accelerating",
            "Accelerating Very Deep Networks by Removing Channels",
            2017,
            url="https://www.openaccess.thecvf.com/he2017channel/",
        ),
        **LABELS,
    )
    # the same algorithm name and year
    entry(
        root,
        "huang2023cp3",
        bib("huang2023cp3", "CP3: Channel Pruning Plug-in for Point-based Networks", 2023),
        algorithm="CP3",
        **LABELS,
    )
    entry(
        root,
        "tao2023structured",
        bib("tao2023structured", "Structured Pruning for Efficient Point Cloud Networks", 2023),
        algorithm="cp-3",
        **LABELS,
    )


def test_worklist_finds_everything(tmp_catalog: Path) -> None:
    small_catalog(tmp_catalog)
    catalog = load_catalog(tmp_catalog)  # strict: the small catalog is valid
    work = worklist(catalog, today=TODAY)
    assert work.papers == 9
    unlabelled = {group.axis: group.keys for group in work.unlabelled}
    assert unlabelled == {
        "speedup": (),
        "when": (),
        "criteria": ("frankle2019lottery",),
        "learn": ("frankle2019lottery",),
        "fusion": ("frankle2019lottery",),
    }
    assert [(i.key, i.missing) for i in work.incomplete] == [("anon2019sparse", ("authors", "venue", "links", "added"))]
    pairs = {(d.first, d.second): d for d in work.duplicates}
    assert set(pairs) == {
        ("li2017filters", "li2017pruning"),
        ("he2017accelerating", "he2017channel"),
        ("huang2023cp3", "tao2023structured"),
    }
    assert pairs[("li2017filters", "li2017pruning")].kinds == ("title",)
    assert pairs[("li2017filters", "li2017pruning")].title_ratio >= 0.9
    assert pairs[("he2017accelerating", "he2017channel")].kinds == ("url",)
    assert pairs[("huang2023cp3", "tao2023structured")].kinds == ("algorithm",)


def test_only_preprints_older_than_two_years_need_a_venue(tmp_catalog: Path) -> None:
    for year in (2023, 2024, 2025):
        entry(
            tmp_catalog,
            f"new{year}llm",
            bib(f"new{year}llm", f"A Preprint on Pruning LLMs from {year}", year, venue="journal = {arXiv preprint}"),
            **LABELS,
        )
    work = worklist(load_catalog(tmp_catalog), today=TODAY)  # in 2026
    assert [(i.key, i.missing) for i in work.incomplete] == [("new2023llm", ("venue",))]


def test_todo_text(tmp_catalog: Path, capsys) -> None:
    small_catalog(tmp_catalog)
    assert main(["--root", str(tmp_catalog), "todo"]) == 0
    out = capsys.readouterr().out
    assert (
        "criteria (Pruning Criteria): 8 / 0 / 0 / 1 paper(s) not yet examined\n    not yet examined: frankle2019lottery"
        in out
    )
    assert "speedup (Universal/Specific Speedup): 9 / 0 / 0 / 0 paper(s) not yet examined" in out
    assert "anon2019sparse (papers/anon2019sparse.yml): no authors in the BibTeX;" in out
    assert "Suspected duplicates: 3 pair(s)" in out
    assert "li2017filters / li2017pruning: titles" in out


def test_todo_json_and_axis(tmp_catalog: Path, capsys) -> None:
    small_catalog(tmp_catalog)
    assert main(["--root", str(tmp_catalog), "todo", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["papers"] == 9
    assert [g["count"] for g in data["unlabelled"]] == [0, 0, 1, 1, 1]
    assert data["incomplete"][0]["key"] == "anon2019sparse"
    assert len(data["duplicates"]) == 3
    assert main(["--root", str(tmp_catalog), "todo", "--axis", "learn"]) == 0
    out = capsys.readouterr().out
    assert (
        "learn (Learn to Prune): 0 / 8 / 0 / 1 paper(s) not yet examined\n    frankle2019lottery  The Lottery Ticket Hypothesis"
        in out
    )
    assert "speedup" not in out and "Incomplete" not in out


def test_todo_on_a_catalog_with_errors(tmp_catalog: Path, capsys) -> None:
    small_catalog(tmp_catalog)
    (tmp_catalog / "papers" / "broken.yml").write_text("when: [nope]\n", encoding="utf-8")
    assert main(["--root", str(tmp_catalog), "todo"]) == 0
    out = capsys.readouterr().out
    assert "Worklist for 9 paper(s)." in out and "1 error(s) in the catalog" in out


def test_similar_titles_scales_to_10000_papers() -> None:
    rnd = random.Random(4)
    vocabulary = (
        "pruning sparse sparsity network networks neural deep efficient structured channel filter lottery "
        "ticket training learning dynamic gradient magnitude transformer vision language model large "
        "quantization distillation compression search attention layer token towards via with for of the "
        "and robust federated continual data-free post-training fast accurate"
    ).split()
    rare = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(4, 9))) for _ in range(3000)]
    titles = []
    for i in range(10_000):
        words = [rnd.choice(vocabulary) if rnd.random() < 0.75 else rnd.choice(rare) for _ in range(rnd.randint(4, 14))]
        titles.append((f"p{i:05d}", " ".join(words).capitalize()))
    planted = set()
    for i in range(0, 100, 2):  # one typo, at the start, in the middle or at the end
        key, title = titles[i]
        at = (0, len(title) // 2, len(title) - 1)[i % 3]
        titles[i + 1] = (titles[i + 1][0], title[:at] + "7" + title[at + 1 :])
        planted.add((key, titles[i + 1][0]))
    started = time.process_time()
    found = {(a, b) for a, b, _ in similar_titles(titles)}
    assert time.process_time() - started < 10
    assert planted <= found
