"""Method names in the guide pages must link their paper pages (prunecat/generators/method_links.py,
checked at build time by hooks/method_links.py).

Unit tests of the pure module on small pages, then one strict build of a temporary copy of the
site: an unlinked mention fails it, an opted-out one does not, and the guide's links to papers the
small catalog lacks turn into plain text instead of broken links.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from prunecat.generators.method_links import (
    COMMON_TERMS,
    links,
    method_names,
    opted_out,
    paper_link,
    unlink_missing_papers,
    unlinked_mentions,
)

from conftest import ROOT, bib, build_site, complete_entry, empty_catalog

PAGE = "survey/comparisons.md"
NAMES = {
    "SNIP": ("lee2019snip",),
    "SNIP-it": ("verdenius2020snipit",),
    "SparseGPT": ("frantar2023sparsegpt",),
    "GDP": ("guo2021gdp", "lin2024gdp"),  # two papers share the name
    "Sheared LLaMA": ("xia2024sheared",),
    "SIMPLE": ("simple2022simple",),
}


def paper(key: str, algorithm: str, year: int = 2020) -> SimpleNamespace:
    return SimpleNamespace(key=key, algorithm=algorithm, year=year)


def flagged(markdown: str, src: str = PAGE, keys=None) -> list[tuple[str, int]]:
    return [(u.name, u.line) for u in unlinked_mentions(markdown, src, NAMES, keys)]


# ---------------------------------------------------------------------------------------------
# The catalog's names


def test_method_names_skip_short_and_generic_names_and_order_shared_ones_earliest_first():
    names = method_names(
        [
            paper("lin2024gdp", "GDP", 2024),
            paper("guo2021gdp", "GDP", 2021),
            paper("lee2019snip", "SNIP", 2019),
            paper("x2020cp", "CP"),  # too short
            paper("wang2020flop", "FLOP"),  # a generic term
            paper("none2020", ""),
            paper("sym2020", "(beta)"),  # does not start with a letter or digit
            paper("wrap2020", " Sheared \n LLaMA "),
        ]
    )
    assert names == {"GDP": ("guo2021gdp", "lin2024gdp"), "SNIP": ("lee2019snip",), "Sheared LLaMA": ("wrap2020",)}
    assert "FLOP" in COMMON_TERMS


def test_the_guide_links_the_methods_of_the_real_catalog(catalog):
    """Every guide page of the site passes the check against the catalog it is built with."""
    names = method_names(catalog.papers)
    keys = {p.key for p in catalog.papers}
    guide = [ROOT / "docs" / "index.md", *sorted((ROOT / "docs" / "survey").glob("*.md"))]
    found = {
        str(path.relative_to(ROOT / "docs")): unlinked_mentions(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT / "docs")), names, keys
        )
        for path in guide
    }
    assert not any(found.values()), found


# ---------------------------------------------------------------------------------------------
# Mentions, links, opt-out


def test_a_plain_mention_is_reported_with_its_line():
    assert flagged("# Title\n\nOne-shot methods\nsuch as SparseGPT prune LLMs.\n") == [("SparseGPT", 4)]


def test_a_linked_first_mention_is_accepted_and_later_ones_may_be_plain():
    text = "[SparseGPT](../papers/frantar2023sparsegpt.md) is one-shot.\n\nSparseGPT again, SparseGPT's too.\n"
    assert flagged(text) == []


def test_a_plain_mention_before_the_link_is_reported():
    text = "SparseGPT first.\n\nThen [SparseGPT](../papers/frantar2023sparsegpt.md#top).\n"
    assert flagged(text) == [("SparseGPT", 1)]


def test_the_link_must_reach_that_papers_page_from_the_page():
    # right from the home page; from survey/ it is survey/papers/..., no paper page (MkDocs reports
    # that broken link itself), so the mention is in a link to another page and not counted
    assert flagged("[SparseGPT](papers/frantar2023sparsegpt.md)\n", src="index.md") == []
    assert flagged("[SparseGPT](papers/frantar2023sparsegpt.md)\n") == []
    assert flagged("[SparseGPT](papers/frantar2023sparsegpt.md) and SparseGPT\n") == [("SparseGPT", 1)]
    # another paper's page is no link to this one
    assert flagged("[SparseGPT](../papers/lee2019snip.md)\n") == [("SparseGPT", 1)]
    # a link to another kind of page cannot hold the paper's link: not counted either way
    assert flagged("[SparseGPT on the search page](../search.md?q=SparseGPT)\n") == []


def test_reference_links_html_links_and_emphasis_count_as_links():
    ref = "As [SparseGPT][sg] shows.\n\n[sg]: ../papers/frantar2023sparsegpt.md\n"
    collapsed = "As [SparseGPT][] shows.\n\n[SparseGPT]: <../papers/frantar2023sparsegpt.md> 'title'\n"
    html = 'As <a href="../papers/frantar2023sparsegpt/">SparseGPT</a> shows.\n'  # the built page's URL
    assert flagged(ref) == [] and flagged(collapsed) == []
    assert flagged(html) == []
    html_md = 'As <a href="../papers/frantar2023sparsegpt.md">the *SparseGPT* paper</a> shows.\n'
    assert flagged(html_md) == []
    assert flagged("As [*SparseGPT*](../papers/frantar2023sparsegpt.md) shows.\n") == []


def test_an_opt_out_comment_exempts_one_name_on_the_page():
    text = "<!-- no-link: SparseGPT -->\nSparseGPT and SNIP.\n"
    assert flagged(text) == [("SNIP", 2)]
    assert opted_out("<!--no-link:  Sheared\n LLaMA-->") == {"Sheared LLaMA"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A SNIPPET of code.", []),
        ("Many SNIPs and mySNIP and SNIP_2 and SNIP2.", []),
        ("snip, Snip and sNIP are words.", []),  # case-sensitive
        ("(SNIP), SNIP's score, SNIP-based, SNIP.", [("SNIP", 1)]),
        ("SNIP-it is another method.", [("SNIP-it", 1)]),  # the longest name wins
        ("A simple and SIMPLE idea.", [("SIMPLE", 1)]),
        ("See Sheared\nLLaMA here.", [("Sheared LLaMA", 1)]),  # broken over a line
        ("Sheared\n\nLLaMA is two paragraphs.", []),
        ("GDP and SNIP-itx.", [("GDP", 1), ("SNIP", 1)]),  # not SNIP-it: SNIP, as in SNIP-based
    ],
)
def test_names_match_as_whole_case_sensitive_words(text, expected):
    assert flagged(text) == expected


def test_code_headings_urls_comments_tags_and_images_hold_no_mention():
    text = "\n".join(
        [
            "---",
            "title: SNIP",
            "---",
            "## SparseGPT in a heading",
            "Code `SNIP` inline and ``a `SNIP` span``.",
            "```python",
            "SparseGPT = 1",
            "```",
            "  ~~~",
            "  SNIP",
            "  ~~~",
            "<!-- SNIP in a comment -->",
            '<span title="SNIP">text</span> at https://example.org/SNIP/SparseGPT and <https://x.org/SNIP>',
            "![SNIP figure](img/snip.png)",
            "[ref]: https://example.org/SNIP",
        ]
    )
    assert flagged(text) == []
    assert flagged(text + "\nNow SNIP.") == [("SNIP", 16)]


def test_a_shared_name_is_satisfied_by_any_of_its_papers():
    assert flagged("[GDP](../papers/lin2024gdp.md)\n") == []
    assert flagged("[GDP](../papers/guo2021gdp.md)\n") == []
    (found,) = unlinked_mentions("GDP\n", PAGE, NAMES)
    assert found.keys == ("guo2021gdp", "lin2024gdp") and found.mentions == 1


def test_each_name_is_reported_once_with_its_first_line_and_count():
    (found,) = unlinked_mentions("SNIP\n\nSNIP\n\n[SNIP](../papers/lee2019snip.md)\n", PAGE, NAMES)
    assert (found.name, found.line, found.mentions) == ("SNIP", 1, 2)


def test_a_link_to_a_paper_of_another_catalog_counts_as_linked():
    """The guide links the site's catalog; a build of another catalog lacks those pages."""
    text = "[SNIP](../papers/lee2019snip.md) then SNIP.\n"
    other = {"someone2020else"}
    assert flagged(text, keys=other) == []
    assert flagged("[SNIP](../papers/other2020paper.md) then SNIP.\n", keys=other | {"other2020paper"}) == [("SNIP", 1)]


