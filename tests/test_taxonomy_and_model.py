"""The taxonomy is the public contract; the model loads entries and expands sub-categories."""

from __future__ import annotations

from pathlib import Path

import pytest

from prunecat.load import load_catalog
from prunecat.problems import CatalogError
from prunecat.taxonomy import load_taxonomy

from conftest import CATALOG, write_entry

CONTRACT = {
    "speedup": ["unstructured", "structured", "semi-structured"],
    "when": ["before-training", "during-training", "after-training", "run-time"],
    "criteria": ["magnitude", "lp-norm", "sensitivity-saliency", "loss-change"],
    "learn": ["sparsity-regularization", "meta-learning", "graph-neural-network", "reinforcement-learning"],
    "fusion": ["quantization", "tensor-decomposition", "nas", "knowledge-distillation"],
}

SNIP_BIB = """@inproceedings{lee2019snip,
  title = {{SNIP}: Single-shot Network Pruning based on Connection Sensitivity},
  author = {Lee, Namhoon and Ajanthan, Thalaiyasingam and Torr, Philip H. S.},
  booktitle = {International Conference on Learning Representations},
  year = {2019},
  eprint = {1810.02340},
  archiveprefix = {arXiv},
}"""


def test_axis_and_category_ids_are_the_public_contract():
    taxonomy = load_taxonomy(CATALOG / "taxonomy.yml")
    assert [a.id for a in taxonomy.axes] == list(CONTRACT)
    for axis in taxonomy.axes:
        assert [c.id for c in axis.top_level()] == CONTRACT[axis.id]
        for c in axis.categories:
            assert c.about.strip() and c.name.strip()
        assert axis.about.strip()


def test_sub_categories_belong_to_their_parents():
    when = load_taxonomy(CATALOG / "taxonomy.yml").axis("when")
    assert when.category("post-training").parent == "after-training"
    assert when.category("early-training").parent == "during-training"
    assert when.with_parents(("post-training",)) == ("after-training", "post-training")


def test_facets_cover_the_lists_other_dimensions():
    taxonomy = load_taxonomy(CATALOG / "taxonomy.yml")
    codes = {v.code for v in taxonomy.facet("granularity").values}
    assert codes == {"L", "F", "C", "N", "H", "B", "M", "E", "W", "N:M", "1xN", "Other"}
    assert "P" not in codes  # pioneer is a flag, not a granularity
    assert set(taxonomy.facet("model").ids()) == {"cnn", "vit", "bert", "llm", "diffusion", "vision-language", "other"}
    assert set(taxonomy.facet("setting").ids()) == {"continual", "contrastive", "federated"}
    assert taxonomy.resolve("granularity", "N:M") == "n-m"


def write(root: Path, key: str, **fields) -> Path:
    return write_entry(root, key, {"bibtex": SNIP_BIB, **fields})


def test_a_paper_with_a_sub_category_counts_for_its_parent(tmp_catalog):
    write(tmp_catalog, "lee2019snip", when=["post-training"], speedup=["unstructured"], granularity=["W"])
    catalog = load_catalog(tmp_catalog)
    (paper,) = catalog.papers
    assert paper.labels["when"] == ("post-training",)
    assert paper.categories["when"] == ("after-training", "post-training")
    assert catalog.in_category("when", "after-training") == [paper]
    assert paper.facets["granularity"] == ("weight",)
    assert paper.title == "SNIP: Single-shot Network Pruning based on Connection Sensitivity"
    assert paper.authors == ("Namhoon Lee", "Thalaiyasingam Ajanthan", "Philip H. S. Torr")
    assert paper.arxiv == "1810.02340" and paper.venue == "ICLR"
    assert not paper.labelled("criteria") and catalog.unlabelled("criteria") == [paper]


def test_invalid_entries_fail_with_file_line_and_hint(tmp_catalog):
    path = write(tmp_catalog, "lee2019snip", when=["afer-training"])
    with pytest.raises(CatalogError) as err:
        load_catalog(tmp_catalog)
    (problem,) = err.value.problems
    assert problem.path == "papers/lee2019snip.yml"
    assert path.read_text().splitlines()[problem.line - 1].startswith("when:")
    assert "did you mean 'after-training'" in problem.message


def test_the_same_paper_twice_is_an_error(tmp_catalog):
    write(tmp_catalog, "lee2019snip")
    write(tmp_catalog, "lee2019snip-b")
    with pytest.raises(CatalogError) as err:
        load_catalog(tmp_catalog)
    (dup,) = [p for p in err.value.problems if "same arXiv id" in p.message]
    files = {"papers/lee2019snip.yml", "papers/lee2019snip-b.yml"}
    assert dup.path in files and (files - {dup.path}).pop() in dup.message


def test_the_real_catalog_loads_without_errors(catalog):
    assert len(catalog.papers) > 250
    assert not [p for p in catalog.warnings if p.severity == "error"]
    keys = [p.key for p in catalog.papers]
    assert len(keys) == len(set(keys))
