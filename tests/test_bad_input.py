"""Bad input gets a clear error naming file, line, field and a fix, never a traceback (issue 4, item 3).

Every file in fixtures/bad-entries/ is one bad input (or an odd one that must be accepted), named
after its case; CASES below says what the loader must report for it: severity, the exact 1-based
line in the file (0: the whole file, as `Problem` defines it), the field path and a piece of the
message that tells the fix. Each case is installed alone in a fresh catalog next to ORIGINAL, the
survey's own entry, which the duplicate cases repeat. Then the whole corpus goes into one catalog:
`catalog check` (and `fmt`, `export`) must report it as `path:line:` lines, exit 1, print no
traceback and leave every file byte-identical; a strict MkDocs build must fail with the same
messages.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from prunecat.load import MAX_ENTRY_BYTES, load_catalog
from prunecat.model import Catalog
from prunecat.problems import CatalogError, Problem

from conftest import FIXTURES, build_site, run_catalog, snapshot

BAD = FIXTURES / "bad-entries"

#: The paper the duplicate cases repeat, installed in every test catalog as papers/cheng2024survey.yml.
ORIGINAL = """\
bibtex: |
  @article{cheng2024survey,
    title = {A Survey on Deep Neural Network Pruning: Taxonomy, Comparison, Analysis, and Recommendations},
    author = {Hongrong Cheng and Miao Zhang and Javen Qinfeng Shi},
    journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence},
    year = {2024},
    doi = {10.1109/TPAMI.2024.3447085},
    eprint = {2308.06767},
    archiveprefix = {arXiv}
  }
