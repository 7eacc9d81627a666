"""BibTeX fidelity (issue 10, item 5): `catalog import x.bib` and every export keep the text of each
field exactly as BibTeX reads it.

- Hostile and broken .bib files, one per case below, each with the exact outcome: the entry text
  written, the lines printed (`file:line: ...`, naming the field and the fix), and no traceback.
- What the stored BibTeX of an entry becomes on export (`catalog export`, catalog.bib, the paper
  page and the search page's "Copy BibTeX" all use `bibtex.with_key`).
- `--report FILE` of a .bib import writes the report.
- A round trip of a real, messy bibliography (spcl's sparsity.bib) against an independent BibTeX
  reader, pybtex.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from prunecat import bibtex
from prunecat.cli import main
from prunecat.load import load_catalog

from conftest import FIXTURES, ROOT

ADDED = "2026-01-02"
#: The spcl sparsity bibliography: next to the repository in CI (`../shared/...`).
SPCL = ROOT.parent / "shared" / "data" / "lists" / "spcl-sparsity" / "sparsity.bib"


def run_import(capsys, catalog: Path, tmp_path: Path, bib: str | bytes, *extra: str):
    """Import `bib` as in.bib; (exit code, printed lines before the summary with the path as IN,
    {paper key: BibTeX text written}, report text)."""
    source = tmp_path / "in.bib"
    source.write_bytes(bib if isinstance(bib, bytes) else bib.encode("utf-8"))
    report = tmp_path / "report.md"
    code = main(["--root", str(catalog), "import", str(source), "--added", ADDED, "--report", str(report), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and not err, err
    lines = out.replace(str(source), "IN").splitlines()
    summary = next(i for i, line in enumerate(lines) if " new entries written to " in line)
    entries = {
        p.stem: load_catalog(catalog).by_key()[p.stem].bibtex for p in sorted((catalog / "papers").glob("*.yml"))
    }
    return code, lines[:summary], entries, report.read_text(encoding="utf-8") if report.exists() else None


# ---------------------------------------------------------------------------------------------
# Hostile and broken .bib files: (case, .bib text, entries written {key: text}, lines printed)

CASES = [
    # Words that start with a month name are words; `month = mar` is BibTeX's macro, kept as one.
    (
        "month-words-in-title",
        """\
@inproceedings{marvel2021,
  title = {Marvel, Junior and Decima: May Pruning Mar Sparse Nets},
  author = {Junior, Marvel and Decima, Dec},
  booktitle = {Proceedings of MAR},
  year = 2021,
  month = mar,
}
""",
        {
            "junior2021marvel": """\
@inproceedings{junior2021marvel,
  title = {Marvel, Junior and Decima: May Pruning Mar Sparse Nets},
  author = {Junior, Marvel and Decima, Dec},
  booktitle = {Proceedings of MAR},
  year = {2021},
  month = mar
}
"""
        },
        [],
    ),
    # A braced or quoted month is text, not a macro: it stays text, not abbreviated or expanded.
    (
        "month-as-text",
        """\
@article{m2, title = {Sparse Nets}, author = {Lee, Ann}, journal = {J}, year = {2020}, month = {June}}
@article{m3, title = {Dense Nets}, author = {Lee, Ann}, journal = {J}, year = {2020}, month = "jun"}
""",
        {
            "lee2020dense": """\
@article{lee2020dense,
  title = {Dense Nets},
  author = {Lee, Ann},
  journal = {J},
  year = {2020},
  month = {jun}
}
""",
            "lee2020sparse": """\
