"""The `analysis` flag: papers that study pruning and propose no method of their own can be told
apart from methods in the data, the search index, the export and on the paper page."""

from __future__ import annotations

import json

from conftest import bib, complete_entry, run_cli
from prunecat.generators.pages import paper_page
from prunecat.generators.search_index import decode, search_index
from prunecat.load import load_catalog

NONE = {axis: ["none"] for axis in ("criteria", "learn", "fusion")}


def _two(root):
    complete_entry(
        root,
        "study2024pruning",
        bib("study2024pruning", "A Study of Pruning", 2024),
        read="https://arxiv.org/abs/2401.00001",
        analysis=True,
        speedup=["unstructured"],
        when=["after-training"],
        **NONE,
    )
    complete_entry(
        root,
        "method2024pruning",
        bib("method2024pruning", "A Pruning Method", 2024),
        read="https://arxiv.org/abs/2401.00002",
        speedup=["structured"],
        when=["after-training"],
        criteria=["magnitude"],
        learn=["none"],
        fusion=["none"],
    )
    return load_catalog(root)


def test_flag_reaches_model_index_export_and_page(tmp_catalog, capsys):
    catalog = _two(tmp_catalog)
    by_key = {p.key: p for p in catalog.papers}
    assert by_key["study2024pruning"].analysis and not by_key["method2024pruning"].analysis
    records = {r["key"]: r for r in decode(search_index(catalog))}
    assert records["study2024pruning"]["facets"]["analysis"] == ("yes",)
    assert records["method2024pruning"]["facets"]["analysis"] == ("no",)
    code, out, _ = run_cli(capsys, tmp_catalog, "export", "--format", "json", "--no-analysis")
    assert code == 0 and [p["key"] for p in json.loads(out)] == ["method2024pruning"]
    code, out, _ = run_cli(capsys, tmp_catalog, "export", "--format", "csv", "--analysis")
    assert code == 0 and "study2024pruning" in out and "method2024pruning" not in out

    def page(key):
        text = paper_page(catalog, by_key[key], [], "")
        return text.splice(text.markdown)

    assert 'class="pc-flag">analysis<' in page("study2024pruning")
    assert 'class="pc-flag">analysis<' not in page("method2024pruning")


def test_flag_must_be_true_or_false(tmp_catalog, capsys):
    complete_entry(
        tmp_catalog,
        "study2024pruning",
        bib("study2024pruning", "A Study of Pruning", 2024),
        read="https://arxiv.org/abs/2401.00001",
        analysis="maybe",
    )
    code, out, _ = run_cli(capsys, tmp_catalog, "check")
    assert code == 1 and "analysis" in out
