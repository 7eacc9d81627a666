"""`catalog export`: the same filters as the site's search, four formats, the README round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from prunecat.bibtex import parse_entry
from prunecat.cli import main
from prunecat.files import write_new_entries
from prunecat.importers.awesome_list import import_awesome_list
from prunecat.entryfile import dump_entry
from prunecat.load import load_catalog
from prunecat.model import Catalog


def export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def expected(catalog: Catalog, keep) -> list[str]:
    return [p.key for p in catalog.papers if keep(p)]


def test_filters_combine_like_the_search(capsys, catalog: Catalog):
    code, out, _ = export(
        capsys, "--format", "json", "--when", "after-training", "--speedup", "structured", "--model", "llm,bert"
    )
    assert code == 0
    got = [r["key"] for r in json.loads(out)]
    assert got == expected(
        catalog,
        lambda p: (
            "after-training" in p.categories["when"]
            and "structured" in p.categories["speedup"]
            and {"llm", "bert"} & set(p.facets["model"])
        ),
    )
    assert got


def test_exclusion_years_and_code(capsys, catalog: Catalog):
    code, out, _ = export(capsys, "--format", "csv", "--not-when", "before-training", "--year", "2020..2022", "--code")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["key"] for r in rows] == expected(
        catalog, lambda p: "before-training" not in p.categories["when"] and 2020 <= p.year <= 2022 and p.code
    )


def test_bibtex_export_parses_with_paper_keys(capsys, catalog: Catalog):
    code, out, _ = export(capsys, "--fusion", "quantization")
    entries = [parse_entry(e) for e in out.strip().split("\n\n")]
    assert [e.key for e in entries] == expected(catalog, lambda p: "quantization" in p.categories["fusion"])


def test_unknown_filter_value_is_a_clear_error(capsys):
    code, out, err = export(capsys, "--when", "afer-training")
    assert code == 2 and not out
    assert "did you mean 'after-training'" in err and "Traceback" not in err


def test_markdown_export_reimports_to_the_same_labels(tmp_catalog, catalog: Catalog, tmp_path):
    readme = tmp_path / "README.md"
    code = main(["export", "--format", "markdown", "-o", str(readme)])
    assert code == 0
    result = import_awesome_list(readme, load_catalog(tmp_catalog), authors_bib=None, added=dt.date(2024, 8, 20))
    write_new_entries(tmp_catalog, {key: dump_entry(fields) for key, fields in result.entries})
    again = load_catalog(tmp_catalog)
    # the list's sections are "when to prune"; a paper with no category there (checked as [none] or
    # [unclear]) goes to its "Other Works" section, so every paper comes back
    assert len(again.papers) == len(catalog.papers)
    original = {p.title: p for p in catalog.papers}
    for paper in again.papers:
        source = original[paper.title]
        # the list's venue cell holds venue and note together: "ICLR (Oral)", also a venue whose
        # own name ends in parentheses, which a reader of the list cannot tell from a note
        assert paper.year == source.year and _venue_cell(paper) == _venue_cell(source)
        # order carries no meaning; the list format has categories only, no [none]/[unclear] states
        assert sorted(paper.categories["when"]) == sorted(source.categories["when"]), paper.title
        assert sorted(paper.facets["granularity"]) == sorted(source.facets["granularity"]), paper.title
        assert paper.survey == source.survey and paper.pioneer == source.pioneer


def test_a_closed_pipe_is_not_a_traceback():
    import subprocess
    import sys

    cmd = f"{sys.executable} -m prunecat.cli export --format csv | head -1"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd}"], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("key,title")
    assert "Traceback" not in result.stderr


def _venue_cell(p) -> str:
    return p.venue + (f" ({p.venue_note})" if p.venue_note else "")
