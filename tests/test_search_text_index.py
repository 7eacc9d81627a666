"""The text index of the search page (assets/search-text.json) says what the catalog says."""

from __future__ import annotations

import gzip
import json

import pytest

from prunecat.generators import text_index as ti
from prunecat.generators.search_index import index_data
from prunecat.load import load_catalog
from prunecat.model import Catalog
from prunecat.synth import synth_catalog

from conftest import SEARCH_FIXTURE


@pytest.fixture(scope="module")
def fixture_catalog() -> Catalog:
    return load_catalog(SEARCH_FIXTURE)


def test_words_are_folded_runs_of_letters_and_digits():
    assert ti.fold("Jörg MÜLLER") == "jorg muller"
    assert ti.terms("SparseGPT: N:M sparsity (2:4), L0_norm") == [
        "sparsegpt",
        "n",
        "m",
        "sparsity",
        "2",
        "4",
        "l0",
        "norm",
    ]
    assert ti.terms("") == [] and ti.terms("—") == []


def check(catalog: Catalog) -> dict:
    """Every word of every paper is found where it is, and nothing else is indexed."""
    data = index_data(catalog)
    text = ti.text_index(catalog)
    raw = json.loads(text)
    assert raw["count"] == len(catalog.papers) and raw["fields"] == list(ti.FIELDS)
    assert raw["terms"] == sorted(set(raw["terms"]), key=lambda t: t.encode("utf-16-be"))  # JS string order
    assert len(raw["papers"]) == len(raw["authors"]) == len(raw["values"]) == len(raw["terms"])
    index = ti.decode(text)
    expected_papers: dict[str, dict[int, set[str]]] = {}
    for i, p in enumerate(catalog.papers):
        texts = {"title": p.title, "algorithm": p.algorithm, "summary": p.summary, "note": p.venue_note}
        assert set(ti.FIELDS) == set(texts)  # the registry's searched fields, by index column
        for field, value in ((f, texts[f]) for f in ti.FIELDS):
            for word in ti.terms(value):
                expected_papers.setdefault(word, {}).setdefault(i, set()).add(field)
    assert {t: {p: set(f) for p, f in e["papers"].items()} for t, e in index.items() if e["papers"]} == expected_papers
    for a, name in enumerate(data["authors"]):
        for word in ti.terms(name):
            assert a in index[word]["authors"]
    assert sum(len(e["authors"]) for e in index.values()) == sum(len(set(ti.terms(n))) for n in data["authors"])
    facets = {f["id"]: (fi, f) for fi, f in enumerate(data["facets"])}
    for fid in ("when", "speedup", "model", "venue", "framework"):
        fi, f = facets[fid]
        for vi, v in enumerate(f["values"]):
            for word in ti.terms(v["name"]) + ti.terms(v.get("code", "")) + ti.terms(v["id"]):
                assert (fi, vi) in index[word]["values"], (fid, v, word)
    assert not any(fi == facets["code"][0] for e in index.values() for fi, _ in e["values"])  # yes/no: not words
    return raw


def test_text_index_of_the_fixture_catalog(fixture_catalog: Catalog):
    raw = check(fixture_catalog)
    assert "sparsegpt" in raw["terms"] and "muller" in raw["terms"] and "llm" in raw["terms"]


def test_text_index_of_the_real_catalog(catalog: Catalog):
    check(catalog)


def test_text_index_of_a_synthetic_catalog_is_small(tmp_path):
    synth_catalog(2000, tmp_path, seed=5)
    catalog = load_catalog(tmp_path)
    check(catalog)
    text = ti.text_index(catalog).encode("utf-8")
    assert len(gzip.compress(text, 6)) < 40 * 1024  # ~30 KB gzipped for 2,000 papers (10,000: see BENCHMARKS.md)
    assert ti.text_index(catalog) == ti.text_index(load_catalog(tmp_path))  # deterministic