# ---------------------------------------------------------------------------------------------
# Links to papers the catalog lacks, and the hint


def test_links_to_missing_papers_become_plain_text_and_others_stay():
    text = (
        "[SNIP](../papers/lee2019snip.md), [kept](../papers/kept2020.md), "
        "[taxonomy](../taxonomy/index.md), `[code](../papers/lee2019snip.md)` and "
        "![img](../papers/lee2019snip.md).\n"
    )
    out, gone = unlink_missing_papers(text, PAGE, {"kept2020"})
    assert gone == ["lee2019snip"]
    assert out == (
        "SNIP, [kept](../papers/kept2020.md), [taxonomy](../taxonomy/index.md), "
        "`[code](../papers/lee2019snip.md)` and ![img](../papers/lee2019snip.md).\n"
    )
    assert unlink_missing_papers(text, PAGE, {"kept2020", "lee2019snip"}) == (text, [])


def test_links_are_found_in_order_with_their_paper():
    found = links('[a](../papers/x2020.md "t") [b](https://e.org) <a href="../papers/y2021.md">c</a>\n', PAGE)
    assert [(ln.target, ln.key) for ln in found] == [
        ("../papers/x2020.md", "x2020"),
        ("https://e.org", ""),
        ("../papers/y2021.md", "y2021"),
    ]