venue: TPAMI
survey: true
"""
ORIGINAL_NAME = "cheng2024survey.yml"

#: Cases whose file is installed under another name than <case>.yml: the name is the bad input.
INSTALL_AS = {
    "key-uppercase": "Lee2019.yml",
    "key-underscore": "a_b.yml",
    "extension-yaml": "lee2019snip.yaml",
}

#: huge-file.yml is a normal entry; the test pads it past the size limit instead of storing 256 KiB.
PADDING = b"# " + b"padding " * (MAX_ENTRY_BYTES // 8) + b"\n"

# case (fixtures/bad-entries/<case>.yml)   severity   line  field          message substring (tells the fix)
CASES = [
    # YAML syntax and structure
    ("yaml-bad-indentation", "error", 23, "", "check indentation"),
    ("yaml-unclosed-quote", "error", 13, "", "close the quote opened on this line"),
    ("yaml-tab-indentation", "error", 23, "", "indent with spaces, not tabs"),
    ("yaml-unclosed-flow-list", "error", 15, "", "close the bracket opened on this line"),
    ("yaml-duplicate-key", "error", 17, "when", "duplicate key 'when' (first on line 15); keep one"),
    ("yaml-two-documents", "error", 26, "", "holds one YAML document: remove the '---' line"),
    ("yaml-list-as-key", "error", 12, "", "a field name must be a single word"),
    ("yaml-number-as-key", "error", 13, "2019", "unknown field '2019'"),
    ("yaml-alias-bomb", "error", 27, "", "YAML aliases (*name) are not allowed"),
    ("yaml-recursive-alias", "error", 20, "", "write the value out in full"),
    ("yaml-deep-nesting", "error", 13, "algorithm", "nested more than 16 levels deep"),
    ("yaml-control-character", "error", 12, "", "U+0000, a control character YAML does not allow; delete it"),
    ("yaml-bad-int-tag", "error", 13, "algorithm", "'SNIP' is not a valid int"),
    ("yaml-python-tag", "error", 13, "", "remove the tag"),
    # the file as a whole
    ("top-level-list", "error", 2, "", "an entry is a YAML mapping of fields"),
    ("top-level-scalar", "error", 2, "", "not a list or a single value"),
    ("empty-file", "error", 1, "", "the file holds no entry"),
    ("only-comments", "error", 1, "", "an entry needs at least `bibtex:`"),
    ("not-utf8", "error", 5, "", "not UTF-8 (byte 0xf6); save it as UTF-8"),
    ("utf16-file", "error", 1, "", "not UTF-8 (byte 0xff); save it as UTF-8"),
    ("huge-file", "error", 0, "", f"an entry is at most {MAX_ENTRY_BYTES} bytes"),
    ("key-uppercase", "error", 2, "key", "'Lee2019.yml' is not a valid key: use lower-case letters"),
    ("key-underscore", "error", 2, "key", "'a_b.yml' is not a valid key: use lower-case letters, digits and dashes"),
    ("extension-yaml", "error", 0, "", "entry files end in .yml; rename it"),
    # fields and their types
    ("unknown-field-typo", "error", 16, "critera", "did you mean 'criteria'?"),
    ("missing-bibtex", "error", 2, "", "missing field 'bibtex': paste the paper's BibTeX entry"),
    ("bibtex-mapping", "error", 2, "bibtex", "write `bibtex: |` and the entry indented below it"),
    ("bibtex-number", "error", 2, "bibtex", "'bibtex' must hold a BibTeX entry as text"),
    ("bibtex-empty", "error", 2, "bibtex", "'bibtex' must hold a BibTeX entry as text"),
    ("text-field-as-list", "error", 12, "venue", "'venue' must be a single line of text"),
    ("pioneer-as-string", "error", 18, "pioneer", "'pioneer' must be true or false, got 'true'"),
    ("added-not-a-date", "error", 25, "added", "'added' must be a date written YYYY-MM-DD, got 'last week'"),
    ("added-impossible-date", "error", 25, "added", "'2024-02-30' is not a valid date (day is out of range"),
    # BibTeX
    ("bibtex-unbalanced-braces", "error", 3, "bibtex", "unbalanced braces"),
    ("bibtex-missing-comma", "error", 4, "bibtex", "missing comma after the BibTeX field 'title' (before 'author')"),
    (
        "bibtex-two-entries",
        "error",
        12,
        "bibtex",
        "expected exactly one BibTeX entry such as @article{key, ...}, found 2",
    ),
    ("bibtex-no-entry", "error", 3, "bibtex", "expected exactly one BibTeX entry such as @article{key, ...}, found 0"),
    ("bibtex-duplicate-field", "error", 8, "bibtex", "BibTeX field 'year' appears twice; keep one"),
    ("bibtex-no-title", "error", 3, "bibtex", "no title; add `title = {...}`"),
    ("bibtex-no-year", "error", 3, "bibtex", "no year; add `year = {2024}`"),
    ("bibtex-year-forthcoming", "error", 7, "bibtex", "year 'forthcoming' is not a year between 1940 and"),
    ("bibtex-year-3024", "error", 7, "bibtex", "year '3024' is not a year between 1940 and"),
    ("bibtex-doi-with-prefix", "error", 8, "bibtex", "(no https://doi.org/ prefix)"),
    ("bibtex-url-javascript", "error", 10, "bibtex", "links must start with https:// or http://, not javascript:"),
    ("bibtex-url-invalid-ipv6", "error", 10, "bibtex", "not a valid web address"),
    # code releases
    (
        "code-url-without-scheme",
        "error",
        22,
        "code.0.url",
        "links must start with https:// or http:// (is the scheme missing?)",
    ),
    ("code-url-javascript", "error", 22, "code.0.url", "not javascript:"),
    ("code-url-ftp", "error", 22, "code.0.url", "not ftp:"),
    ("code-missing-url", "error", 22, "code.0", "add `url: https://github.com/owner/repository`"),
    ("code-as-string", "error", 21, "code", "'code' must be a list of releases, each with `- url:"),
    ("code-unknown-field", "error", 24, "code.0.offical", "did you mean 'official'?"),
    ("code-unknown-framework", "error", 23, "code.0.framework", "did you mean 'pytorch'?"),
    ("code-official-string", "error", 24, "code.0.official", "'official' must be true (the authors' code) or false"),
    # taxonomy labels
    ("axis-unknown-id", "error", 14, "speedup.0", "unknown speedup id 'unstrctured'; did you mean 'unstructured'?"),
    ("facet-unknown-id", "error", 19, "model.1", "unknown model id 'transformer'; allowed: cnn, vit"),
    ("axis-none-with-category", "error", 17, "fusion", "it cannot be combined with categories"),
    ("axis-category-twice", "error", 16, "criteria.2", "'sensitivity-saliency' is listed twice in 'criteria'"),
    (
        "axis-subcategory-with-parent",
        "warning",
        14,
        "when",
        "already counts for its parent 'after-training'; list only 'post-training'",
    ),
    ("axis-as-mapping", "error", 15, "when", "'when' must be a list of ids such as [before-training]"),
    # text shown on the site
    ("title-html", "warning", 4, "bibtex", "HTML-like markup (<i>); it is shown literally, as text"),
    # the same paper twice (next to ORIGINAL)
    ("same-arxiv-id", "error", 2, "bibtex", f"same arXiv id as papers/{ORIGINAL_NAME}"),
    ("same-doi", "error", 2, "bibtex", f"same DOI as papers/{ORIGINAL_NAME}"),
    (
        "same-title",
        "error",
        2,
        "bibtex",
        f"same title as papers/{ORIGINAL_NAME} (cheng2024survey): one paper, one entry",
    ),
    # a BOM and CRLF line ends are accepted and do not shift lines
    ("utf8-bom-error-line", "error", 17, "task.0", "did you mean 'language-modeling'?"),
    ("crlf-error-line-yaml", "error", 23, "code.0.framework", "did you mean 'tensorflow'?"),
    ("crlf-error-line-bibtex", "error", 7, "bibtex", "year '3024' is not a year"),
]

#: Odd but valid files: no problem at all, and the paper loads with its title.
ACCEPTED = {
    "utf8-bom": "A Simple and Effective Pruning Approach for Large Language Models",
    "crlf-line-ends": "A Simple, Effective Pruning Approach for Large Language Models",
}

ERROR_CASES = [c[0] for c in CASES if c[1] == "error"]


def installed_name(case: str) -> str:
    return INSTALL_AS.get(case, f"{case}.yml")


def install(root: Path, case: str) -> str:
    """Copy the case's file into root/papers/ under its installed name; returns its catalog path."""
    data = (BAD / f"{case}.yml").read_bytes()
    if case == "huge-file":
        data += PADDING
    (root / "papers" / installed_name(case)).write_bytes(data)
    return f"papers/{installed_name(case)}"


