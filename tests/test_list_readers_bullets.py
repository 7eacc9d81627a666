"""The bullet and table list readers: MingSun-Tse (dated bullets), csyhhu (title bullets) and
ishandutta2007 (paradigm tables), on committed excerpts and, when present, on the full snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from prunecat.importers.lists import dated_bullets, paradigm_tables, title_bullets
from prunecat.importers.lists.record import ListPaper, Reader
from prunecat.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lists"
LISTS = Path("/work/shared/data/lists")
PAI = "Awesome Pruning at Initialization"
VARIANTS = "2. Core Granularity & Structural Variants"


def by_line(papers: list[ListPaper]) -> dict[int, ListPaper]:
    return {p.line: p for p in papers}


def assert_valid_labels(papers: list[ListPaper]) -> None:
    taxonomy = load_taxonomy(ROOT / "catalog" / "taxonomy.yml")
    for paper in papers:
        assert set(paper.labels) == set(paper.label_notes), paper
        for dimension, ids in paper.labels.items():
            assert ids and set(ids) <= set(taxonomy.allowed(dimension)), (paper.line, dimension, ids)
            assert paper.label_notes[dimension], paper


# --- dated bullets (MingSun-Tse) ---------------------------------------------------------------


def test_dated_bullets_rows() -> None:
    papers = dated_bullets.read(FIXTURES / "mingsun-tse-excerpt.md")
    rows = by_line(papers)
    # intro bullets (3, 4), a code block (47), an indented note (49), a dated row without a link (50)
    # and an undated bullet (51) are not papers
    assert len(papers) == 30
    assert not {3, 4, 47, 49, 50, 51} & set(rows)
    lth = rows[14]
    assert lth.title == "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks"
    assert (lth.url, lth.venue, lth.year) == ("https://openreview.net/forum?id=rJl-b3RcF7", "ICLR", 2019)
    assert lth.code == [
        "https://github.com/google-research/lottery-ticket-hypothesis",
        "https://github.com/facebookresearch/open_lth",
    ]
    assert lth.section == f"{PAI} > 2019"
    assert (lth.labels, lth.label_notes, lth.out_of_scope) == ({}, {}, "")
    # "Code Report" on OpenReview is not code
    assert rows[17].code == ["https://github.com/varungohil/Generalizing-Lottery-Tickets"]
    # a month instead of a venue; the "ICLR'20 rejected version" link is neither url nor code
    scratch = rows[18]
    assert (scratch.title, scratch.venue, scratch.year) == (
        "Sparse networks from scratch: Faster training without losing performance",
        "",
        2019,
    )
    assert scratch.url == "https://arxiv.org/abs/1907.04840"
    assert scratch.code == ["https://github.com/TimDettmers/sparse_learning"]
    assert (rows[10].venue, rows[10].year) == ("Nature Communications", 2018)
    assert rows[30].venue == "Neural Computing and Applications"
    assert (rows[29].venue, rows[29].year) == ("", 2020)  # "ICLR reject" is not a venue
    assert rows[35].year == 2020 and rows[35].venue == ""  # 2020.10
    assert rows[24].title == "Drawing early-bird tickets: Towards more efficient training of deep networks"
    assert rows[34].title == "The Hardware Lottery" and rows[34].out_of_scope.startswith("not about pruning")
    assert sum(1 for p in papers if p.out_of_scope) == 1


def test_dated_bullets_when_only_from_a_section_that_says_it() -> None:
    papers = dated_bullets.read(FIXTURES / "mingsun-tse-excerpt.md")
    rows = by_line(papers)
    # the snapshot's year groups say nothing about when a paper prunes
    assert all(not p.labels for p in papers if p.line != 54)
    last = rows[54]
    assert last.labels == {"when": ["before-training"]}
    assert last.label_notes == {"when": "section Pruning at Initialization"}
    assert last.section == f"{PAI} > Pruning at Initialization"
    assert last.code == ["https://gitlab.com/a/b"]
    assert_valid_labels(papers)


# --- title bullets (csyhhu) --------------------------------------------------------------------


def test_title_bullets_rows() -> None:
    papers = title_bullets.read(FIXTURES / "csyhhu-excerpt.md")
    rows = by_line(papers)
    # indented notes (23, 51), the section paragraph (32), comments (59, 84-85) and a code block (90)
    assert len(papers) == 44
    assert not {23, 32, 51, 59, 85, 90} & set(rows)
    first = rows[4]
    assert first.title == "A Signal Propagation Perspective for Pruning Neural Networks at Initialization"
    assert (first.url, first.venue, first.year, first.section) == ("", "", None, "Pruning")
    # a link to the list's own summary page is not the paper's url
    lynx = rows[74]
    assert lynx.title == "RT-Lynx: Putting GEMM Sparsity in the Right Place for Diffusion Models"
    assert lynx.url == ""
    # a venue heading fills venue and year; an absolute link is the url; Markdown is removed
    assert (rows[87].url, rows[87].venue, rows[87].year) == ("https://arxiv.org/abs/1901.00001", "CVPR", 2019)
    assert rows[88].title == "Emphasised title with code"
    assert rows[88].section == "Pruning > CVPR 2019"


def test_title_bullets_labels() -> None:
    papers = title_bullets.read(FIXTURES / "csyhhu-excerpt.md")
    rows = by_line(papers)
    assert rows[11].labels == {"speedup": ["unstructured"]}
    assert rows[11].label_notes == {"speedup": "section Unstructure Pruning"}
    assert rows[18].labels == {"speedup": ["structured"]}
    assert rows[18].label_notes == {"speedup": "section Structure Pruning"}
    assert rows[34].labels == {"when": ["run-time"]}
    assert rows[34].label_notes == {"when": "section Dynamic Pruning"}
    assert rows[54].labels == {"task": ["adversarial-robustness"]}
    assert rows[57].labels == {"model": ["other"]} and rows[57].label_notes == {"model": "section RNN Pruning"}
    assert rows[42].labels == {"fusion": ["tensor-decomposition"]}  # Trained Rank Pruning
    # "2:4" under "Structure Pruning" is semi-structured
    assert rows[71].labels == {"speedup": ["semi-structured"]}
    assert rows[71].label_notes == {"speedup": "section Structure Pruning, title says 2:4"}
    assert rows[22].labels == {} and rows[50].labels == {}  # Sharing-based, Pruning Theory: no category
    assert_valid_labels(papers)


def test_title_bullets_scope() -> None:
    rows = by_line(title_bullets.read(FIXTURES / "csyhhu-excerpt.md"))
    out = {line: p.out_of_scope for line, p in rows.items() if p.out_of_scope}
    assert out == {
        41: "section Low-Rank Factorization: low-rank decomposition without pruning",
        43: "section Low-Rank Factorization: low-rank decomposition without pruning",
        44: "section Low-Rank Factorization: low-rank decomposition without pruning",
        67: "lossless compression for storage, not pruning",
        77: "sparse attention computation, not network pruning",
        82: "caching of computed steps, not network pruning",
    }
    assert rows[77].labels == {}  # an out-of-scope row carries no labels
    assert rows[77].section == "Pruning > Structure Pruning > Attention Block Spasity"


# --- paradigm tables (ishandutta2007) ----------------------------------------------------------


def test_paradigm_tables_rows() -> None:
    papers = paradigm_tables.read(FIXTURES / "ishandutta2007-excerpt.md")
    rows = by_line(papers)
    # meta tags, the mermaid chart, row names' detail links, a row without a paper link (84) and a
    # numbered line that is not a citation (88) are not papers
    assert len(papers) == 19
    assert not {4, 17, 84, 88} & set(rows)
    obd = rows[25]
    assert obd.title == "Optimal Brain Damage"
    assert obd.url == "https://papers.nips.cc/paper/1989/hash/6c9882bbac1c7093bd25041881277658-Abstract.html"
    assert (obd.year, obd.venue, obd.labels) == (1989, "", {})
    assert obd.section == (
        "Awesome-Pruning-Algorithms > 1. The Macro Chronological Evolution"
        " > The Analytical Second-Order Era (Optimal Brain Damage)"
    )
    # the same paper once per row
    assert [p.line for p in papers if p.title == "Optimal Brain Damage"] == [25, 36, 46]
    assert rows[48].url == "https://arxiv.org/abs/1803.03635" and rows[48].year == 2018
    assert rows[85].year is None  # "n/a" is not a year


def test_paradigm_tables_variant_labels() -> None:
    papers = paradigm_tables.read(FIXTURES / "ishandutta2007-excerpt.md")
    rows = by_line(papers)
    assert rows[36].labels == {"speedup": ["unstructured"]}
    assert rows[36].label_notes == {"speedup": f"table {VARIANTS}, row A. Unstructured Pruning (Element-Wise Deletion)"}
    assert rows[37].labels == {"speedup": ["structured"]}
    assert rows[37].label_notes == {
        "speedup": f"table {VARIANTS}, row B. Structured Pruning (Channel / Filter Deletion)"
    }
    semi = rows[38]
    assert (
        semi.title == "Accelerating Sparse Deep Neural Networks on NVIDIA Ampere GPUs via 2:4 Semi-Structured Patterns"
    )
    assert semi.labels == {"speedup": ["semi-structured"], "granularity": ["n-m"]}
    note = f"table {VARIANTS}, row C. Semi-Structured Pruning (N:M Sparsity)"
    assert semi.label_notes == {"speedup": note, "granularity": note}
    # schedule and era tables name who first used an idea: no labels
    assert rows[46].labels == {} and rows[47].labels == {}
    assert_valid_labels(papers)


def test_paradigm_tables_scope_and_references() -> None:
    rows = by_line(paradigm_tables.read(FIXTURES / "ishandutta2007-excerpt.md"))
    assert rows[64].out_of_scope == "not a paper"
    assert rows[64].url == "https://github.com/NVIDIA/TensorRT-LLM"
    assert rows[56].out_of_scope.startswith("sparse hardware accelerator")  # EIE
    assert rows[65].out_of_scope and rows[66].out_of_scope  # MCUNet, MobileLLM
    assert not rows[75].out_of_scope
    lecun = rows[71]
    assert (lecun.title, lecun.year, lecun.venue, lecun.url) == ("Optimal brain damage", 1989, "NeurIPS", "")
    assert lecun.authors == ["Y. LeCun", "J. Denker", "S. Solla"]
    assert lecun.section == "Awesome-Pruning-Algorithms > References"
    assert rows[73].venue == "ICLR" and rows[73].authors == ["J. Frankle", "M. Carbin"]
    hoefler = rows[74]
    assert hoefler.title == "Sparsity in deep learning: Pruning and growth for efficient inference and training"
    assert (hoefler.authors, hoefler.venue) == ([], "Journal of Machine Learning Research")  # "et al."
    assert rows[75].venue == ""  # "NVIDIA whitepaper architecture manifestos"
    assert rows[76].year == 2024


# --- the full snapshots ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reader, name, total, out",
    [
        (dated_bullets.read, "mingsun-tse-pruning-at-initialization/README.md", 78, 1),
        (title_bullets.read, "csyhhu-compression/Pruning.md", 44, 3),
        (title_bullets.read, "csyhhu-compression/Large-Pretraining-Models-Pruning.md", 16, 3),
        (paradigm_tables.read, "ishandutta2007-pruning-algorithms/README.md", 21, 4),
    ],
)
def test_full_list(reader: Reader, name: str, total: int, out: int) -> None:
    path = LISTS / name
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    papers = reader(path)
    assert len(papers) == total
    assert sum(1 for p in papers if p.out_of_scope) == out
    assert all(p.title and p.line > 0 for p in papers)
    assert [p.line for p in papers] == sorted(p.line for p in papers)
    assert all(not u or u.startswith("http") for p in papers for u in [p.url, *p.code])
    assert_valid_labels(papers)
