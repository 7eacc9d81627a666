"""Evidence per label, the four states of an axis, summaries: on the paper page, in the worklist
(`catalog todo` and /curation/), in catalog.json and in the search data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from prunecat.cli import main
from prunecat.curation import worklist
from prunecat.generators.curation import curation_page
from prunecat.generators.dumps import catalog_json
from prunecat.generators.pages import PaperPages
from prunecat.generators.search_index import decode, search_index
from prunecat.load import load_catalog

from conftest import bib, write_entry

READ = "https://arxiv.org/abs/1608.08710"


def write(root: Path, key: str, title: str, **fields) -> None:
    bibtex = bib(key, title, 2020, authors="Ann Author", venue="booktitle = {ICLR}")
    write_entry(root, key, {"bibtex": bibtex, "added": dt.date(2024, 8, 20), **fields})


def small(root: Path):
    write(
        root,
        "read2020paper",
        "A Read Paper",
        summary="Removes the filters with the smallest L1 norm.",
        speedup=["structured"],
        when=["after-training"],
        criteria=["lp-norm"],
        learn=["none"],
        fusion=["unclear"],
        evidence={
            "read": READ,
            "checked": dt.date(2025, 3, 4),
            "speedup": "awesome-pruning (type code F)",
            "when": "paper",
            "criteria": "paper",
            "learn": "paper",
            "fusion": "paper",
            "corrections": "Authors added.",
        },
    )
    write(root, "bare2020paper", "A Bare Paper", speedup=["unstructured"])
    write(
        root,
        "survey2020paper",
        "A Survey",
        survey=True,
        summary="Reviews pruning.",
        evidence={"read": READ, "checked": dt.date(2025, 3, 4)},
    )
    return load_catalog(root)


def test_paper_page_shows_summary_evidence_states_and_the_fact_check(tmp_catalog):
    catalog = small(tmp_catalog)
    text = PaperPages(catalog).page(catalog.by_key()["read2020paper"]).inline()
    assert '<p class="pc-summary">Removes the filters with the smallest L1 norm.</p>' in text
    assert "Why these labels" in text
    assert f'read from the paper (<a href="{READ}" rel="noopener">page read</a>)' in text
    assert 'from the list <a href="https://github.com/hrcheng1066/awesome-pruning"' in text and ", type code F" in text
    assert '<span class="pc-unclear"' in text and '<span class="pc-none"' in text
    assert "checked on 2025-03-04 against" in text and "Corrected: Authors added." in text
    bare = PaperPages(catalog).page(catalog.by_key()["bare2020paper"]).inline()
    assert "source not recorded" in bare and "not yet examined" in bare
    assert "have not been checked against the paper yet" in bare


def test_worklist_counts_the_four_states_and_lists_unchecked_entries(tmp_catalog):
    work = worklist(small(tmp_catalog))
    fusion = next(g for g in work.unlabelled if g.axis == "fusion")
    assert (fusion.labelled, fusion.none, fusion.unclear, fusion.keys) == (0, 0, ("read2020paper",), ("bare2020paper",))
    learn = next(g for g in work.unlabelled if g.axis == "learn")
    assert (learn.labelled, learn.none, learn.keys) == (0, 1, ("bare2020paper",))  # the survey is not listed
    missing = {i.key: i.missing for i in work.incomplete}
    assert missing == {"bare2020paper": ("summary", "checked", "sources")}


def test_curation_page_and_todo_show_the_states(tmp_catalog, capsys):
    catalog = small(tmp_catalog)
    html = curation_page(catalog).inline()
    assert (
        '<tr data-axis="fusion"><td><a href="#unlabelled-fusion">Fusion of Pruning and Other Techniques</a></td>'
        "<td>0</td><td>0</td><td>1</td><td>1</td></tr>" in html
    )
    assert 'id="unclear-fusion"' in html
    assert main(["--root", str(tmp_catalog), "todo"]) == 0
    out = capsys.readouterr().out
    assert "fusion (Fusion of Pruning and Other Techniques): 0 / 0 / 1 / 1 paper(s) not yet examined" in out
    assert "unclear: read2020paper" in out
    assert "bare2020paper (papers/bare2020paper.yml): no summary (one or two sentences" in out


def test_catalog_json_and_search_data_carry_summary_and_evidence(tmp_catalog):
    catalog = small(tmp_catalog)
    record = next(p for p in json.loads(catalog_json(catalog))["papers"] if p["key"] == "read2020paper")
    assert record["summary"].startswith("Removes the filters")
    assert record["evidence"]["labels"]["speedup"] == {"source": "awesome-pruning", "note": "type code F"}
    assert record["evidence"]["read"] == READ and record["evidence"]["checked"] == "2025-03-04"
    decoded = {r["key"]: r for r in decode(search_index(catalog))}
    assert decoded["read2020paper"]["summary"].startswith("Removes the filters")
    assert decoded["read2020paper"]["labels"]["fusion"] == ("unclear",)
    assert decoded["read2020paper"]["labels"]["learn"] == ("none",)


def test_real_catalog_every_label_has_a_source_and_every_paper_a_summary(catalog):
    assert all(p.summary for p in catalog.papers)
    assert all(p.evidence.checked for p in catalog.papers)
    for paper in catalog.papers:
        for axis, ids in paper.labels.items():
            assert not ids or axis in paper.evidence.sources, (paper.key, axis)
    examined = [p for p in catalog.papers if not p.survey]
    assert all(p.labels.get(a) for p in examined for a in ("speedup", "when", "criteria", "learn", "fusion"))

    # method papers: neither surveys nor analyses (studies, theory, benchmarks that propose no method).
    # Issue 12's target (70%) holds for the survey's own list and for the whole grown catalog.
    def placed_share(papers) -> float:
        methods = [p for p in papers if not p.analysis]
        placed = [p for p in methods if p.state("criteria") == "labelled" or p.state("learn") == "labelled"]
        return len(placed) / len(methods)

    assert placed_share([p for p in examined if p.added and p.added.isoformat() == "2024-08-20"]) >= 0.7
    assert placed_share(examined) >= 0.7


def test_add_records_summary_and_the_page_read_as_evidence(tmp_catalog, tmp_path, capsys):
    bib = tmp_path / "p.bib"
    bib.write_text(
        "@inproceedings{x,\n title={PHEW},\n author={Shreyas Patil},\n booktitle={ICML},\n year={2021}\n}\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--root",
                str(tmp_catalog),
                "add",
                "--bibtex",
                str(bib),
                "--when",
                "before-training",
                "--criteria",
                "none",
                "--summary",
                "Grows a sparse network at initialisation.",
                "--read",
                READ,
            ]
        )
        == 0
    )
    paper = load_catalog(tmp_catalog).papers[0]
    assert paper.summary == "Grows a sparse network at initialisation."
    assert paper.evidence.read == READ and paper.evidence.sources == {"when": "paper", "criteria": "paper"}
    assert paper.evidence.checked is None  # a maintainer checks the facts
    bib.write_text(bib.read_text(encoding="utf-8").replace("PHEW", "Another Paper"), encoding="utf-8")
    assert (
        main(
            [
                "--root",
                str(tmp_catalog),
                "add",
                "--bibtex",
                str(bib),
                "--when",
                "before-training",
                "--read",
                "javascript:alert(1)",
            ]
        )
        == 1
    )
    assert "--read: evidence.read 'javascript:alert(1)': links must start with https://" in capsys.readouterr().err