def catalog_with(root: Path, cases: list[str]) -> Path:
    (root / "papers" / ORIGINAL_NAME).write_text(ORIGINAL, encoding="utf-8")
    for case in cases:
        install(root, case)
    return root


def problems_of(catalog: Catalog, rel: str) -> list[Problem]:
    return [p for p in catalog.warnings if p.path == rel]


def test_the_corpus_has_one_file_per_case_and_at_least_thirty_cases():
    files = {p.stem for p in BAD.iterdir()}
    named = [c[0] for c in CASES] + list(ACCEPTED)
    assert len(named) == len(set(named)), "a case is listed twice"
    assert files == set(named), "every fixture has a row in CASES or ACCEPTED, and every row a fixture"
    assert len(ERROR_CASES) >= 30


def test_fixtures_hold_the_bytes_they_claim():
    """Guards against an editor or a git setting normalising the byte-level cases away."""
    read = lambda case: (BAD / f"{case}.yml").read_bytes()  # noqa: E731
    assert read("empty-file") == b""
    assert read("utf8-bom").startswith(b"\xef\xbb\xbf") and read("utf8-bom-error-line").startswith(b"\xef\xbb\xbf")
    for case in ("crlf-line-ends", "crlf-error-line-yaml", "crlf-error-line-bibtex"):
        assert read(case).count(b"\r\n") == read(case).count(b"\n") > 20
    assert b"\t" in read("yaml-tab-indentation") and b"\x00" in read("yaml-control-character")
    for case in ("not-utf8", "utf16-file"):
        with pytest.raises(UnicodeDecodeError):
            read(case).decode("utf-8")
    assert len(read("huge-file") + PADDING) > MAX_ENTRY_BYTES > len(read("huge-file"))