@article{lee2020sparse,
  title = {Sparse Nets},
  author = {Lee, Ann},
  journal = {J},
  year = {2020},
  month = {June}
}
""",
        },
        [],
    ),
    # `#` inside braces or quotes is text: a URL fragment, "C#", an escaped \#.
    (
        "hash-inside-text",
        r"""@misc{hash,
  title = {Pruning {C#} and C\# Programs, {F#} Too},
  author = {Sharp, Cee},
  year = {2022},
  url = {https://example.org/page#sec-2},
  note = "see #3 and page#sec-2",
}
""",
        {
            "sharp2022pruning": r"""@misc{sharp2022pruning,
  title = {Pruning {C#} and C\# Programs, {F#} Too},
  author = {Sharp, Cee},
  year = {2022},
  url = {https://example.org/page#sec-2},
  note = {see #3 and page#sec-2}
}
"""
        },
        [],
    ),
    # `#` between parts is concatenation: quoted, braced, numbers and month macros joined.
    (
        "hash-concatenation",
        """\
@article{cat, title = "Sparse " # {GPT} # " Models", author = "Lee, Ann", journal = {J},
  pages = 1 # "--" # 10, year = 2023, note = "since " # jan}
""",
        {
            "lee2023sparse": """\
@article{lee2023sparse,
  title = {Sparse GPT Models},
  author = {Lee, Ann},
  journal = {J},
  pages = {1--10},
  year = {2023},
  note = {since January}
}
"""
        },
        [],
    ),
    # @string macros (any case, paren form, defined from others) are resolved; the entry's own key
    # is read (not the macro's name), and the definitions are mentioned.
    (
        "string-macros",
        """\
@STRING{ NeurIPS = {Advances in Neural } # "Information Processing Systems" }
@string(conf = "Proc. " # neurips)
@inproceedings{real2020key,
  title = {Pruning at Scale},
  author = {Park, Jun},
  booktitle = CONF,
  year = {2020},
}
""",
        {
            "park2020pruning": """\
@inproceedings{park2020pruning,
  title = {Pruning at Scale},
  author = {Park, Jun},
  booktitle = {Proc. Advances in Neural Information Processing Systems},
  year = {2020}
}
"""
        },
        [
            "IN:1: 2 @string definitions (lines 1, 2) resolved into the fields that use them (conf, NeurIPS); "
            "the definitions themselves are not kept"
        ],
    ),
    # @comment and @preamble belong to no entry: dropped and not published, each said once.
    (
        "comment-and-preamble",
        r"""@comment{jabref-meta: databaseType:bibtex;}
@preamble{ "\newcommand{\noopsort}[1]{}" }
@article{kept, title = {{\noopsort{a}}Kept Paper}, author = {Kim, Yu}, journal = {J}, year = {2019}}
""",
        {
            "kim2019akept": r"""@article{kim2019akept,
  title = {{\noopsort{a}}Kept Paper},
  author = {Kim, Yu},
  journal = {J},
  year = {2019}
}
"""
        },
        [
            "IN:1: 1 @comment block dropped: a comment belongs to no entry",
            "IN:2: 1 @preamble not published: the catalog keeps entries only; if a field needs a command the "
            "preamble defines, write the field's text without it",
        ],
    ),
    # A `%` comment after a field and on its own line: the next field (doi) is kept, so the second
    # entry's DOI is recognised as the same paper.
    (
        "percent-comment-between-fields",
        """\
@article{first,
  title = {Pruning With Comments}, % the published title
  % the doi comes next
  doi = {10.1234/abc},
  author = {Wu, Li}, year = {2020}, journal = {J},
}
@article{second, title = {A Different Title}, author = {Wu, Li}, year = {2021}, doi = {10.1234/ABC}}
""",
        {
            "wu2020pruning": """\
@article{wu2020pruning,
  title = {Pruning With Comments},
  author = {Wu, Li},
  journal = {J},
  year = {2020},
  doi = {10.1234/abc}
}
"""
        },
        [
            "IN:2: 2 `%` comments inside entries skipped (lines 2, 3): BibTeX itself stops reading an entry at a `%`; "
            "put comments outside entries",
            "IN:7: entry 'second' skipped: the same paper as entry 'first' at line 1 of this file",
        ],
    ),
    # A `%` inside braces or quotes is text.
    (
        "percent-inside-text",
        """\
@article{pct, title = {Keeping 50% of the Weights}, author = {Ng, Al}, year = {2020}, note = "90% sparse"}
""",
        {
            "ng2020keeping": """\
@article{ng2020keeping,
  title = {Keeping 50% of the Weights},
  author = {Ng, Al},
  year = {2020},
  note = {90% sparse}
}
"""
        },
        [],
    ),
    # A `%` does not hide an entry from BibTeX: it is read, and the user is told how to leave it out.
    (
        "percent-before-entry",
        """\
% @article{old2019, title = {An Old Draft}, author = {Old, Al}, year = 2019}
""",
        {
            "old2019old": """\
@article{old2019old,
  title = {An Old Draft},
  author = {Old, Al},
  year = {2019}
}
"""
        },
        [
            "IN:1: entry 'old2019' is read although `%` starts its line: a `%` does not hide an entry from BibTeX; "
            "delete the entry to leave it out"
        ],
    ),
    (
        "undefined-macro",
        """\
@inproceedings{undef, title = {Pruning}, author = {Li, Bo}, booktitle = neurips, year = 2020}
""",
        {},
        [
            "IN:1: entry 'undef' skipped: BibTeX field 'booktitle' uses the @string macro 'neurips', which is not "
            "defined before the entry; define it with @string{neurips = {...}} above the entry, or write the text "
            "in braces: booktitle = {...}"
        ],
    ),
    # BibTeX reads macros in order: one defined after the entry does not count.
    (
        "macro-defined-after-use",
        """\
@inproceedings{early,
  title = {Pruning Early},
  author = {Li, Bo},
  booktitle = iclr,
  year = 2020,
}
@string{iclr = {International Conference on Learning Representations}}
""",
        {},
        [
            "IN:4: entry 'early' skipped: BibTeX field 'booktitle' uses the @string macro 'iclr', which is not "
            "defined before the entry; define it with @string{iclr = {...}} above the entry, or write the text "
            "in braces: booktitle = {...}",
            "IN:7: 1 @string definition resolved into the fields that use them; the definitions themselves are not kept",
        ],
    ),
    (
        "unbalanced-braces",
        """\
@article{ok, title = {Fine Paper}, author = {Ok, Al}, year = {2020}}
@article{broken,
  title = {Unbalanced {braces,
  year = {2020}
}
""",
        {
            "ok2020fine": """\
@article{ok2020fine,
  title = {Fine Paper},
  author = {Ok, Al},
  year = {2020}
}
"""
        },
        [
            "IN:2: entry 'broken' does not parse; skipped: unbalanced braces or quotes in the field 'title' "
            "(a `{` in it is never closed); balance them"
        ],
    ),
    # The entry's own closing brace is missing: the last field runs to the end of the file.
    (
        "entry-never-closed",
        """\
@article{open,
  title = {Open Entry},
  year = {2020}
""",
        {},
        [
            "IN:1: entry 'open' does not parse; skipped: unbalanced braces or quotes in the field 'year' "
            "(a `{` in it, or the entry's own, is never closed); balance them"
        ],
    ),
    (
        "unclosed-quote",
        """\
@article{quote,
  title = "Unclosed quote,
  year = {2020}
}
""",
        {},
        [
            "IN:1: entry 'quote' does not parse; skipped: unbalanced braces or quotes in the field 'title' "
            '(a `"` in it is never closed); balance them'
        ],
    ),
    (
        "brace-closing-nothing-in-quotes",
        """\
@article{q2, title = "Stray } brace", author = {Q, R}, year = {2020}}
""",
        {},
        [
            "IN:1: entry 'q2' skipped: BibTeX field 'title' has a `}` that closes no `{`: unbalanced braces; "
            "write it as title = {text}"
        ],
    ),
    (
        "missing-comma-between-fields",
        """\
@article{nocomma,
  title = {Missing Comma}
  author = {Lee, Ann},
  year = {2020},
}
""",
        {},
        [
            "IN:2: entry 'nocomma' skipped: missing comma after the BibTeX field 'title' (before 'author'); "
            "end each field with ','"
        ],
    ),
    (
        "missing-comma-after-key",
        """\
@article{nokey
  title = {No Comma After The Key}, year = {2020}}
""",
        {},
        [
            "IN:1: entry 'nokey' does not parse; skipped: a missing comma after the citation key 'nokey'? "
            "write @type{key, name = {text}, ...}"
        ],
    ),
    (
        "field-without-equals",
        """\
@article{noeq, title {No Equals}, year = {2020}}
""",
        {},
        [
            "IN:1: entry 'noeq' does not parse; skipped: the field 'title' has no `=`; "
            "write each field as `name = {text},`"
        ],
    ),
    (
        "text-after-value",
        """\
@article{after, title = {A Title} Extra, year = {2020}}
""",
        {},
        [
            "IN:1: entry 'after' skipped: BibTeX field 'title' has text after its closing `}`: `Extra`; "
            "write it as title = {text}"
        ],
    ),
    # BibTeX field names are case-insensitive: DOI and doi are the same field, given twice.
    (
        "field-twice",
        """\
@article{twice,
  title = {Twice},
  doi = {10.1/one},
  DOI = {10.1/two},
  year = {2020},
}
""",
        {},
        ["IN:4: entry 'twice' skipped: BibTeX field 'doi' appears twice; keep one"],
    ),
    # Citation keys are case-insensitive for BibTeX too: the second entry is not read.
    (
        "citation-key-twice",
        """\
@article{Same, title = {First Paper}, author = {Kay, Al}, year = {2020}}
@article{same, title = {Second Paper}, author = {Kay, Al}, year = {2020}}
""",
        {
            "kay2020first": """\
@article{kay2020first,
  title = {First Paper},
  author = {Kay, Al},
  year = {2020}
}
"""
        },
        [
            "IN:2: entry repeats a citation key; skipped: the citation key 'same' is taken by the entry at line 1; "
            "BibTeX reads only the first: give this entry its own key"
        ],
    ),
    (
        "control-character",
        "@article{ctl, title = {Bell\x07 Pruning}, author = {Ctl, Al}, year = {2020}}\n",
        {},
        ["IN:1: entry 'ctl' skipped: BibTeX field 'title' holds the control character U+0007; delete it"],
    ),
    (
        "line-separator-in-title",
        "@article{ls, title = {Line\u2028Separator}, author = {Ls, Al}, year = {2020}}\n",
        {},
        ["IN:1: entry 'ls' skipped: BibTeX field 'title' holds the control character U+2028; delete it"],
    ),
    # A DOI given as a link is stored as the DOI, and the user is told.
    (
        "doi-as-link",
        """\
@article{link, title = {Linked}, author = {Doe, Jo}, year = {2020},
  doi = {https://doi.org/10.1016/S0925-2312(96)00054-9}}
""",
        {
            "doe2020linked": """\
@article{doe2020linked,
  title = {Linked},
  author = {Doe, Jo},
  year = {2020},
  doi = {10.1016/S0925-2312(96)00054-9}
}
"""
        },
        [
            "IN:2: entry 'link': doi 'https://doi.org/10.1016/S0925-2312(96)00054-9' written as "
            "'10.1016/S0925-2312(96)00054-9' (the DOI without its link prefix)"
        ],
    ),
    (
        "empty-value",
        "@article{empty, title = , author = {E, Al}, year = {2020}}\n",
        {},
        [
            "IN:1: entry 'empty' skipped: BibTeX field 'title' is empty (nothing between `=` and `,`, or on one "
            "side of a `#`); write it as title = {text}"
        ],
    ),
    (
        "no-title",
        "@article{notitle, author = {N, Al}, year = {2020}, abstract = {Only an abstract.}}\n",
        {},
        ["IN:1: entry 'notitle' has no title; skipped: add title = {...}"],
    ),
    (
        "year-not-a-year",
        "@article{yr,\n  title = {Forthcoming Pruning},\n  year = {forthcoming}\n}\n",
        {},
        [f"IN:3: entry 'yr' skipped: year 'forthcoming' is not a year between 1940 and {dt.date.today().year + 1}"],
    ),
    (
        "url-javascript",
        "@misc{js,\n  title = {Script},\n  year = {2020},\n  url = {javascript:alert(1)}\n}\n",
        {},
        [
            "IN:4: entry 'js' skipped: url 'javascript:alert(1)': links must start with https:// or http://, not javascript:"
        ],
    ),
    (
        "no-entry-at-all",
        "% only a comment\nsome text, no entry\n",
        {},
        ["IN:1: no BibTeX entry found: a .bib file holds entries such as @article{key, title = {...}, ...}"],
    ),
    # Windows line ends, a byte-order mark and a `%` comment line.
    (
        "crlf-and-bom",
        "\ufeff@article{crlf,\r\n  title = {Windows\r\n  Lines},\r\n  % note\r\n  year = {2020},\r\n}\r\n",
        {
            "windows2020lines": """\
@article{windows2020lines,
  title = {Windows Lines},
  year = {2020}
}
"""
        },
        [
            "IN:4: 1 `%` comment inside entries skipped: BibTeX itself stops reading an entry at a `%`; "
            "put comments outside entries",
            "IN:1: entry 'crlf' imported as windows2020lines, with a warning: the BibTeX entry has no author list; "
            "add `author = {First Last and First Last}`",
        ],
    ),
    # Markup in a title is text: imported as written, and the user is told how it is shown.
    (
        "markup-in-title",
        "@article{h,\n  title = {<img src=x onerror=alert(1)> Pruning},\n  author = {X, Y},\n  year = 2020\n}\n",
        {
            "x2020img": """\
@article{x2020img,
  title = {<img src=x onerror=alert(1)> Pruning},
  author = {X, Y},
  year = {2020}
}
"""
        },
        [
            "IN:2: entry 'h' imported as x2020img, with a warning: the title contains HTML-like markup "
            "(<img src=x onerror=alert(1)>); it is shown literally, as text"
        ],
    ),
    (
        "latin-1-file",
        "@article{lat, title = {Sparsit\xe4t}, author = {M\xfcller, J\xf6rg}, year = {2021}}\n".encode("latin-1"),
        {
            "muller2021sparsitat": """\
@article{muller2021sparsitat,
  title = {Sparsität},
  author = {Müller, Jörg},
  year = {2021}
}
"""
        },
        ["IN:1: not UTF-8 (byte 0xe4); the file was read as Latin-1: check accented names, or save the file as UTF-8"],
    ),
    (
        "utf-16-file",
        "@article{u16, title = {Wide Pruning}, author = {Wu, Di}, year = {2022}}\n".encode("utf-16"),
        {
            "wu2022wide": """\
@article{wu2022wide,
  title = {Wide Pruning},
  author = {Wu, Di},
  year = {2022}
}
"""
        },
        [],
    ),
    # A parenthesised entry, with parentheses and an `@` inside its fields.
    (
        "paren-entry",
        "@article(paren, title = {Pruning (Again) @ Scale}, author = {Pa, Ren}, year = 2020)\n",
        {
            "pa2020pruning": """\
@article{pa2020pruning,
  title = {Pruning (Again) @ Scale},
  author = {Pa, Ren},
  year = {2020}
}
"""
        },
        [],
    ),
]


@pytest.mark.parametrize("case, bib, written, printed", CASES, ids=[c[0] for c in CASES])
def test_hostile_bib_input(capsys, tmp_catalog, tmp_path, case, bib, written, printed):
    code, lines, entries, report = run_import(capsys, tmp_catalog, tmp_path, bib)
    assert code == 0
    assert lines == printed
    assert entries == written
    for line in printed:  # everything printed is in the report too
        message = line.split(": ", 1)[1]
        assert message.rpartition("skipped: the same paper as ")[2] in report


def test_the_cases_are_distinct():
    assert len({c[0] for c in CASES}) == len({c[1] for c in CASES}) == len(CASES) >= 12


def test_no_traceback_from_the_command_line(tmp_catalog, tmp_path):
    """All the hostile inputs in one file, through the installed command: errors, no traceback."""
    source = tmp_path / "all.bib"
    source.write_text("\n".join(c[1] for c in CASES if isinstance(c[1], str)), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "prunecat.cli", "--root", str(tmp_catalog), "import", str(source), "--added", ADDED],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not result.stderr
    assert load_catalog(tmp_catalog).papers  # what was written passes the checks


# ---------------------------------------------------------------------------------------------
# The report


def test_bib_report_is_written(capsys, tmp_catalog, tmp_path):
    bib = (FIXTURES / "bib" / "zotero-mixed.bib").read_text(encoding="utf-8")
    code, lines, entries, report = run_import(capsys, tmp_catalog, tmp_path, bib)
    assert code == 0 and len(entries) == 5
    assert (
        report
        == f"""\
# Import of `in.bib`

5 new entries (added {ADDED}), 0 skipped as already in the catalog or earlier in the file, 2 not imported because of an error.

## New entries

- `frankle2019lottery` from `frankle2019lottery` (line 6)
- `frantar2023sparsegpt` from `DBLP:journals/corr/abs-2301-00774` (line 15)
- `lecun1990optimal` from `lecun1990obd` (line 26)
- `lee2019snip` from `snipcopy` (line 50)
- `muller2021sparsitat` from `muller2021` (line 39)

## Skipped: already there

None.

## Not imported: errors to fix

- line 33: entry repeats a citation key; skipped: the citation key 'lecun1990obd' is taken by the entry at line 26; BibTeX reads only the first: give this entry its own key
- line 46: entry 'broken' does not parse; skipped: unbalanced braces or quotes in the field 'title' (a `{{` in it is never closed); balance them

## Imported, with a warning

None.

## Left out or changed on the way

- line 2: 1 @comment block dropped: a comment belongs to no entry
- line 3: 2 @string definitions (lines 3, 4) resolved into the fields that use them (iclr, nips); the definitions themselves are not kept
"""
    )
    # a second import: everything is already there, and the report says which entry it is
    (tmp_path / "report.md").unlink()
    code, lines, _, report = run_import(capsys, tmp_catalog, tmp_path, bib)
    assert "IN:6: entry 'frankle2019lottery' skipped: the same paper as papers/frankle2019lottery.yml" in lines
    assert (
        "- line 6 `frankle2019lottery`: “The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural "
        "Networks”, same paper as papers/frankle2019lottery.yml" in report
    )


# ---------------------------------------------------------------------------------------------
# Export: what an entry's stored BibTeX becomes in catalog.bib, `catalog export`, the paper page
# and "Copy BibTeX" (all through bibtex.with_key)

STORED = r"""@comment{from Zotero}
@string{icml = {International Conference on Machine Learning}}
@preamble{"\newcommand{\x}{y}"}
@inproceedings{zotero:123,
  title = {Marvel: C# and page#sec-2 % not a comment},
  % a note between fields
  booktitle = icml,
  author = {Lee, Ann},
  year = 2020,
  month = mar,
  url = {https://example.org/page#sec-2}
}"""


def test_export_is_the_entry_alone_with_the_paper_key(capsys, tmp_catalog):
    (tmp_catalog / "papers" / "lee2020marvel.yml").write_text(
        "bibtex: |\n" + "".join(f"  {line}\n" for line in STORED.splitlines()) + f"added: {ADDED}\n", encoding="utf-8"
    )
    assert main(["--root", str(tmp_catalog), "check"]) == 0
    capsys.readouterr()
    assert main(["--root", str(tmp_catalog), "export"]) == 0
    assert (
        capsys.readouterr().out
        == """\
@inproceedings{lee2020marvel,
  title = {Marvel: C# and page#sec-2 % not a comment},
  booktitle = {International Conference on Machine Learning},
  author = {Lee, Ann},
  year = {2020},
  month = mar,
  url = {https://example.org/page#sec-2}
}
"""
    )
    paper = load_catalog(tmp_catalog).papers[0]
    assert paper.title == "Marvel: C# and page#sec-2 % not a comment" and paper.url == "https://example.org/page#sec-2"


def test_a_percent_comment_does_not_hide_a_duplicate_doi(capsys, tmp_catalog):
    """A `% note` line before the DOI of a hand-written entry: the DOI is read, so `check` sees the
    same paper twice."""
    papers = tmp_catalog / "papers"
    (papers / "lee2020first.yml").write_text(
        "bibtex: |\n  @article{a,\n    title = {First},\n    author = {Lee, Ann},\n    year = {2020},\n"
        "    doi = {10.1234/dup}\n  }\n",
        encoding="utf-8",
    )
    (papers / "lee2020second.yml").write_text(
        "bibtex: |\n  @article{b,\n    title = {Second}, % the same paper, really\n    % its doi:\n"
        "    doi = {10.1234/DUP},\n    author = {Lee, Ann},\n    year = {2020}\n  }\n",
        encoding="utf-8",
    )
    assert main(["--root", str(tmp_catalog), "check"]) == 1
    out = capsys.readouterr().out
    assert (
        "papers/lee2020second.yml:1: [bibtex] error: same DOI as papers/lee2020first.yml (lee2020first): one paper, "
        "one entry; merge the labels into papers/lee2020first.yml and delete this file"
    ) in out


@pytest.mark.parametrize(
    "stored, exported",
    [
        # the common case: the text as written, only the key replaced
        ("@article{x,\n  title={A},\n  year={2020}\n}", "@article{k,\n  title={A},\n  year={2020}\n}"),
        # a lone month macro needs no @string: kept as written
        ("@article{x, title={A}, year=2020, month=dec}", "@article{k, title={A}, year=2020, month=dec}"),
        # `#` between quoted parts needs no @string either: valid BibTeX, kept
        ('@article{x, title="A" # "B", year=2020}', '@article{k, title="A" # "B", year=2020}'),
        # text around the entry is not part of it
        ("junk before\n@article{x, title={A}, year=2020}\ntrailing", "@article{k, title={A}, year=2020}"),
        # a `%` inside a value is text and needs no rewriting
        ("@article{x, title={50% Sparse}, year=2020}", "@article{k, title={50% Sparse}, year=2020}"),
        # an @string used by the entry: resolved into it, the definition left out
        (
            "@string{j = {Journal}}\n@article{x, journal = j, year = 2020}",
            "@article{k,\n  journal = {Journal},\n  year = {2020}\n}",
        ),
        (
            '@string{j = {Journal}}\n@article{x, journal = j # { of } # "Pruning", year = 2020}',
            "@article{k,\n  journal = {Journal of Pruning},\n  year = {2020}\n}",
        ),
    ],
)
def test_with_key(stored, exported):
    assert bibtex.with_key(stored, "k") == exported
    assert bibtex.parse_entry(exported).fields == bibtex.parse_entry(stored).fields


# ---------------------------------------------------------------------------------------------
# Round trip of a real bibliography against an independent reader

#: Entries of sparsity.bib that `catalog import` leaves out, and why: each is the same paper as an
#: earlier entry of the file (by title, DOI or arXiv id). Nothing else may be left out.
SPCL_SKIPPED = {
    "glorot2011deep": "2011-glorot",
    "2019-zheng": "2019-mlprune",
    "2014-srivastava": "10.5555/2627435.2670313",
    "2014-goodfellow": "goodfellow2014generative",
    "2007-grunwald": "grunwald2007minimum",
}
#: Entries whose DOI is written as a https://doi.org/ link: the importer stores the DOI itself (and
#: says so); compared without that prefix.
SPCL_DOI_LINKS = 6


def _pybtex(path: Path):
    """`path` as pybtex reads it; fails on any error or warning it reports."""
    import pybtex.errors
    from pybtex.database import parse_file

    pybtex.errors.set_strict_mode(False)
    messages = io.StringIO()
    with redirect_stderr(messages):
        data = parse_file(str(path), "bibtex")
    assert not messages.getvalue(), messages.getvalue()
    return data


def _normal(text: str) -> str:
    """The comparison's only normalisation, the same on both sides: runs of white space become one
    space (BibTeX reads them so; the importer writes one field a line). Braces and LaTeX are compared
    as written: the importer must keep them, so no brace or LaTeX normalisation is needed (the shown,
    decoded title is compared separately, through the same decoder on both sides)."""
    return " ".join(text.split())


def _doi(text: str) -> str:
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", _normal(text), flags=re.I)


def test_spcl_bibliography_round_trips(tmp_catalog, tmp_path, capsys):
    if not SPCL.is_file():
        message = f"{SPCL} is missing: the round trip needs the spcl sparsity bibliography next to the repository"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    original = _pybtex(SPCL)
    assert len(original.entries) == 452

    # import -> export, through the command line
    assert (
        main(["--root", str(tmp_catalog), "import", str(SPCL), "--added", ADDED, "--report", str(tmp_path / "r.md")])
        == 0
    )
    out = capsys.readouterr().out
    exported = tmp_path / "export.bib"
    assert main(["--root", str(tmp_catalog), "export", "-o", str(exported)]) == 0
    capsys.readouterr()
    back = _pybtex(exported)
    catalog = load_catalog(tmp_catalog)

    # every original entry is either exported once or skipped for a counted, asserted reason
    origins = {}
    for line in (tmp_path / "r.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"- `([^`]+)` from `([^`]+)` \(line \d+\)$", line)
        if m:
            origins[m.group(1)] = m.group(2)
    assert sorted(origins) == sorted(back.entries) == sorted(p.key for p in catalog.papers)
    for skipped, first in SPCL_SKIPPED.items():
        assert re.search(
            rf":\d+: entry '{re.escape(skipped)}' skipped: the same paper as entry '{re.escape(first)}' ", out
        )
    assert sorted(set(origins.values()) | set(SPCL_SKIPPED)) == sorted(original.entries)
    assert len(origins) == len(original.entries) - len(SPCL_SKIPPED) == 447
    assert out.count("(the DOI without its link prefix)") == SPCL_DOI_LINKS

    by_key = catalog.by_key()
    links = 0
    for key, source in origins.items():
        a, b = original.entries[source], back.entries[key]
        for name in ("title", "year", "eprint", "url"):
            assert _normal(b.fields.get(name, "")) == _normal(a.fields.get(name, "")), (source, name)
        assert _doi(b.fields.get("doi", "")) == _doi(a.fields.get("doi", "")), (source, "doi")
        links += _normal(b.fields.get("doi", "")) != _normal(a.fields.get("doi", ""))
        assert [str(p) for p in b.persons.get("author", [])] == [str(p) for p in a.persons.get("author", [])], source
        # what the site shows: the same decoding of both readings
        paper = by_key[key]
        assert paper.title == bibtex.decode(a.fields["title"]), source
        assert paper.year == int(a.fields["year"]), source
    assert links == SPCL_DOI_LINKS
