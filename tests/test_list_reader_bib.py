"""The list reader of spcl/sparsity-in-deep-learning's sparsity.bib (`importers/lists/bib_records.py`):
what each entry becomes, and which entries are in the catalog's scope."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from prunecat import bibtex
from prunecat.importers.lists import bib_records
from prunecat.importers.lists.bib_records import (
    ARCH,
    BOOK,
    DATA,
    DOUBTFUL,
    DROPOUT,
    GENERAL,
    GRADIENTS,
    HARDWARE,
    NEURO,
    decision,
    out_of_scope,
    read,
)

from conftest import FIXTURES

EXCERPT = FIXTURES / "lists" / "spcl-excerpt.bib"
FULL = Path("/work/shared/data/lists/spcl-sparsity/sparsity.bib")

NEURIPS_2015 = "https://proceedings.neurips.cc/paper/2015/file/ae0eb3eed39d2bcef4622b2499a05fe6-Paper.pdf"
NAACL_2019 = (
    "Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational "
    "Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)"
)

#: (line, title, url, authors, venue, year, out_of_scope) of every entry of the excerpt, in order
EXPECTED = [
    (4, "Hierarchical Models in the Brain", "https://doi.org/10.1371/journal.pcbi.1000211", ["K.J. Friston"],
     "PLOS Computational Biology", 2008, NEURO),
    # "Hansen, Lars Kai and others": the "others" is no name
    (17, "Controlled growth of cascade correlation nets", "", ["Lars Kai Hansen"],
     "International Conference on Artificial Neural Networks", 1994, ""),
    (26, "Cambricon-X: An accelerator for sparse neural networks", "https://doi.org/10.1109/MICRO.2016.7783723",
     ["S. Zhang", "Z. Du", "L. Zhang", "H. Lan", "S. Liu", "L. Li", "Q. Guo", "T. Chen", "Y. Chen"],
     "2016 49th Annual IEEE/ACM International Symposium on Microarchitecture (MICRO)", 2016, HARDWARE),
    # the url field comes before the DOI (written here with its https://doi.org/ prefix)
    (36, "Group sparse regularization for deep neural networks",
     "http://www.sciencedirect.com/science/article/pii/S0925231217302990",
     ["Simone Scardapane", "Danilo Comminiello", "Amir Hussain", "Aurelio Uncini"], "Neurocomputing", 2017, ""),
    (50, "Neural net pruning-why and how", "https://doi.org/10.1109/ICNN.1988.23864", ["Sietsma", "Dow"],
     "IEEE 1988 International Conference on Neural Networks", 1988, ""),
    (60, "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", "https://arxiv.org/abs/1803.03635",
     ["Jonathan Frankle", "Michael Carbin"], "", 2019, ""),
    (69, "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", "",
     ["Nitish Srivastava", "Geoffrey Hinton", "Alex Krizhevsky", "Ilya Sutskever", "Ruslan Salakhutdinov"],
     "J. Mach. Learn. Res.", 2014, DROPOUT),
    (86, "Optimal Brain Damage", "", ["Yann Le Cun", "John S. Denker", "Sara A. Solla"],
     "Advances in Neural Information Processing Systems 2", 1990, ""),
    (98, "Second Order Derivatives for Network Pruning: Optimal Brain Surgeon", "", ["Babak Hassibi", "David G. Stork"],
     "Advances in Neural Information Processing Systems 5, [NIPS Conference]", 1992, ""),
    # url = { \n\thttps://doi.org/...\n\t\n\t}: the link without the white space around it
    (110, "Natural Gradient Works Efficiently in Learning", "https://doi.org/10.1162/089976698300017746",
     ["Shun-ichi Amari"], "Neural Computation", 1998, GENERAL),
    (130, "Learning Sparse Neural Networks through $L_0$ Regularization", "https://arxiv.org/abs/1712.01312",
     ["Christos Louizos", "Max Welling", "Diederik P. Kingma"], "", 2018, ""),
    (139, "Variational Dropout Sparsifies Deep Neural Networks", "https://arxiv.org/abs/1701.05369",
     ["Dmitry Molchanov", "Arsenii Ashukha", "Dmitry Vetrov"], "", 2017, ""),
    (148, "The organization of behavior: A neuropsychological theory", "", ["Donald O. Hebb"], "", 1949, BOOK),
    (182, "Open subtitles 2018: Statistical rescoring of sentence alignments in large, noisy parallel corpora", "",
     ["Pierre Lison", "Jörg Tiedemann", "Milen Kouylekov"],
     "LREC 2018, Eleventh International Conference on Language Resources and Evaluation", 2019, DATA),
    # after the `%%%%%%` comment lines between two entries
    (193, "Learning both Weights and Connections for Efficient Neural Network", NEURIPS_2015,
     ["Song Han", "Jeff Pool", "John Tran", "William Dally"], "Advances in Neural Information Processing Systems",
     2015, ""),
    (205, "Morphnet: Fast & simple resource-constrained structure learning of deep networks", "",
     ["Ariel Gordon", "Elad Eban", "Ofir Nachum", "Bo Chen", "Hao Wu", "Tien-Ju Yang", "Edward Choi"],
     "Proceedings of the IEEE conference on computer vision and pattern recognition", 2018, ""),
    (213, "Gradient sparsification for communication-efficient distributed optimization",
     "https://arxiv.org/abs/1710.09854", ["Jianqiao Wangni", "Jialei Wang", "Ji Liu", "Tong Zhang"],
     "Advances in Neural Information Processing Systems", 2018, GRADIENTS),
    # the arXiv id from `journal = {arXiv preprint arXiv:1804.05345}`
    (224, "Data-dependent coresets for compressing neural networks with applications to generalization bounds",
     "https://arxiv.org/abs/1804.05345",
     ["Cenk Baykal", "Lucas Liebenwein", "Igor Gilitschenski", "Dan Feldman", "Daniela Rus"],
     "arXiv preprint arXiv:1804.05345", 2018, ""),
    (231, "BERT: Pre-training of deep bidirectional transformers for language understanding", "",
     ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"], NAACL_2019, 2019, GENERAL),
]  # fmt: skip


def test_every_entry_of_the_excerpt():
    papers = read(EXCERPT)
    got = [(p.line, p.title, p.url, p.authors, p.venue, p.year, p.out_of_scope) for p in papers]
    assert got == EXPECTED
    assert all(not (p.labels or p.label_notes or p.code or p.section) for p in papers)  # the list has no labels


def test_bibtex_is_the_entry_as_written():
    papers = read(EXCERPT)
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    first = papers[0]
    assert first.bibtex.startswith("@Article{ karl_hierarchical_models,\nauthor = {K.J. Friston},")
    assert first.bibtex.endswith("keyword = {DEM} \n}")  # exporter noise and trailing space kept
    for paper in papers:
        assert lines[paper.line - 1] == paper.bibtex.splitlines()[0]
        assert bibtex.parse_entry(paper.bibtex).get("title")  # each one a complete entry
    assert "month = jan," in papers[6].bibtex  # a bare month macro stays as written


def test_doubtful_entries_stay_in_scope():
    hansen = read(EXCERPT)[1]
    assert hansen.out_of_scope == "" and "1994-hansen" in DOUBTFUL


def test_rule_order():
    # gradient sparsification is not network sparsification; pruning words beat hardware words
    assert out_of_scope("k", "Sparsified SGD with memory", "", "inproceedings") == GRADIENTS
    assert out_of_scope("k", "Eager Pruning: Algorithm and Architecture Support", "ISCA", "misc") == ""
    assert out_of_scope("k", "MASR: A Modular Accelerator for Sparse RNNs", "", "misc") == HARDWARE
    assert out_of_scope("k", "Minerva", "Symposium on Computer Architecture (ISCA)", "misc") == HARDWARE
    assert out_of_scope("k", "Neural Architecture Search: A Survey", "", "misc") == ARCH
    assert out_of_scope("k", "Sparse Convolutional Neural Networks", "CVPR", "misc") == ""
    assert out_of_scope("k", "Using Advanced MPI", "", "book") == BOOK
    assert decision("k", "Winner-Take-All Autoencoders", "", "misc") == ("", "default")
    # a per-key decision comes first
    assert decision("2019-michel", "Are Sixteen Heads Really Better than One?", "", "misc") == ("", "override")
    assert decision("2016-he", "Deep Residual Learning", "", "misc") == (GENERAL, "override")


def test_a_block_that_does_not_parse_is_an_error(tmp_path):
    bad = tmp_path / "bad.bib"
    bad.write_text("@misc{ok, title={A}, author={B}, year={2020}}\n\n@misc{broken, title={A, year={2020}\n")
    with pytest.raises(ValueError, match=r"bad\.bib:3: "):
        read(bad)


@pytest.mark.skipif(not FULL.exists(), reason="the spcl bibliography is not in /work/shared/data/lists")
def test_the_whole_bibliography():
    papers = read(FULL)
    entries = bibtex.parse_text(FULL.read_text(encoding="utf-8")).entries
    keys = [e.key for e in entries]
    assert len(papers) == 452 and len(set(keys)) == 452
    by_key = dict(zip(keys, papers))
    assert sum(not p.out_of_scope for p in papers) == 235
    assert Counter(p.out_of_scope for p in papers if p.out_of_scope) == {
        GENERAL: 54,
        GRADIENTS: 30,
        HARDWARE: 26,
        DATA: 15,
        "not about neural networks": 14,
        "sparse attention (no pruning)": 13,
        DROPOUT: 12,
        NEURO: 10,
        ARCH: 10,
        "mixture of experts/routing (no pruning)": 7,
        BOOK: 6,
        "sparse linear algebra/kernels": 5,
        "systems/performance (no pruning)": 5,
        "low-rank/tensor factorization only": 5,
        "quantization only": 4,
        "distillation only": 1,
    }
    assert len(DOUBTFUL) == 36 and DOUBTFUL <= set(keys)
    assert all(not by_key[k].out_of_scope for k in DOUBTFUL)
    # every entry is decided by a rule or a per-key decision, or is left to the curators as doubtful
    undecided = [
        k for k, e in zip(keys, entries) if decision(k, by_key[k].title, by_key[k].venue, e.entry_type)[1] == "default"
    ]
    assert set(undecided) <= DOUBTFUL
    overrides = bib_records.overrides()
    assert set(overrides) <= set(keys)
    assert set(overrides.values()) <= set(bib_records.REASONS) | {bib_records.IN_SCOPE}
    classics = ["1990-lecun", "1992-hassibi", "2015-han-learning", "2015-han", "2019-frankle", "2019-lee"]
    classics += ["2017-molchanov", "2018-louizos", "2020-evci", "2017-li", "1993-reed", "2020-blalock"]
    assert [k for k in classics if by_key[k].out_of_scope] == []
    background = {"2016-he": GENERAL, "2019-devlin": GENERAL, "2014-srivastava": DROPOUT, "2015-kingma": DROPOUT}
    background |= {"2018-lin": GRADIENTS, "2016-han-eie": HARDWARE, "2015-ioffe": GENERAL}
    assert {k: by_key[k].out_of_scope for k in background} == background
    assert sum(p.url.startswith("https://arxiv.org/abs/") for p in papers) == 264  # 3 more: http://arxiv.org url fields
    assert sum(not p.url for p in papers) == 110
