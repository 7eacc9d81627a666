"""The search index (assets/search-index.json) says what the catalog says; the synthetic catalog is valid."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from prunecat.generators.search_index import decode, search_index
from prunecat.load import load_catalog
from prunecat.model import LIST_FACETS, Catalog, Paper
from prunecat.synth import synth_catalog
from prunecat.taxonomy import AXIS_IDS

from conftest import FIXTURES

SEARCH_FIXTURE = FIXTURES / "search-catalog"


@pytest.fixture(scope="module")
def fixture_catalog() -> Catalog:
    return load_catalog(SEARCH_FIXTURE)


@pytest.fixture(scope="module")
def synth_small(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("synth")
    synth_catalog(600, root, seed=3)
    return load_catalog(root)


def expected_values(p: Paper) -> dict[str, set[str]]:
    """What each facet should say of a paper, written from the model (not from the index code)."""
    out = {axis: set(p.categories[axis]) for axis in AXIS_IDS}
    out.update({f: set(p.facets[f]) for f in LIST_FACETS})
    out["venue"] = {p.venue} if p.venue else set()
    out["code"] = {"yes" if p.code else "no"}
    out["framework"] = {c.framework for c in p.code if c.framework}
    out["survey"] = {"yes" if p.survey else "no"}
    out["pioneer"] = {"yes" if p.pioneer else "no"}
    out["unlabelled"] = {a for a in AXIS_IDS if not p.labels[a]}
    return out


def check_index_agrees(catalog: Catalog) -> None:
    text = search_index(catalog)
    records = decode(text)
    assert [r["key"] for r in records] == [p.key for p in catalog.papers]
    for p, r in zip(catalog.papers, records):
        assert r["title"] == p.title
        assert r["authors"] == list(p.authors)
        assert r["algorithm"] == p.algorithm
        assert r["year"] == p.year
        assert r["venue_note"] == p.venue_note
        assert r["pioneer"] == p.pioneer and r["survey"] == p.survey
        assert r["code"] == (p.code[0].url if p.code else "")
        for facet, values in expected_values(p).items():
            assert set(r["facets"][facet]) == values, (p.key, facet)
        for axis in AXIS_IDS:
            assert set(r["labels"][axis]) == set(p.labels[axis]), (p.key, axis)  # order: the taxonomy's


def test_index_of_the_fixture_catalog_agrees_with_it(fixture_catalog: Catalog):
    check_index_agrees(fixture_catalog)
    hostile = next(p for p in fixture_catalog.papers if p.key == "hostile2023img")
    assert hostile.title == "<img src=x onerror=alert(1)>"


def test_index_of_the_real_catalog_agrees_with_it(catalog: Catalog):
    if not catalog.papers:
        pytest.skip("catalog/papers is empty: the real catalog has not been imported yet")
    check_index_agrees(catalog)


def test_index_of_a_synthetic_catalog_agrees_with_it(synth_small: Catalog):
    check_index_agrees(synth_small)


def test_sub_categories_count_for_their_parent(fixture_catalog: Catalog):
    records = {r["key"]: r for r in decode(search_index(fixture_catalog))}
    assert set(records["frantar2023sparsegpt"]["facets"]["when"]) == {"after-training", "post-training"}
    assert records["frantar2023sparsegpt"]["labels"]["when"] == ("post-training",)
    assert records["frankle2019lottery"]["facets"]["when"] == ("during-training", "early-training")
    assert records["li2017pruning"]["labels"]["learn"] == ("none",)
    assert records["li2017pruning"]["facets"]["learn"] == ()
    assert "learn" not in records["li2017pruning"]["facets"]["unlabelled"]  # [none] is a label
    assert set(records["cheng2024survey"]["facets"]["unlabelled"]) == set(AXIS_IDS)


def test_facet_definitions_come_from_the_taxonomy(fixture_catalog: Catalog):
    data = json.loads(search_index(fixture_catalog))
    facets = {f["id"]: f for f in data["facets"]}
    tax = fixture_catalog.taxonomy
    for axis in tax.axes:
        f = facets[axis.id]
        assert f["kind"] == "axis" and f["title"] == axis.name
        assert [v["id"] for v in f["values"]] == list(axis.ids())
        assert [v["name"] for v in f["values"]] == [c.name for c in axis.categories]
        for v, c in zip(f["values"], axis.categories):
            assert (f["values"][v["parent"]]["id"] if "parent" in v else None) == c.parent
    for facet in tax.facets:
        assert [v["id"] for v in facets[facet.id]["values"]] == list(facet.ids())
        assert facets[facet.id]["name"] == facet.name
    assert [v["id"] for v in facets["unlabelled"]["values"]] == list(AXIS_IDS)
    venues = [v["id"] for v in facets["venue"]["values"]]
    assert sorted(venues) == sorted({p.venue for p in fixture_catalog.papers if p.venue})
    assert data["years"] == [min(p.year for p in fixture_catalog.papers), max(p.year for p in fixture_catalog.papers)]


def test_index_stays_within_budget(synth_small: Catalog):
    """600 KB gzipped for 10,000 papers: extrapolated linearly from 600 (gzip only gets better)."""
    raw = search_index(synth_small).encode("utf-8")
    per_paper = len(gzip.compress(raw, 9)) / len(synth_small.papers)
    assert per_paper * 10_000 <= 600 * 1024, f"{per_paper:.1f} gzipped bytes per paper"


def test_synthetic_catalog_is_deterministic_and_valid(tmp_path: Path, synth_small: Catalog):
    a, b = tmp_path / "a", tmp_path / "b"
    synth_catalog(120, a, seed=7)
    synth_catalog(120, b, seed=7)
    files_a = sorted(p.name for p in (a / "papers").glob("*.yml"))
    assert len(files_a) == 120
    assert files_a == sorted(p.name for p in (b / "papers").glob("*.yml"))
    for name in files_a:
        assert (a / "papers" / name).read_text() == (b / "papers" / name).read_text()
    # every entry valid, not even a warning; realistic spread of labels
    assert not synth_small.warnings, synth_small.warnings[:3]
    papers = synth_small.papers
    assert len(papers) == 600
    assert any("post-training" in p.labels["when"] for p in papers)
    assert any("early-training" in p.labels["when"] for p in papers)
    assert any(p.labels["fusion"] == ("none",) for p in papers)
    for axis in AXIS_IDS:
        assert any(not p.labels[axis] for p in papers), axis
        assert any(p.categories[axis] for p in papers), axis
    assert any(p.code for p in papers) and any(not p.code for p in papers)
    assert any(p.survey for p in papers) and any(p.pioneer for p in papers)
    assert len({p.venue for p in papers}) >= 15
    assert len({p.year for p in papers}) >= 15