@pytest.mark.parametrize("case,severity,line,field,message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_line_field_and_fix(tmp_catalog, case, severity, line, field, message):
    rel = install(catalog_with(tmp_catalog, []), case)
    started = time.perf_counter()
    catalog = load_catalog(tmp_catalog, strict=False)
    assert time.perf_counter() - started < 2, "no hang on bad input"
    found = problems_of(catalog, rel)
    assert len(found) == 1, "\n".join(map(str, found))
    problem = found[0]
    assert (problem.severity, problem.line, problem.field) == (severity, line, field), str(problem)
    assert message in problem.message, str(problem)
    assert str(problem).startswith(f"{rel}:{line}:" if line else f"{rel}:"), str(problem)
    assert problems_of(catalog, f"papers/{ORIGINAL_NAME}") == [], "the other entry is not blamed"
    keys = {p.key for p in catalog.papers}
    assert "cheng2024survey" in keys
    if not case.startswith("same-"):  # a duplicate is a valid entry on its own; the pair is the error
        assert (Path(rel).stem in keys) == (severity == "warning"), "an entry with errors is not loaded"


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_a_bom_and_crlf_line_ends_are_accepted(tmp_catalog, case):
    rel = install(catalog_with(tmp_catalog, []), case)
    catalog = load_catalog(tmp_catalog)
    assert catalog.warnings == ()
    paper = catalog.by_key()[case]
    assert paper.path == rel and paper.title == ACCEPTED[case]
    assert paper.authors[0] == "Mingjie Sun" and paper.code[0].framework == "pytorch"
    assert "\r" not in paper.bibtex


@pytest.mark.parametrize("case", sorted(p.stem for p in BAD.iterdir()))
def test_the_loader_raises_nothing_but_catalog_error(tmp_catalog, case):
    install(catalog_with(tmp_catalog, []), case)
    try:
        load_catalog(tmp_catalog)
    except CatalogError as exc:
        assert exc.problems and "Traceback" not in exc.report()
        assert case not in ACCEPTED
    else:
        assert case in ACCEPTED or dict((c[0], c[1]) for c in CASES)[case] == "warning"


def test_unreadable_entry_files_are_reported_not_raised(tmp_catalog):
    papers = catalog_with(tmp_catalog, []) / "papers"
    (papers / "folder.yml").mkdir()
    (papers / "dangling.yml").symlink_to(papers / "nowhere.yml")
    catalog = load_catalog(tmp_catalog, strict=False)
    assert [(p.path, p.line, p.severity) for p in catalog.warnings] == [
        ("papers/dangling.yml", 0, "error"),
        ("papers/folder.yml", 0, "error"),
    ]
    assert all("cannot read" in p.message for p in catalog.warnings)


# ---------------------------------------------------------------------------------------------
# The whole corpus in one catalog: commands fail cleanly and change nothing


@pytest.fixture
def corpus_catalog(tmp_catalog) -> Path:
    return catalog_with(tmp_catalog, [p.stem for p in BAD.iterdir()])


def test_check_reports_every_case_as_path_line_and_changes_nothing(corpus_catalog):
    before = snapshot(corpus_catalog)
    result = run_catalog("--root", str(corpus_catalog), "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    for case, severity, line, field, message in CASES:
        rel = f"papers/{installed_name(case)}"
        where = f"{rel}:{line}:" if line else f"{rel}:"
        assert any(out.startswith(where) and severity in out and message in out for out in output.splitlines()), (
            f"{case}: no line starting {where!r} with {message!r}"
        )
    assert snapshot(corpus_catalog) == before


@pytest.mark.parametrize(
    "command",
    [["fmt"], ["fmt", "--check"], ["export", "--format", "json", "-o", "OUT"]],
    ids=["fmt", "fmt-check", "export"],
)
def test_failing_commands_rewrite_nothing(corpus_catalog, tmp_path, command):
    before = snapshot(corpus_catalog)
    out = tmp_path / "export.json"
    result = run_catalog("--root", str(corpus_catalog), *[str(out) if a == "OUT" else a for a in command])
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"papers/{installed_name('axis-unknown-id')}:14:" in output
    assert snapshot(corpus_catalog) == before
    assert not out.exists()


@pytest.mark.browser  # runs mkdocs itself
def test_strict_build_fails_with_the_same_message_and_no_traceback(tmp_catalog, tmp_path):
    catalog_with(tmp_catalog, ["axis-unknown-id"])
    result = build_site(tmp_path / "site", catalog_dir=tmp_catalog)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert (
        "papers/axis-unknown-id.yml:14: [speedup.0] error: unknown speedup id 'unstrctured'; did you mean 'unstructured'?"
        in output
    )
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()
