"""One export definition: for the same filter, the search page's "CSV" download and `catalog
export --format csv` give the same columns and rows (issue 11), and both read the year range
the way the page's URLs write it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from prunecat.cli import main

from conftest import SEARCH_FIXTURE


def rows_of(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], sorted(rows[1:])


@pytest.mark.parametrize(
    "query, flags",
    [
        ("?when=after-training&year=2017-2023", ["--when", "after-training", "--year", "2017-2023"]),
        ("?model=llm&code=yes", ["--model", "llm", "--code"]),
        ("", []),
    ],
)
def test_the_sites_csv_equals_the_commands(page, fixture_url, capsys, query, flags):
    page.goto(fixture_url + "search/" + query, wait_until="domcontentloaded")
    page.wait_for_selector("#pc-search[data-ready]")
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    site = Path(info.value.path()).read_text(encoding="utf-8")

    assert main(["--root", str(SEARCH_FIXTURE), "export", "--format", "csv", "--site-url", fixture_url, *flags]) == 0
    cli = capsys.readouterr().out

    site_head, site_rows = rows_of(site)
    cli_head, cli_rows = rows_of(cli)
    assert site_head == cli_head
    assert site_rows and site_rows == cli_rows


def test_both_year_forms_select_the_same_papers(capsys):
    outputs = []
    for year in ("2017-2023", "2017..2023"):
        assert main(["--root", str(SEARCH_FIXTURE), "export", "--format", "csv", "--year", year]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0].count("\r\n") > 2