def test_the_hint_is_a_relative_link_from_the_page():
    assert paper_link("survey/comparisons.md", "lee2019snip") == "../papers/lee2019snip.md"
    assert paper_link("index.md", "lee2019snip") == "papers/lee2019snip.md"


# ---------------------------------------------------------------------------------------------
# The build


@pytest.mark.browser
def test_an_unlinked_method_fails_the_strict_build(tmp_path: Path):
    """One strict build of a copy of the site with a two-paper catalog: a plain first mention on a
    guide page is a warning (build fails) naming the page, line and fix; an opted-out mention and a
    page outside the guide are not; links to papers the catalog lacks give no broken-link warning."""
    root = empty_catalog(tmp_path / "catalog")
    read = "https://openreview.net/forum?id=x"
    complete_entry(root, "zed2021zebra", bib("zed2021zebra", "Zebra Pruning", 2021), read=read, algorithm="ZebraPrune")
    complete_entry(
        root,
        "ott2022otter",
        bib("ott2022otter", "Otter Pruning", 2022),
        read=read,
        algorithm="OtterNet",
        added=dt.date(2024, 9, 1),
    )
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("hooks", "overrides"):
        (project / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    glossary = project / "docs" / "survey" / "glossary.md"
    lines = glossary.read_text(encoding="utf-8").count("\n")
    with glossary.open("a", encoding="utf-8") as out:
        out.write("\nZebraPrune is named here without a link.\n")
    with (project / "docs" / "survey" / "recommendations.md").open("a", encoding="utf-8") as out:
        out.write("\n<!-- no-link: OtterNet -->\nOtterNet is named here on purpose.\n")
    with (project / "docs" / "contribute.md").open("a", encoding="utf-8") as out:
        out.write("\nZebraPrune outside the guide is not checked.\n")

    result = build_site(tmp_path / "site", root, config=project / "mkdocs.yml", quiet=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert "Aborted with 1 warnings in strict mode" in output, output
    assert len(warnings) == 1, "\n".join(warnings)
    assert re.search(
        rf"survey/glossary\.md:{lines + 2}: 'ZebraPrune' has a catalog page .* "
        r"write \[ZebraPrune\]\(\.\./papers/zed2021zebra\.md\)",
        warnings[0],
    ), warnings[0]
    assert "no-link: ZebraPrune" in warnings[0]
