"""The text index of the search page (assets/search-text.json) says what the catalog says."""

from __future__ import annotations

import gzip
import json
from collections import Counter

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
    assert ti.terms("SparseGPT: N:M sparsity (2:4), L0_norm") == ["sparsegpt", "n:m", "sparsity", "2:4", "l0", "norm"]
    assert ti.terms("") == [] and ti.terms("—") == []


def test_compounds_keep_their_meaning():
    # a qualifying prefix stays on its word: "structured" is no word of "semi-structured"
    assert ti.terms("Semi-Structured and non-uniform, un-pruned") == ["semistructured", "and", "nonuniform", "unpruned"]
    assert ti.terms("post-training layer-wise") == ["post", "training", "layer", "wise"]
    # short parts joined by colons are one word; a title's colon is not
    assert ti.terms("Beyond 2:4: V:N:M, 1xN") == ["beyond", "2:4", "v:n:m", "1xn"]
    assert ti.terms("SNIP:Single-shot abcd:e") == ["snip", "single", "shot", "abcd", "e"]


def test_method_names():
    assert ti.name_words("The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", "LTH") == (
        ["lth"],
        ["lottery", "ticket", "hypothesis"],
    )
    assert ti.name_words("Movement Pruning: Adaptive Sparsity by Fine-Tuning", "") == ([], ["movement", "pruning"])
    assert ti.name_words("SNIP: Single-shot Network Pruning based on Connection Sensitivity", "SNIP") == (["snip"], [])
    assert ti.name_words("Pruning via Iterative Ranking of Sensitivity Statistics", "SNIP-it") == (["snip", "it"], [])
    # a hyphenated word gives one initial or one per part; small words are skipped inside the run
    assert ti.expansion("Learning to Prune Deep Neural Networks via Layer-wise Optimal Brain Surgeon", "L-OBS") == [
        "layer",
        "wise",
        "optimal",
        "brain",
        "surgeon",
    ]
    assert ti.expansion("AMC: AutoML for Model Compression and Acceleration on Mobile Devices", "AMC") == [
        "automl",
        "for",
        "model",
        "compression",
    ]
    assert ti.expansion("Beyond 2:4: exploring V:N:M sparsity", "") == []
    assert ti.expansion("Sparse Networks", "Sparse") == []  # not an acronym
    # a long title head is no name; a head ends at a colon and a space, not inside "2:4"
    assert ti.name_words("Lottery Ticket Preserves Weight Correlation: Is It Desirable or Not?", "") == ([], [])
    assert ti.name_words("Beyond 2:4: exploring V:N:M sparsity", "") == ([], ["beyond", "2:4"])


def check(catalog: Catalog) -> dict:
    """Every word of every paper is found where it is, and nothing else is indexed."""
    data = index_data(catalog)
    text = ti.text_index(catalog)
    raw = json.loads(text)
    assert raw["count"] == len(catalog.papers) and raw["fields"] == [*ti.FIELDS, ti.NAMED]
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
        own, named = ti.name_words(p.title, p.algorithm)
        for word in named:
            assert word not in own and "title" in expected_papers[word][i]
            expected_papers[word][i].add(ti.NAMED)
        assert raw["names"][i] == min(len(own), 15) + (min(len(named), 15) << ti.NAME_SHIFT)
    assert {t: {p: set(f) for p, f in e["papers"].items()} for t, e in index.items() if e["papers"]} == expected_papers
    for a, name in enumerate(data["authors"]):
        for word in ti.terms(name):
            assert a in index[word]["authors"]
    assert sum(len(e["authors"]) for e in index.values()) == sum(len(set(ti.terms(n))) for n in data["authors"])
    facets = {f["id"]: (fi, f) for fi, f in enumerate(data["facets"])}
    for fid in ("when", "speedup", "model", "granularity", "framework"):
        fi, f = facets[fid]
        for vi, v in enumerate(f["values"]):
            if v["id"] == "other":
                continue
            for words in (ti.terms(v["name"]), ti.terms(v.get("code", "")), ti.terms(v["id"])):
                if len(words) == 1 and len(words[0]) > 1:  # one word: a term naming the label
                    assert (fi, vi) in index[words[0]]["values"], (fid, v, words)
                elif len(words) > 1:  # several: a phrase
                    assert [" ".join(words), fi * ti.VALUE_STRIDE + vi] in [
                        [ph, c] for ph, codes in raw["phrases"] for c in codes
                    ], (fid, v, words)
    fi, f = facets["venue"]
    shared = Counter(w for v in f["values"] for w in set(ti.terms(v["name"])))
    for vi, v in enumerate(f["values"]):
        words = ti.terms(v["name"])
        for word in words:  # a venue's words, but those several venues share ("neural")
            named = (fi, vi) in index.get(word, {}).get("values", [])
            assert named == (len(words) == 1 or (shared[word] == 1 and word not in ti.SMALL)), (v, word)
    assert not any(fi == facets["code"][0] for e in index.values() for fi, _ in e["values"])  # yes/no: not words
    return raw


def labels_of(raw: dict, data: dict, word: str) -> set[str]:
    """The taxonomy's labels (facet=value) a word of the text index names (venues left out)."""
    if word not in raw["terms"]:
        return set()
    codes = raw["values"][raw["terms"].index(word)]
    facets = data["facets"]
    return {
        f"{facets[c // ti.VALUE_STRIDE]['id']}={facets[c // ti.VALUE_STRIDE]['values'][c % ti.VALUE_STRIDE]['id']}"
        for c in codes
        if facets[c // ti.VALUE_STRIDE]["id"] != "venue"
    }


def test_taxonomy_terms(catalog: Catalog):
    data = index_data(catalog)
    raw = json.loads(ti.text_index(catalog, data))
    assert labels_of(raw, data, "structured") == {"speedup=structured"}
    assert labels_of(raw, data, "unstructured") == {"speedup=unstructured"}
    assert labels_of(raw, data, "semistructured") == {"speedup=semi-structured"}
    assert labels_of(raw, data, "n:m") == labels_of(raw, data, "2:4") == {"granularity=n-m"}
    assert labels_of(raw, data, "llm") == labels_of(raw, data, "llms") == labels_of(raw, data, "large") == {"model=llm"}
    # words in several labels' names name none of them; one-letter codes ("W") are no words
    for word in ("pruning", "training", "learning", "models", "w", "f", "other"):
        assert labels_of(raw, data, word) == set(), word
    phrases = dict((ph, codes) for ph, codes in raw["phrases"])
    for phrase in (
        "post training",
        "post training pruning",
        "large language models",
        "n:m sparsity",
        "structured pruning",
    ):
        assert phrase in phrases, phrase


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
    assert len(gzip.compress(text, 6)) < 40 * 1024  # ~33 KB gzipped for 2,000 papers (10,000: see BENCHMARKS.md)
    assert ti.text_index(catalog) == ti.text_index(load_catalog(tmp_path))  # deterministic
