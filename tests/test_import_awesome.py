"""`catalog import`: the awesome-pruning list (snapshot f68f1a9) becomes valid, merged, repaired entries.

The tests run on a committed excerpt of the list (tests/fixtures/awesome/, 90 of its 340 rows, with
at least one row of every repair, merge and suspicion); `test_the_full_snapshot` imports the whole
list where a copy of it sits next to the repository (in CI it must).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from prunecat import bibtex
from prunecat.cli import main as catalog_main
from prunecat.entryfile import dump_entry
from prunecat.importers.awesome_list import import_awesome_list
from prunecat.load import load_catalog

from conftest import FIXTURES, ROOT, empty_catalog

EXCERPT = FIXTURES / "awesome"
LIST = EXCERPT / "README-excerpt.md"
AUTHORS = EXCERPT / "authors.bib"
ADDED = dt.date(2024, 8, 20)

ROWS = 90  # table rows of the excerpt
ENTRIES = 66  # distinct papers: LoRAPrune's second row is another spelling of its title
MERGES = 20  # papers listed in more than one row
ROWS_MERGED = ROWS - ENTRIES  # rows folded into another row's paper

#: The whole snapshot (README.md and authors.bib), next to the repository in CI (`../shared/...`).
FULL = ROOT.parent / "shared" / "data" / "awesome-pruning"
FULL_ROWS, FULL_ENTRIES, FULL_MERGES = 340, 297, 34  # 299 distinct titles, two of them other spellings


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The excerpt imported into an empty catalog, written as `catalog import` writes it."""
    root = empty_catalog(tmp_path_factory.mktemp("import") / "catalog")
    result = import_awesome_list(LIST, load_catalog(root), authors_bib=AUTHORS, added=ADDED)
    for key, fields in result.entries:
        (root / "papers" / f"{key}.yml").write_text(dump_entry(fields), encoding="utf-8")
    return root, result, load_catalog(root)


