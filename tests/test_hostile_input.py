"""Hostile and broken input, second campaign: reserved keys, bounded reads, values that YAML would
change silently, unchecked dates, Unicode-aware duplicates, taxonomy limits and site-level strings.

Each case asserts the exact outcome: the message `catalog check` prints (file, line, field, fix),
that nothing hangs or raises, and that no file is touched. The page-level cases (markup shown as
text on every page kind) are in test_hostile_pages.py; writes in test_safe_writes.py; BibTeX in
test_bibtex_fidelity.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prunecat.entryfile import dump_entry
from prunecat.keys import RESERVED_KEYS, unique_key
from prunecat.load import load_catalog
from prunecat.model import normalize_title
from prunecat.problems import CatalogError
from prunecat.taxonomy import load_taxonomy

from conftest import CATALOG, ROOT, one_error, problems, run_catalog

BIB = "@article{x,\n  title = {A Paper},\n  author = {Ann Author},\n  year = {2020}\n}\n"
TAXONOMY = load_taxonomy(CATALOG / "taxonomy.yml")


def entry(extra: str = "", title: str = "A Paper") -> str:
    return dump_entry({"bibtex": BIB.replace("A Paper", title)}) + extra


# ---------------------------------------------------------------------------------------------
# Keys that would replace a generated page


@pytest.mark.parametrize("key", sorted(RESERVED_KEYS))
def test_reserved_key_is_refused_by_check(key):
    problem = one_error(entry(), key=key)
    assert problem.field == "key"
    assert f"'{key}.yml' is a reserved key" in problem.message and "lee2019snip" in problem.message


def test_reserved_key_is_refused_by_add(tmp_catalog, tmp_path):
    bib = tmp_path / "p.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = run_catalog(
        "--root", str(tmp_catalog), "add", "--bibtex", str(bib), "--key", "index", "--when", "after-training"
    )
    assert result.returncode == 1
    assert "--key: the file name 'index.yml' is a reserved key" in result.stderr
    assert not (tmp_catalog / "papers" / "index.yml").exists()


def test_generated_keys_skip_reserved_ones_and_never_run_out():
    assert unique_key("index", set()) == "index-b"
    taken = (
        {"a2020x"} | {f"a2020x-{s}" for s in "bcdefghijklmnopqrstuvwxyz"} | {f"a2020x-{n}" for n in range(2, 20_002)}
    )
    assert unique_key("a2020x", taken) == "a2020x-20002"


# ---------------------------------------------------------------------------------------------
# Reading: regular files inside the catalog, under the size cap, nothing hangs


def test_symlink_to_dev_zero_is_refused_without_reading(tmp_catalog):
    (tmp_catalog / "papers" / "zero2020paper.yml").symlink_to("/dev/zero")
    catalog = load_catalog(tmp_catalog, strict=False)
    [problem] = catalog.warnings
    assert problem.severity == "error" and "outside the catalog folder" in problem.message


def test_symlink_to_a_device_inside_the_catalog_is_refused(tmp_catalog):
    os.symlink("/dev/null", tmp_catalog / "papers" / "null2020paper.yml")
    [problem] = load_catalog(tmp_catalog, strict=False).warnings
    assert "outside the catalog folder" in problem.message


def test_fifo_entry_is_refused_and_check_does_not_hang(tmp_catalog):
    os.mkfifo(tmp_catalog / "papers" / "x.yml")
    started = time.perf_counter()
    result = run_catalog("--root", str(tmp_catalog), "check", timeout=20)
    assert time.perf_counter() - started < 20
    assert result.returncode == 1
    assert "papers/x.yml: error: not a regular file (a named pipe)" in result.stdout


def test_fifo_taxonomy_is_refused(tmp_path):
    root = tmp_path / "cat"
    (root / "papers").mkdir(parents=True)
    os.mkfifo(root / "taxonomy.yml")
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    assert "not a regular file (a named pipe)" in info.value.report()


def test_symlink_outside_the_catalog_is_refused(tmp_catalog, tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text(entry(), encoding="utf-8")
    (tmp_catalog / "papers" / "link2020paper.yml").symlink_to(outside)
    [problem] = load_catalog(tmp_catalog, strict=False).warnings
    assert "outside the catalog folder" in problem.message and "copy the file" in problem.message


def test_symlink_inside_the_catalog_is_read(tmp_catalog):
    real = tmp_catalog / "papers" / "author2020paper.yml"
    real.write_text(entry(), encoding="utf-8")
    (tmp_catalog / "alias").mkdir()
    (tmp_catalog / "alias" / "ok.yml").write_text(entry(title="Another Paper"), encoding="utf-8")
    (tmp_catalog / "papers" / "other2020paper.yml").symlink_to(tmp_catalog / "alias" / "ok.yml")
    catalog = load_catalog(tmp_catalog)
    assert [p.key for p in catalog.papers] == ["author2020paper", "other2020paper"]


# ---------------------------------------------------------------------------------------------
# Values YAML would change, dates outside a sane window


@pytest.mark.parametrize(
    "line, shown",
    [
        ("algorithm: 1:30", "int 90"),
        ("algorithm: 2.10", "float 2.1"),
        ("algorithm: 010", "int 8"),
        ("venue_note: yes", "bool True"),
        ("venue: 2020-01-01", "date datetime.date(2020, 1, 1)"),
    ],
)
def test_text_fields_yaml_would_change_are_refused_with_a_hint_to_quote(line, shown):
    problem = one_error(entry(line + "\n"))
    name = line.split(":")[0]
    assert problem.field == name and problem.line == 8
    assert (
        problem.message
        == f"'{name}' must be text, but YAML read it as {shown}; put the value in quotes, e.g. {name}: \"...\""
    )


@pytest.mark.parametrize("value", ["0001-01-01", "2204-08-20", "1999-12-31"])
def test_added_outside_the_window_is_an_error_not_a_crash(value):
    problem = one_error(entry(f"added: {value}\n"))
    assert problem.field == "added" and f"'added' {value} is not between 2015-01-01 and today" in problem.message


def test_added_far_in_the_past_does_not_break_the_build(tmp_catalog):
    (tmp_catalog / "papers" / "author2020paper.yml").write_text(entry("added: 0001-01-01\n"), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_catalog)
    assert "papers/author2020paper.yml:8: [added] error" in info.value.report()


def test_summary_over_forty_words_is_refused():
    problem = one_error(entry("summary: " + " ".join(["word"] * 41) + "\n"))
    assert problem.field == "summary" and "has 41 words; keep it to at most 40" in problem.message


def test_summary_that_yaml_reads_as_a_number_is_refused():
    problem = one_error(entry("summary: 42\n"))
    assert "'summary' must be text" in problem.message and "quotes" in problem.message


# ---------------------------------------------------------------------------------------------
# Evidence: a label read from the paper needs the page


def test_label_read_from_the_paper_without_a_page_fails():
    problem = one_error(entry("when: [after-training]\nevidence:\n  when: paper\n"))
    assert problem.field == "evidence.when"
    assert "read from the paper, but the entry does not say where: add `read: https://...`" in problem.message


def test_evidence_names_an_unknown_source_with_did_you_mean():
    problem = one_error(entry("when: [after-training]\nevidence:\n  when: awesome-prunning\n"))
    assert "unknown source 'awesome-prunning'" in problem.message and "awesome-pruning" in problem.message


def test_evidence_read_must_be_http():
    problem = one_error(entry("evidence:\n  read: javascript:alert(1)\n"))
    assert problem.field == "evidence.read" and "links must start with https:// or http://" in problem.message


def test_checked_without_a_page_fails():
    problem = one_error(entry("evidence:\n  checked: 2026-01-01\n"))
    assert "not against which page" in problem.message


def test_unclear_cannot_be_combined_with_a_category():
    problem = one_error(entry("criteria: [unclear, magnitude]\n"))
    assert problem.field == "criteria" and "cannot be combined with categories" in problem.message


def test_full_evidence_validates():
    text = entry(
        "criteria: [magnitude]\nlearn: [unclear]\nevidence:\n  read: https://arxiv.org/abs/1234.56789\n"
        "  checked: 2025-02-03\n  criteria: paper\n  learn: awesome-pruning (section 1.1.3)\n"
    )
    assert [p for p in problems(text) if p.severity == "error"] == []


# ---------------------------------------------------------------------------------------------
# Duplicates: letters of every script count


@pytest.mark.parametrize(
    "a, b",
    [
        ("α-Pruning of Transformers", "β-Pruning of Transformers"),
        ("Сжатие модели BERT", "Прореживание модели BERT"),
        ("基于剪枝的YOLOv5", "基于量化的YOLOv5"),
    ],
)
def test_titles_differing_only_in_non_ascii_letters_are_two_papers(a, b):
    assert normalize_title(a) != normalize_title(b)


def test_case_and_accents_still_fold_for_duplicates():
    assert normalize_title("Équivariant PRUNING") == normalize_title("equivariant pruning")
    assert normalize_title("Straße") == normalize_title("STRASSE")


def test_catalog_with_two_greek_titles_loads_both(tmp_catalog):
    for key, title in (("a2020alpha", "α-Pruning"), ("a2020beta", "β-Pruning")):
        (tmp_catalog / "papers" / f"{key}.yml").write_text(entry(title=title), encoding="utf-8")
    assert len(load_catalog(tmp_catalog).papers) == 2


# ---------------------------------------------------------------------------------------------
# Taxonomy limits and site-level strings


def _taxonomy_variant(tmp_path: Path, edit) -> Path:
    root = tmp_path / "cat"
    (root / "papers").mkdir(parents=True)
    text = (CATALOG / "taxonomy.yml").read_text(encoding="utf-8")
    (root / "taxonomy.yml").write_text(edit(text), encoding="utf-8")
    return root


def test_taxonomy_without_the_framework_facet_is_a_clear_error(tmp_path):
    root = _taxonomy_variant(tmp_path, lambda t: t.replace("  - id: framework", "  - id: frameworks"))
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    assert "the facets framework are missing" in info.value.report()


def test_facet_with_more_values_than_the_search_holds_is_a_clear_error(tmp_path):
    extra = "".join(f"      - {{id: extra{i}, name: Extra {i}}}\n" for i in range(20))
    root = _taxonomy_variant(
        tmp_path,
        lambda t: t.replace(
            "      - {id: other, name: Other tasks}\n", "      - {id: other, name: Other tasks}\n" + extra
        ),
    )
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    assert "'task' has 38 values; the search handles at most 31" in info.value.report()


def test_site_strings_are_escaped_or_refused():
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import theme_fixes
    finally:
        sys.path.pop(0)
    config = {"site_description": 'Pruning "papers" <b>', "site_author": "A & B", "site_name": "Site"}
    theme_fixes.on_config(config)
    assert config["site_description"] == "Pruning &quot;papers&quot; &lt;b&gt;"
    assert config["site_author"] == "A &amp; B"
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="site_name contains"):
        theme_fixes.on_config({"site_name": 'My "site"'})


@pytest.mark.browser  # runs mkdocs itself
@pytest.mark.browser  # a whole site build
def test_the_site_builds_with_python_alone(tmp_path):
    """No node, npm or node_modules: a copy of the repository builds with only the venv's programs
    on PATH (issue 11), and the search page gets its text index."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "__pycache__"))
    path = str(Path(sys.executable).parent)
    assert shutil.which("node", path=path) is None and shutil.which("npm", path=path) is None
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(
            os.environ, PATH=path, NO_MKDOCS_2_WARNING="1", CATALOG_DIR=str(ROOT / "tests/fixtures/search-catalog")
        ),
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "assets" / "search-text.json").is_file()


def test_fmt_and_schema_do_not_hang_on_a_fifo(tmp_catalog):
    os.mkfifo(tmp_catalog / "papers" / "x2020paper.yml")
    result = run_catalog("--root", str(tmp_catalog), "fmt", "--check", timeout=20)
    assert result.returncode == 1 and "papers/x2020paper.yml: error: not a regular file (a named pipe)" in result.stdout
    (tmp_catalog / "schema").mkdir()
    os.mkfifo(tmp_catalog / "schema" / "entry.schema.json")
    result = run_catalog("--root", str(tmp_catalog), "schema", "--check", timeout=20)
    assert result.returncode == 1 and "Traceback" not in result.stderr
