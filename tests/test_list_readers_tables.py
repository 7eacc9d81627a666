"""The table readers of `importers/lists`: he-y/Awesome-Pruning (type codes) and
danielmcpark/awesome-pruning-acceleration (years only), on committed excerpts and the full lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from prunecat.importers.lists import type_code_tables, year_tables
from prunecat.importers.lists.record import ListPaper
from prunecat.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lists"
LISTS = Path("/work/shared/data/lists")
HE_Y = LISTS / "he-y-awesome-pruning" / "README.md"
DANIELMCPARK = LISTS / "danielmcpark-pruning-acceleration" / "README.md"

W = {"granularity": ["weight"], "speedup": ["unstructured"]}
W_NOTES = {"granularity": "type code W", "speedup": "type code W"}
F = {"granularity": ["filter"], "speedup": ["structured"]}
F_NOTES = {"granularity": "type code F", "speedup": "type code F"}


def by_line(papers: list[ListPaper]) -> dict[int, ListPaper]:
    return {p.line: p for p in papers}


@pytest.fixture(scope="module")
def he_y() -> dict[int, ListPaper]:
    return by_line(type_code_tables.read(FIXTURES / "he-y-excerpt.md"))


@pytest.fixture(scope="module")
def daniel() -> dict[int, ListPaper]:
    return by_line(year_tables.read(FIXTURES / "danielmcpark-excerpt.md"))


# --- he-y/Awesome-Pruning ------------------------------------------------------------------------


def test_he_y_reads_only_paper_rows(he_y: dict[int, ListPaper]) -> None:
    # the legend table (lines 33-35), the BibTeX fence, the table of contents, the header rows and
    # the "Related Repo" links are not papers
    assert sorted(he_y) == [58, 59, 60, 61, 62, 63, 64, 65, 70, 71, 72, 77, 78, 79, 80, 81, 87, 88, 94, 95, 100]
    assert {p.year for p in he_y.values()} == {2023, 2022, 2021, 2020, 2019, 2018}
    assert all(p.section == str(p.year) for p in he_y.values())  # "Table of Contents" is navigation
    assert all(not p.authors and not p.bibtex for p in he_y.values())


def test_he_y_weight_row_with_releasing_code(he_y: dict[int, ListPaper]) -> None:
    p = he_y[58]
    assert p.title == "Revisiting Pruning at Initialization Through the Lens of Ramanujan Graph"
    assert p.url == "https://openreview.net/forum?id=uVcDssQff_"
    assert (p.venue, p.year, p.section) == ("ICLR", 2023, "2023")
    assert p.code == ["https://github.com/VITA-Group/ramanujan-on-pai"]  # "(Releasing)" dropped
    assert (p.labels, p.label_notes, p.out_of_scope) == (W, W_NOTES, "")


def test_he_y_type_codes(he_y: dict[int, ListPaper]) -> None:
    both = he_y[61]  # `WF`: weight and filter pruning
    assert both.title == "Pruning Deep Neural Networks from a Sparsity Perspective"
    assert both.labels == {"granularity": ["weight", "filter"], "speedup": ["unstructured", "structured"]}
    assert both.label_notes == {"granularity": "type code WF", "speedup": "type code WF"}
    assert both.code == ["https://github.com/dem123456789/Pruning-Deep-Neural-Networks-from-a-Sparsity-Perspective"]
    other = he_y[64]  # `Other`: granularity other, and no speedup is implied
    assert other.labels == {"granularity": ["other"]}
    assert other.label_notes == {"granularity": "type code Other"}
    special = he_y[62]  # `S` (Special Networks) names neither a granularity nor a model family
    assert special.title == "Symmetric Pruning in Quantum Neural Networks"
    assert (special.labels, special.label_notes) == ({}, {})
    undefined = he_y[81]  # `FO` is not in the legend
    assert undefined.title == "Joint-DetNAS: Upgrade Your Detector with NAS, Pruning and Dynamic Distillation"
    assert (undefined.labels, undefined.label_notes, undefined.year) == ({}, {}, 2021)
    assert he_y[71].labels == F and he_y[71].label_notes == F_NOTES


def test_he_y_code_cells(he_y: dict[int, ListPaper]) -> None:
    assert he_y[59].code == []  # "-"
    assert he_y[60].title == "Bit-Pruning: A Sparse Multiplication-Less Dot-Product"
    assert he_y[60].code == []  # "[Code Deleted](...)": the repository is gone
    assert he_y[70].code == ["https://github.com/ososos888/prune-then-distill"]  # was https://https://
    assert he_y[100].code == [
        "https://github.com/bobye/batchnorm_prune",
        "https://github.com/jack-willturner/batchnorm-pruning",
    ]


def test_he_y_odd_titles_and_venues(he_y: dict[int, ListPaper]) -> None:
    fire = he_y[71]  # the title is written twice in a row in the list
    assert fire.title == "Fire Together Wire Together: A Dynamic Pruning Approach With Self-Supervised Mask Prediction"
    assert fire.venue == "CVPR" and fire.year == 2022
    spotlight = he_y[72]
    assert spotlight.venue == "ICLR (Spotlight)"  # "ICLR **(Spotlight)**" without the bold
    assert spotlight.url == "https://openreview.net/forum?id=O1DEtITim__"
    da_nas = he_y[87]  # a stray "S" after the link in the Title cell
    assert da_nas.title == "DA-NAS: Data Adapted Pruning for Efficient Neural Architecture Search"
    assert da_nas.url == "https://arxiv.org/abs/2003.12563"
    assert (da_nas.venue, da_nas.year, da_nas.section) == ("ECCV", 2020, "2020")
    implicit = he_y[94]  # the paper link, then [Extension1] and [Extension2] links
    assert implicit.title == "On Implicit Filter Level Sparsity in Convolutional Neural Networks"
    assert implicit.url == "https://arxiv.org/abs/1811.12495"
    assert implicit.code == ["https://github.com/mehtadushy/SelecSLS-Pytorch"]
    oracle = he_y[95]  # the word "github" left at the end of the title
    assert oracle.title == "Approximated Oracle Filter Pruning for Destructive CNN Width Optimization"
    assert (oracle.venue, oracle.year, oracle.code) == ("ICML", 2019, [])
    assert he_y[88].url == "http://arxiv.org/abs/1909.12579"


def test_he_y_reused_paper_links_are_cleared(he_y: dict[int, ListPaper]) -> None:
    # rows 78 and 80 repeat the NeurIPS link of rows 77 and 79: a link is one paper
    assert he_y[77].url == "https://papers.nips.cc/paper/2021/hash/23e582ad8087f2c03a5a31c125123f9a-Abstract.html"
    assert he_y[78].title == "Pruning Randomly Initialized Neural Networks with Iterative Randomization"
    assert he_y[78].url == ""
    assert he_y[79].url == "https://papers.nips.cc/paper/2021/hash/5227b6aaf294f5f027273aebf16015f2-Abstract.html"
    assert (he_y[80].title, he_y[80].url, he_y[80].venue) == (
        "Exploration and Estimation for Model Compression",
        "",
        "ICCV",
    )


def test_he_y_scope(he_y: dict[int, ListPaper]) -> None:
    assert he_y[63].title == "Diffusion Models for Causal Discovery via Topological Ordering"
    assert he_y[63].out_of_scope == "causal discovery; prunes graph edges, not a network"
    assert [p.line for p in he_y.values() if p.out_of_scope] == [63]


def test_tables_blank_short_and_headerless_rows(tmp_path: Path) -> None:
    text = (
        "# A list\n\n### 2024\n"
        "| Title | Venue | Type | Code |\n|---|---|---|---|\n"
        "| | | | |\n"  # a blank row
        "| [A  *Short*   Row](https://example.org/a) | NeurIPS | `W` |\n"  # the Code cell is missing
        "| Plain title without link | - | `Z` | - |\n"
        "\n| Type | `F` |\n|---|---|\n| Explanation | Filter pruning |\n"  # no Title column
    )
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    papers = type_code_tables.read(path)
    assert [(p.line, p.title, p.url, p.venue, p.year, p.code) for p in papers] == [
        (7, "A Short Row", "https://example.org/a", "NeurIPS", 2024, []),
        (8, "Plain title without link", "", "", 2024, []),
    ]
    assert papers[0].labels == W and papers[1].labels == {}


# --- danielmcpark/awesome-pruning-acceleration ---------------------------------------------------


def test_danielmcpark_reads_only_paper_rows(daniel: dict[int, ListPaper]) -> None:
    assert sorted(daniel) == [17, 18, 19, 24, 25, 26, 27, 28, 29, 30, 35, 36, 37, 38, 39, 44, 45, 50]
    assert all(p.labels == {} and p.label_notes == {} for p in daniel.values())  # years only: no labels
    assert all(p.section == f"History > {p.year}" for p in daniel.values())


def test_danielmcpark_rows(daniel: dict[int, ListPaper]) -> None:
    p = daniel[18]
    assert (p.title, p.url) == ("Dynamic Slimmable Network", "https://arxiv.org/abs/2103.13258")
    assert (p.venue, p.year, p.code) == ("CVPR", 2021, ["https://github.com/changlin31/DS-Net"])
    p = daniel[24]
    assert p.title == "What is the State of Neural Network Pruning?"
    assert p.url == "https://proceedings.mlsys.org/paper/2020/file/d2ddea18f00665ce8623e36bd4e3c7c5-Paper.pdf"
    assert (p.venue, p.year, p.code) == ("MLSys", 2020, ["https://github.com/jjgo/shrinkbench"])
    p = daniel[29]  # no space between the code link and the closing pipe
    assert p.code == ["https://github.com/ofsoundof/group_sparsity"]
    p = daniel[36]
    assert p.title == "Towards Optimal Structured CNN Pruning via Generative Adversarial Learning (GAL)"
    assert (p.venue, p.year) == ("CVPR", 2019)
    assert (daniel[50].venue, daniel[50].year, daniel[50].code) == ("NeurIPS", 2015, [])


def test_danielmcpark_odd_links(daniel: dict[int, ListPaper]) -> None:
    journal = daniel[26]  # links to IEEE Access's list of issues, not to the paper
    assert journal.title == "Filter Pruning and Re-Initialization via Latent Space Clustering"
    assert (journal.url, journal.venue, journal.year) == ("", "IEEE Access", 2020)
    empty = daniel[28]  # "[...]()"
    assert empty.title == "Dynamic Network Pruning with Interpretable Layerwise Channel Selection"
    assert (empty.url, empty.venue) == ("", "AAAI")


def test_danielmcpark_scope(daniel: dict[int, ListPaper]) -> None:
    assert {line: p.out_of_scope for line, p in daniel.items() if p.out_of_scope} == {
        17: "tensor decomposition, no pruning",
        27: "architecture search only, no pruning",
        45: "hardware: a dataflow accelerator, no pruning",
    }
    assert daniel[45].url == "https://ieeexplore.ieee.org/abstract/document/7551407"


# --- the full lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reader", "path", "in_scope", "out_of_scope"),
    [(type_code_tables.read, HE_Y, 274, 4), (year_tables.read, DANIELMCPARK, 67, 4)],
    ids=["he-y", "danielmcpark"],
)
def test_full_lists(reader, path: Path, in_scope: int, out_of_scope: int) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    papers = reader(path)
    outside = [p for p in papers if p.out_of_scope]
    print(f"{path.parent.name}: {len(papers) - len(outside)} in scope, {len(outside)} out of scope")
    assert (len(papers) - len(outside), len(outside)) == (in_scope, out_of_scope)
    taxonomy = load_taxonomy(ROOT / "catalog" / "taxonomy.yml")
    granularity = taxonomy.facet("granularity")
    for p in papers:
        assert p.title and p.year and p.line > 0, p
        assert set(p.labels) == set(p.label_notes), p
        for dimension, ids in p.labels.items():
            assert ids and set(ids) <= set(taxonomy.allowed(dimension)), p
        implied = [granularity.value(g).speedup for g in p.labels.get("granularity", [])]
        assert p.labels.get("speedup", []) == [s for s in implied if s], p  # as taxonomy.yml declares
        assert all(c.startswith(("https://", "http://")) for c in p.code), p
    assert len({p.line for p in papers}) == len(papers)