def _lines_of(title_start: str) -> list[int]:
    """The excerpt's line numbers of the rows of a title."""
    return [
        n
        for n, line in enumerate(LIST.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(rf"^\|\s*\d+\s*\|\s*\[{re.escape(title_start)}", line)
    ]


def _paper(catalog, title_start: str):
    found = [p for p in catalog.papers if p.title.startswith(title_start)]
    assert len(found) == 1, f"{len(found)} entries titled {title_start!r}…"
    return found[0]


def _count(report: str, label: str) -> int:
    m = re.search(rf"^\| {re.escape(label)} \| (\d+) \|$", report, re.M)
    assert m, f"no '{label}' in the report summary"
    return int(m.group(1))


def test_counts_of_rows_entries_and_merges(imported):
    _, result, catalog = imported
    assert len(result.entries) == ENTRIES
    assert len(catalog.papers) == ENTRIES
    assert result.skipped == []
    assert [k for k, _ in result.entries] == sorted(k for k, _ in result.entries)
    assert _count(result.report, "table rows read") == ROWS
    assert _count(result.report, "distinct papers") == ENTRIES
    assert _count(result.report, "merges (papers listed in more than one row)") == MERGES
    assert _count(result.report, "rows merged into another row's paper") == ROWS_MERGED


def test_the_result_validates_without_errors(imported):
    root, _, catalog = imported
    assert not [w for w in catalog.warnings if w.severity == "error"]
    load_catalog(root, strict=True)  # raises on any error, duplicates included
    assert {p.added for p in catalog.papers} == {ADDED}


def test_snip(imported):
    p = _paper(imported[2], "SNIP: Single-shot Network Pruning")
    assert (p.key, p.venue, p.year, p.algorithm) == ("lee2019snip", "ICLR", 2019, "SNIP")
    assert p.labels["when"] == ("before-training",)
    assert p.labels["speedup"] == ("unstructured",)
    assert p.facets["granularity"] == ("weight",)
    assert p.pioneer
    assert [(c.url, c.framework, c.official) for c in p.code] == [
        ("https://github.com/namhoonlee/snip-public", "tensorflow", True)
    ]
    assert p.authors[0] == "Namhoon Lee" and p.arxiv == "1810.02340"
    assert "{SNIP}" in p.bibtex and p.entry_type == "inproceedings"


def test_a_paper_in_two_sections_is_one_entry_with_both_rows_labels(imported):
    p = _paper(imported[2], "Sparse Training via Boosting Pruning Plasticity")
    assert p.labels["when"] == ("during-training",)
    assert p.facets["granularity"] == ("weight", "filter", "head")  # `WF` (CNN row) and `H` (other models row)
    assert p.facets["model"] == ("cnn", "other")
    assert p.labels["speedup"] == ("unstructured", "structured")
    assert [(c.url, c.official) for c in p.code] == [("https://github.com/VITA-Group/GraNet", True)]


def test_llm_pruner_from_three_rows(imported):
    _, result, catalog = imported
    p = _paper(catalog, "LLM-Pruner")
    assert p.labels["when"] == ("after-training",)
    assert p.facets["model"] == ("llm",)
    assert p.labels["fusion"] == ("quantization",)
    assert p.facets["granularity"] == ("channel", "head") and p.pioneer  # `CHP`
    assert "language-modeling" in p.facets["task"]
    assert p.url == "https://arxiv.org/abs/2305.11627"
    assert p.entry_type == "misc" and p.venue == "arXiv" and "archiveprefix = {arXiv}" in p.bibtex
    merge = result.report.split("## Merges")[1].split("## Suspicions")[0]
    block = merge.split("**LLM-Pruner")[1].split("\n- **")[0]
    lines = _lines_of("LLM-Pruner")
    assert len(lines) == 3 and all(f"line {n} " in block for n in lines)


def test_post_training_replaces_its_parent(imported):
    p = _paper(imported[2], "SparseGPT")
    assert p.labels["when"] == ("post-training",)
    assert p.categories["when"] == ("after-training", "post-training")


def test_links_are_repaired(imported):
    catalog = imported[2]
    urls = [p.url for p in catalog.papers if p.url] + [c.url for p in catalog.papers for c in p.code]
    assert all(re.match(r"^https?://", u) for u in urls)
    assert not [u for u in urls if "))" in u or " " in u or u.endswith(")")]
    assert _paper(catalog, "Picking Winning Tickets").url == "https://openreview.net/pdf?id=SkgsACVKPH"
    rl = _paper(catalog, "The State of Sparse Training in Deep Reinforcement")
    assert [c.url for c in rl.code] == ["https://github.com/google-research/rigl/tree/master/rigl/rl"]
    assert (
        _paper(catalog, "Training Neural Networks with Fixed Sparse Masks").code[0].url
        == "https://github.com/varunnair18/FISH"
    )


def test_links_of_other_papers_are_not_kept(imported):
    catalog = imported[2]
    assert _paper(catalog, "SCOP:").arxiv == "2010.10732"
    assert _paper(catalog, "Channel Pruning via Automatic Structure Search").arxiv == "2001.08565"
    assert _paper(catalog, "DepGraph").url == "https://arxiv.org/abs/2301.12900"
    assert _paper(catalog, "Fast and Controllable Post-training Sparsity").arxiv == "2405.05808"
    assert _paper(catalog, "CP-ViT").arxiv == "2203.04570"
    assert _paper(catalog, "A Fast Post-Training Pruning Framework").arxiv == "2204.09656"
    assert "ijcai" not in _paper(catalog, "DepGraph").url
    # the two rows whose title cells are swapped in the list
    one_by_n = _paper(catalog, "1xN Pattern")
    assert (one_by_n.venue, one_by_n.facets["granularity"], one_by_n.arxiv) == ("TPAMI", ("1xn",), "2105.14713")
    assert one_by_n.code[0].url == "https://github.com/lmbxmu/1xN"
    dreaming = _paper(catalog, "Dreaming to Prune")
    assert (dreaming.venue, dreaming.facets["task"]) == ("CVPR", ("denoising",)) and "Dreaming" in dreaming.url
    # code links given for the wrong paper
    assert not _paper(catalog, "Towards Adversarial Robustness Via").code
    assert [c.url for c in _paper(catalog, "Structured Pruning Learns").code] == [
        "https://github.com/princeton-nlp/CoFiPruning"
    ]


def test_code_cells(imported):
    _, result, catalog = imported
    texts = "".join(dump_entry(f) for _, f in result.entries)
    assert "Anthor" not in texts
    selfish = _paper(catalog, "Selfish Sparse RNN Training")
    assert (selfish.code[0].framework, selfish.code[0].official) == ("pytorch", True)  # PyTorch(Anthor)
    assert _paper(catalog, "Rethinking the Smaller-Norm").code[1].official is False  # PyTorch(3rd)
    assert _paper(catalog, "Parameter Efficient Training of Deep Convolutional").code[0].note == "not available"
    assert (
        _paper(catalog, "Pruning Convolutional Neural Networks for Resource").code[0].official is None
    )  # no parenthesis
    assert _paper(catalog, "Learning Efficient Convolutional Networks").code[0].framework == "lua-torch"
    assert _paper(catalog, "A Signal Propagation Perspective").code[0].framework == "tensorflow"  # TensorFLow


def test_venues(imported):
    catalog = imported[2]
    assert not [p for p in catalog.papers if "NIPS" in p.venue or "*" in p.venue or "(" in p.venue]
    obd = _paper(catalog, "Optimal Brain Damage")
    assert (obd.venue, obd.year, obd.venue_full) == ("NeurIPS", 1989, "NeurIPS")
    for title in ("A Signal Propagation Perspective", "SOSP:"):
        p = _paper(catalog, title)
        assert (p.venue, p.venue_note) == ("ICLR", "Spotlight")
    assert _paper(catalog, "Revisiting Pruning as Initialization").venue_note == "Top 5%"
    assert _paper(catalog, "Unmasking the Lottery Ticket").venue_note == "Top 25%"
    assert _paper(catalog, "Pruning Algorithms-A Survey").entry_type == "article"
    assert _paper(catalog, "Pruning Algorithms-A Survey").survey


def test_type_codes(imported):
    catalog = imported[2]
    assert _paper(catalog, "Prunining via Iterative Ranking").facets["granularity"] == ("weight", "filter", "channel")
    assert _paper(catalog, "Dynamic Sparse Training: Find Effective").facets["granularity"] == (
        "filter",
        "neuron",
    )  # `NF`
    scalable = _paper(catalog, "Scalable Training of Artificial Neural Networks")  # `W&P`
    assert scalable.facets["granularity"] == ("weight",) and scalable.pioneer
    essential = _paper(catalog, "The Emergence of Essential Sparsity")  # `W`&N:M
    assert essential.facets["granularity"] == ("weight", "n-m")
    assert essential.labels["speedup"] == ("unstructured", "semi-structured")
    assert _paper(catalog, "The State of Sparsity in Deep").facets["granularity"] == ("weight",)  # `w`
    assert not _paper(catalog, "Pruning Filter in Filter").labels["speedup"]  # `Other`


def test_tasks(imported):
    _, result, catalog = imported
    assert _paper(catalog, "DHP:").facets["task"] == ("image-classification", "super-resolution", "denoising")
    assert _paper(catalog, "Deep Rewiring").facets["task"] == ("image-classification", "speech")
    assert _paper(catalog, "Movement Pruning").facets["task"] == ()  # "NLP" is too vague
    assert "### Too vague: skipped" in result.report and "“NLP”" in result.report
    assert "other" in _paper(catalog, "A Unified Lottery Ticket Hypothesis for Graph").facets["task"]
    assert "“Node Classification”" in result.report.split("### Not mapped")[1]


def test_other_sections(imported):
    catalog = imported[2]
    recent = _paper(catalog, "Recent Advances on Neural Network Pruning")
    assert recent.survey and recent.labels["when"] == ("before-training",)
    assert _paper(catalog, "Continual Learning via Neural Pruning").facets["setting"] == ("continual",)
    assert _paper(catalog, "Are All Layers Created Equal").labels == {a: () for a in recent.labels}
    early = _paper(catalog, "Drawing Early-Bird Tickets")
    assert early.labels["when"] == ("early-training",) and not early.facets["model"]
    assert _paper(catalog, "Manifold Regularized Dynamic").labels["when"] == ("run-time",)


def test_authors_and_keys(imported):
    _, result, catalog = imported
    keys = [p.key for p in catalog.papers]
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", k) for k in keys)
    assert _paper(catalog, "Training Adversarially Robust Sparse").key == "ozdenizci2021training"  # Özdenizci
    assert {"chen2021lottery", "chen2021lottery-b"} <= set(keys)
    slimming = _paper(catalog, "Learning Efficient Convolutional Networks")  # not in authors.bib
    assert slimming.authors == () and slimming.key == "learning2017efficient"
    assert "`learning2017efficient`" in result.report.split("## Papers without authors")[1]
    assert _paper(catalog, "ThiNet").year == 2017  # "2017&2019": the list's year, not authors.bib's


def test_bibtex_round_trips_to_the_lists_titles(imported):
    _, result, _ = imported
    titles = {
        " ".join(t.split()) for t in re.findall(r"^\|\s*\d+\s*\|\s*\[(.+?)\]\(", LIST.read_text(encoding="utf-8"), re.M)
    }
    for key, fields in result.entries:
        entry = bibtex.parse_entry(fields["bibtex"])
        assert entry.key == key
        assert bibtex.decode(entry.get("title")) in titles, key
    l0 = _paper(imported[2], "Learning Sparse Neural Networks Through")
    assert l0.title == "Learning Sparse Neural Networks Through $L_0$ Regularization"


def test_tex_title():
    from prunecat.importers.awesome_list import tex_title  # here: a helper, not the importer's entry point

    assert tex_title("SNIP: Single-shot Network Pruning") == "{SNIP}: Single-shot Network Pruning"
    assert tex_title("Width & Depth Pruning for 1xN and N:M") == r"Width \& Depth Pruning for {1xN} and {N:M}"
    assert tex_title("Through $L_0$ Regularization, 5% of $x") == r"Through $L_0$ Regularization, 5\% of \$x"
    for title in ("MorphNet: Fast & Simple", "Top 5% {odd} title_with_underscore", "What’s Hidden in a $L_0$ Net?"):
        bib = f"@misc{{k,\n  title = {{{tex_title(title)}}},\n  year = {{2020}}\n}}"
        assert bibtex.decode(bibtex.parse_entry(bib).get("title")) == title


def test_reimport_adds_nothing_and_skips_all(imported):
    root, _, catalog = imported
    again = import_awesome_list(LIST, catalog, authors_bib=AUTHORS, added=ADDED)
    assert again.entries == []
    assert len(again.skipped) == ENTRIES
    assert _count(again.report, "skipped, already in the catalog") == ENTRIES


def test_known_papers_are_skipped_and_keys_do_not_collide(tmp_path):
    root = empty_catalog(tmp_path / "catalog")
    # SNIP under another title spelling and key; an unrelated paper squatting SNIP's usual key
    (root / "papers" / "snip.yml").write_text(
        dump_entry(
            {
                "bibtex": "@inproceedings{x,\n  title = {{SNIP}: single-shot network pruning},\n  author = {Namhoon Lee},\n"
                "  year = {2019},\n  eprint = {1810.02340}\n}",
                "added": ADDED,
            }
        ),
        encoding="utf-8",
    )
    (root / "papers" / "lee2019snip.yml").write_text(
        dump_entry({"bibtex": "@misc{x,\n  title = {Something Else},\n  author = {Ann Lee},\n  year = {2019}\n}"}),
        encoding="utf-8",
    )
    result = import_awesome_list(LIST, load_catalog(root), authors_bib=AUTHORS, added=ADDED)
    assert len(result.entries) == ENTRIES - 1
    assert any(s.startswith("SNIP: Single-shot") for s in result.skipped)
    assert not {"snip", "lee2019snip"} & {k for k, _ in result.entries}


def test_odd_rows_are_reported_not_fatal(tmp_path):
    root = empty_catalog(tmp_path / "catalog")
    odd = tmp_path / "odd.md"
    odd.write_text(
        "# list\n## 1. When to Prune\n#### 1.1.1 Pruning Before Training\n"
        "| No. | Title | Venue | Type | Code | Year |\n|:--:|:--|:--:|:--:|:--:|:--:|\n"
        "| 01 | [A Good Paper](github.com/x/y)) | NIPS **(Oral)** | `WQ` | [Tensorflow(Anthor)]( github.com/x/y) | 2020 |\n"
        "| 02 | [No Year Paper](https://example.org/p) | ICML | `F` | - | |\n"
        "| 03 | | ICML | `F` | - | 2021 |\n"
        "| 04 | [Broken (link](https://example.org/q | ICML | ?? | [x](not a url) | 2021 |\n"
        "| 05 | Plain Title Without Link | Weird Venue | N:M | - | 2022 | extra |\n"
        "| 06 | [A Good Paper](https://example.org/p2) | arXiv | `C` | - | 2019 |\n"
        "```\n| 07 | [Inside A Fence](https://example.org/f) | ICML | `W` | - | 2020 |\n```\n",
        encoding="utf-8",
    )
    result = import_awesome_list(odd, load_catalog(root), authors_bib=None, added=ADDED)
    titles = {bibtex.decode(bibtex.parse_entry(f["bibtex"]).get("title")): f for _, f in result.entries}
    assert set(titles) == {"A Good Paper", "Plain Title Without Link", "Broken (link"}
    good = titles["A Good Paper"]
    assert good["venue"] == "NeurIPS" and good["venue_note"] == "Oral" and good["when"] == ["before-training"]
    assert good["granularity"] == ["weight", "channel"] and "https://github.com/x/y" in good["bibtex"]
    assert good["code"] == [{"url": "https://github.com/x/y", "framework": "tensorflow", "official": True}]
    assert titles["Plain Title Without Link"]["speedup"] == ["semi-structured"]
    assert "line 6 “A Good Paper”: code link: `github.com/x/y` → `https://github.com/x/y`" in result.report
    for line in ("line 7:", "line 8:", "line 9:", "line 10:"):  # no year, no title, broken link, extra cell
        assert line in result.report.split("## Odd rows and cells")[1]
    assert "unknown type code `Q`" in result.report and "No Year Paper" in result.report
    assert "is not closed" in result.report and "Inside A Fence" not in result.report
    for key, fields in result.entries:
        (root / "papers" / f"{key}.yml").write_text(dump_entry(fields), encoding="utf-8")
    load_catalog(root, strict=True)


def test_catalog_import_command(tmp_path, capsys):
    root = empty_catalog(tmp_path / "catalog")
    report = tmp_path / "report.md"
    status = catalog_main(
        [
            "--root",
            str(root),
            "import",
            str(LIST),
            "--authors",
            str(AUTHORS),
            "--added",
            "2024-08-20",
            "--report",
            str(report),
        ]
    )
    assert status == 0
    assert f"{ENTRIES} new entries written" in capsys.readouterr().out
    assert len(list((root / "papers").glob("*.yml"))) == ENTRIES
    assert report.read_text(encoding="utf-8").startswith("# Import report")


def test_the_table_of_type_codes_is_not_read_as_papers(imported):
    _, result, _ = imported
    assert any("without a Title column" in str(d) for d in result.dropped)
    assert "without a Title column" in result.report.split("## Notes")[1]


# ---------------------------------------------------------------------------------------------
# The whole snapshot, where a copy sits next to the repository


@pytest.fixture(scope="module")
def full_snapshot() -> Path:
    if not (FULL / "README.md").is_file() or not (FULL / "authors.bib").is_file():
        message = f"{FULL} is missing: the full-list test needs the awesome-pruning snapshot next to the repository"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return FULL


def test_the_full_snapshot(full_snapshot, imported, tmp_path):
    """All 340 rows import without an error, and every paper of the excerpt is imported from the
    full list exactly as from the excerpt (so the excerpt's tests speak for the full list)."""
    root = empty_catalog(tmp_path / "catalog")
    result = import_awesome_list(
        full_snapshot / "README.md", load_catalog(root), authors_bib=full_snapshot / "authors.bib", added=ADDED
    )
    assert (_count(result.report, "table rows read"), len(result.entries)) == (FULL_ROWS, FULL_ENTRIES)
    assert _count(result.report, "merges (papers listed in more than one row)") == FULL_MERGES
    assert result.skipped == []
    for key, fields in result.entries:
        (root / "papers" / f"{key}.yml").write_text(dump_entry(fields), encoding="utf-8")
    load_catalog(root, strict=True)
    full = {key: json.dumps(fields, default=str, sort_keys=True) for key, fields in result.entries}
    excerpt = {key: json.dumps(fields, default=str, sort_keys=True) for key, fields in imported[1].entries}
    assert set(excerpt) <= set(full)
    assert [k for k in excerpt if excerpt[k] != full[k]] == []
