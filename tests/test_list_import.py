"""The shared import pipeline of the other public lists, the incoming/ queue and `catalog promote`:
new papers go to the queue with the list as the source of their labels and the snapshot's date;
papers the catalog holds are matched by arXiv id, DOI or title and reported with their key; a
re-run adds nothing; promote takes only complete entries, and names the key after the first author."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from conftest import bib, complete_entry, run_cli, snapshot
from prunecat.importers.lists.pipeline import import_list
from prunecat.importers.lists.record import ListPaper
from prunecat.load import load_catalog, load_incoming

FIXTURE = Path(__file__).parent / "fixtures" / "lists" / "danielmcpark-excerpt.md"
AXES = ("speedup", "when", "criteria", "learn", "fusion")


def _catalog_with_one(tmp_catalog: Path) -> Path:
    complete_entry(
        tmp_catalog,
        "lee2019snip",
        bib(
            "lee2019snip",
            "SNIP: Single-shot Network Pruning based on Connection Sensitivity",
            2019,
            url="https://arxiv.org/abs/1810.02340",
        ),
        read="https://arxiv.org/abs/1810.02340",
        speedup=["unstructured"],
        when=["before-training"],
        criteria=["sensitivity-saliency"],
        learn=["none"],
        fusion=["none"],
    )
    return tmp_catalog


def test_pipeline_matches_merges_and_sets_aside(tmp_catalog: Path) -> None:
    root = _catalog_with_one(tmp_catalog)
    catalog = load_catalog(root)
    source = catalog.taxonomy.source("horseee")
    rows = [
        ListPaper(line=3, title="Snip: single-shot network pruning based on connection sensitivity", url=""),
        ListPaper(
            line=5,
            title="A New Pruning Method",
            url="https://arxiv.org/abs/2301.01234",
            venue="ICLR 2024",
            code=["https://github.com/a/b"],
            labels={"speedup": ["unstructured"]},
            label_notes={"speedup": "badge Unstructured"},
            authors=["Ann Author", "Bob Builder"],
        ),
        ListPaper(
            line=9,
            title="A new pruning method.",
            url="https://arxiv.org/pdf/2301.01234.pdf",
            code=["https://github.com/a/b", "https://github.com/c/d"],
        ),
        ListPaper(line=12, title="A Quantization Method", out_of_scope="section Quantization"),
        ListPaper(line=14, title="An Undated Paper"),
    ]
    result = import_list(rows, source, list(catalog.papers), catalog.taxonomy, catalog)
    assert [(m.paper.line, m.key) for m in result.merged] == [(3, "lee2019snip")]
    assert [p.line for p in result.out_of_scope] == [12]
    assert [(p.line, first.line) for p, first in result.repeats] == [(9, 5)]
    assert [line for line, _ in result.dropped] == [14]
    [(key, fields)] = result.entries
    assert key == "author2023new"  # the arXiv id's year where the list gives the venue's only
    assert fields["venue"] == "ICLR" and fields["speedup"] == ["unstructured"]
    assert fields["evidence"] == {"speedup": "horseee (badge Unstructured)"}
    assert fields["added"] == source.date == dt.date(2025, 6, 17)
    assert [c["url"] for c in fields["code"]] == ["https://github.com/a/b", "https://github.com/c/d"]
    assert "eprint = {2301.01234}" in fields["bibtex"] and "author = {Ann Author and Bob Builder}" in fields["bibtex"]


def test_import_writes_the_queue_and_a_rerun_adds_nothing(tmp_catalog: Path, capsys) -> None:
    root = _catalog_with_one(tmp_catalog)
    report = root / "reports" / "danielmcpark.md"
    report.parent.mkdir()
    code, out, _ = run_cli(
        capsys,
        root,
        "import",
        str(FIXTURE),
        "--format",
        "year-tables",
        "--source",
        "danielmcpark",
        "--report",
        str(report),
    )
    assert code == 0, out
    queue, problems = load_incoming(root, load_catalog(root).taxonomy)
    assert queue and not [p for p in problems if p.severity == "error"]
    assert all(p.added == dt.date(2021, 7, 7) for p in queue)
    assert all(p.state(axis) in ("unexamined", "labelled") for p in queue for axis in AXES)
    text = report.read_text()
    assert f"| new entries written to incoming/ | {len(queue)} |" in text
    assert not (root / "papers" / f"{queue[0].key}.yml").exists()  # the catalog itself is unchanged
    before = snapshot(root / "incoming")
    code, out, _ = run_cli(capsys, root, "import", str(FIXTURE), "--format", "year-tables", "--source", "danielmcpark")
    assert code == 0 and "0 new entries" in out
    assert snapshot(root / "incoming") == before
    code, out, _ = run_cli(capsys, root, "check")
    assert code == 0 and f"1 papers and {len(queue)} in incoming/ checked" in out
    code, out, _ = run_cli(capsys, root, "todo")
    assert f"Curation queue (incoming/): {len(queue)} imported paper(s) awaiting curation, 0 ready" in out


def test_import_needs_a_known_source(tmp_catalog: Path, capsys) -> None:
    code, _, err = run_cli(
        capsys, tmp_catalog, "import", str(FIXTURE), "--format", "year-tables", "--source", "danielpark"
    )
    assert code != 0 and "did you mean 'danielmcpark'" in err and not (tmp_catalog / "incoming").exists()
    code, _, err = run_cli(capsys, tmp_catalog, "import", str(FIXTURE), "--format", "year-tables")
    assert code != 0 and "needs --source" in err


def test_promote_takes_only_complete_entries_and_renames_them(tmp_catalog: Path, capsys) -> None:
    root = _catalog_with_one(tmp_catalog)
    (root / "incoming").mkdir()
    bare = "@misc{pruning2023new,\n  title = {A New Pruning Method},\n  year = {2023}\n}"
    (root / "incoming" / "pruning2023new.yml").write_text(
        yaml.safe_dump({"bibtex": bare, "added": dt.date(2025, 6, 17)}, sort_keys=False)
    )
    before = snapshot(root)
    code, out, err = run_cli(capsys, root, "promote", "pruning2023new")
    assert code != 0 and "nothing was moved" in err
    for missing in ("no authors", "no summary", "facts not checked", "axes not yet examined: speedup, when"):
        assert missing in out
    assert snapshot(root) == before
    complete = bib(
        "pruning2023new", "A New Pruning Method", 2023, authors="Ann Author", url="https://arxiv.org/abs/2301.01234"
    )
    complete_entry(
        root, "pruning2023new", complete, read="https://arxiv.org/abs/2301.01234", **{axis: ["none"] for axis in AXES}
    )
    (root / "papers" / "pruning2023new.yml").rename(root / "incoming" / "pruning2023new.yml")
    code, out, _ = run_cli(capsys, root, "promote", "--ready")
    assert code == 0 and "papers/author2023new.yml" in out
    moved = (root / "papers" / "author2023new.yml").read_text()
    assert "@inproceedings{author2023new," in moved and not (root / "incoming" / "pruning2023new.yml").exists()
    assert {p.key for p in load_catalog(root).papers} == {"lee2019snip", "author2023new"}


def test_promote_refuses_a_paper_the_catalog_has(tmp_catalog: Path, capsys) -> None:
    root = _catalog_with_one(tmp_catalog)
    (root / "incoming").mkdir()
    again = bib(
        "lee2019snipb", "SNIP: Single-Shot Network Pruning Based on Connection Sensitivity", 2019, authors="Namhoon Lee"
    )
    complete_entry(root, "lee2019snipb", again, read="https://arxiv.org/abs/1810.02340", **{a: ["none"] for a in AXES})
    (root / "papers" / "lee2019snipb.yml").rename(root / "incoming" / "lee2019snipb.yml")
    code, out, err = run_cli(capsys, root, "promote", "lee2019snipb")
    assert code != 0 and "in the catalog already" in err and "lee2019snip" in out
    assert (root / "incoming" / "lee2019snipb.yml").exists()


def test_formats_are_detected_from_the_text(tmp_catalog: Path, capsys) -> None:
    from prunecat.importers.lists import detect

    lists = FIXTURE.parent
    expected = {
        "danielmcpark": "year-tables",
        "he-y": "type-code-tables",
        "horseee": "badge-tables",
        "huangowen": "venue-bullets",
        "ishandutta2007": "paradigm-tables",
        "mingsun-tse": "dated-bullets",
        "pprp": "labelled-bullets",
        "csyhhu": None,
    }
    for name, fmt in expected.items():
        assert detect((lists / f"{name}-excerpt.md").read_text()) == fmt, name
    assert detect((lists.parent / "awesome" / "README-excerpt.md").read_text()) == "awesome"
    code, out, err = run_cli(capsys, tmp_catalog, "import", str(lists / "horseee-excerpt.md"), "--source", "horseee")
    assert code == 0 and "format badge-tables (detected" in out and (tmp_catalog / "incoming").is_dir()
    code, _, err = run_cli(capsys, tmp_catalog, "import", str(lists / "csyhhu-excerpt.md"), "--source", "csyhhu")
    assert code != 0 and "no list format recognised" in err and "title-bullets" in err


def test_a_paper_left_out_after_reading_is_not_queued_again(tmp_catalog: Path, capsys) -> None:
    root = tmp_catalog
    args = ("import", str(FIXTURE), "--format", "year-tables", "--source", "danielmcpark")
    assert run_cli(capsys, root, *args)[0] == 0
    queue, _ = load_incoming(root, load_catalog(root).taxonomy)
    first = queue[0]
    code, out, _ = run_cli(
        capsys, root, "exclude", first.key, "--reason", "out of scope: a test", "--read", "https://example.org/paper"
    )
    assert code == 0 and not (root / "incoming" / f"{first.key}.yml").exists()
    recorded = yaml.safe_load((root / "excluded.yml").read_text())
    assert recorded == [
        {
            "title": first.title,
            **({"arxiv": first.arxiv} if first.arxiv else {}),
            "reason": "out of scope: a test",
            "read": "https://example.org/paper",
        }
    ]
    report = root / "again.md"
    code, out, _ = run_cli(capsys, root, *args, "--report", str(report))
    assert code == 0 and "0 new entries" in out and not (root / "incoming" / f"{first.key}.yml").exists()
    assert "left out after reading: out of scope: a test" in report.read_text()
    code, _, err = run_cli(capsys, root, "exclude", "nosuchkey", "--reason", "x")
    assert code != 0 and "nothing was changed" in err


def test_a_title_a_list_misspells_is_matched_through_listed_as(tmp_catalog: Path) -> None:
    root = _catalog_with_one(tmp_catalog)
    entry = root / "papers" / "lee2019snip.yml"
    entry.write_text(entry.read_text().replace("\nadded:", "\n  listed_as: SNIP single shot pruning\nadded:", 1))
    catalog = load_catalog(root)
    assert catalog.by_key()["lee2019snip"].evidence.listed_as == ("SNIP single shot pruning",)
    rows = [ListPaper(line=1, title="SNIP: Single shot pruning", year=2019)]
    result = import_list(rows, catalog.taxonomy.source("he-y"), list(catalog.papers), catalog.taxonomy, catalog)
    assert [(m.paper.line, m.key) for m in result.merged] == [(1, "lee2019snip")] and not result.entries
