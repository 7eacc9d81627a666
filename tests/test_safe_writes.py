"""Writes that never clobber (issue 10, item 4 and its neighbours): `export -o`, `import`'s entries
and `--report`, `fmt` and `synth` replace only regular files, atomically and keeping their mode, or
create new ones; anything else is refused with one line before any work; Ctrl-C says exactly what
was written. Every case asserts the exact message, the exit code and the untouched files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from prunecat import files
from prunecat.generators.csv_export import FORMULA_START
from prunecat.generators.csv_export import cell as csv_cell
from prunecat.entryfile import dump_entry

from conftest import empty_catalog, run_cli, snapshot

ROOT = Path(__file__).resolve().parents[1]
TAXONOMY = ROOT / "catalog" / "taxonomy.yml"
SEARCH_JS = ROOT / "docs" / "assets" / "search-export.js"  # the search page's csvCell
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# A Markdown list of five papers; their keys, sorted, are the order `import` writes them in.
FIVE = """# list
## 1. When to Prune
#### 1.1.1 Pruning Before Training
| No. | Title | Venue | Type | Code | Year |
|:--:|:--|:--:|:--:|:--:|:--:|
| 01 | [Alpha Pruning of Networks](https://example.org/a) | ICML | `W` | - | 2020 |
| 02 | [Beta Sparse Training](https://example.org/b) | ICML | `F` | - | 2021 |
| 03 | [Gamma Channel Selection](https://example.org/c) | ICLR | `C` | - | 2022 |
| 04 | [Delta Lottery Tickets](https://example.org/d) | NeurIPS | `W` | - | 2019 |
| 05 | [Epsilon Token Dropping](https://example.org/e) | ACL | `H` | - | 2023 |
"""
FIVE_KEYS = ["alpha2020pruning", "beta2021sparse", "delta2019lottery", "epsilon2023token", "gamma2022channel"]
RERUN = "run the same import again to add the rest (entries already written are then skipped as already in the catalog)"


# ---------------------------------------------------------------------------------------------
# Helpers


@pytest.fixture
def cat(tmp_path: Path) -> Path:
    """A catalog with two entries, in a folder of its own."""
    root = empty_catalog(tmp_path / "catalog")
    for key, title in (("lee2019snip", "SNIP: Single-shot Network Pruning"), ("han2015deep", "Deep Compression")):
        (root / "papers" / f"{key}.yml").write_text(entry(key, title), encoding="utf-8")
    return root


def entry(key: str, title: str = "A Paper on Pruning") -> str:
    return dump_entry(
        {
            "bibtex": f"@misc{{{key},\n  title = {{{title}}},\n  author = {{Ann Lee}},\n  year = {{2020}}\n}}",
            "venue": "ICML",
            "added": dt.date(2024, 8, 20),
        }
    )


def messy(key: str) -> str:
    """A valid entry that `fmt` rewrites: the schema modeline is missing."""
    return entry(key).split("\n", 1)[1]


def broken_root(tmp_path: Path) -> Path:
    """A catalog that cannot be loaded: a command that reaches load_catalog fails with its error,
    so a refusal message proves the target was checked before any work."""
    root = tmp_path / "broken"
    (root / "papers").mkdir(parents=True)
    (root / "taxonomy.yml").write_text("axes: [", encoding="utf-8")
    return root


def immutable(path: Path):
    """Make a folder where nobody, root included, can create files; None when the system does not allow it."""
    if not IS_ROOT:
        path.chmod(0o555)
        return lambda: path.chmod(0o755)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True) if shutil.which("chattr") else None
    if done is None or done.returncode != 0:
        return None
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


# ---------------------------------------------------------------------------------------------
# export -o: refused before any work (the catalog is not even loaded)


def test_export_to_a_device_node_is_refused_and_the_node_stays(tmp_path, capsys):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    code, out, err = run_cli(capsys, broken_root(tmp_path), "export", "-o", str(null))
    assert (code, out) == (2, "")
    assert err == (
        f"catalog export: {null} is a device, not a regular file, and is never replaced; "
        f"leave out -o and redirect stdout (> {null})\n"
    )
    st = os.lstat(null)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)


def test_export_to_dev_null_itself_is_refused(tmp_path, capsys):
    code, _, err = run_cli(capsys, broken_root(tmp_path), "export", "-o", "/dev/null")
    assert code == 2
    assert err == (
        "catalog export: /dev/null is a device, not a regular file, and is never replaced; "
        "leave out -o and redirect stdout (> /dev/null)\n"
    )
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_export_to_a_folder_is_refused(tmp_path, capsys):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "keep.txt").write_text("mine\n")
    before = snapshot(tmp_path / "out")
    code, _, err = run_cli(capsys, broken_root(tmp_path), "export", "-o", str(out_dir))
    assert code == 2
    assert err == f"catalog export: {out_dir} is a folder, not a file; give a file path (e.g. {out_dir}/out.txt)\n"
    assert snapshot(out_dir) == before


def test_export_to_a_missing_folder_with_a_slash_is_refused(tmp_path, capsys):
    code, _, err = run_cli(capsys, broken_root(tmp_path), "export", "-o", f"{tmp_path}/new/")
    assert code == 2
    assert err == (
        f"catalog export: {tmp_path}/new/ ends with '/', so it names a folder, and there is no such "
        f"folder; give a file path (e.g. {tmp_path}/new/out.txt)\n"
    )
    assert not os.path.lexists(tmp_path / "new")


def test_export_to_a_fifo_is_refused_without_hanging(tmp_path, capsys):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, _, err = run_cli(capsys, broken_root(tmp_path), "export", "--format", "csv", "-o", str(fifo))
    assert code == 2
    assert err == (
        f"catalog export: {fifo} is a named pipe (FIFO), not a regular file, and is never replaced; "
        f"leave out -o and redirect stdout (> {fifo})\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_through_a_symlink_leading_outside_the_catalog_is_refused(cat, tmp_path, capsys):
    outside = tmp_path / "precious.txt"
    outside.write_text("do not touch\n")
    link = cat / "export.bib"
    link.symlink_to(outside)
    code, _, err = run_cli(capsys, cat, "export", "-o", str(link))
    assert code == 2
    assert err == (
        f"catalog export: {link} is a symbolic link to {outside}, outside the catalog folder ({cat}), "
        f"and is not written through; give {outside} itself if you mean it, or replace the link with a file\n"
    )
    assert outside.read_text() == "do not touch\n" and os.readlink(link) == str(outside)


def test_export_to_a_dangling_symlink_is_refused(cat, tmp_path, capsys):
    link = tmp_path / "out.bib"
    link.symlink_to(tmp_path / "nowhere.bib")
    code, _, err = run_cli(capsys, cat, "export", "-o", str(link))
    assert code == 2
    assert err == (
        f"catalog export: {link} is a symbolic link to {tmp_path / 'nowhere.bib'}, which does not exist; "
        "remove the link or give another path\n"
    )
    assert link.is_symlink() and not os.path.lexists(tmp_path / "nowhere.bib")


def test_export_through_a_symlink_inside_the_catalog_writes_the_target(cat, capsys):
    real = cat / "exports" / "all.bib"
    real.parent.mkdir()
    real.write_text("old\n")
    real.chmod(0o640)
    link = cat / "latest.bib"
    link.symlink_to("exports/all.bib")
    code, _, err = run_cli(capsys, cat, "export", "-o", str(link))
    assert (code, err) == (0, f"2 papers written to {link}\n")
    assert link.is_symlink() and os.readlink(link) == "exports/all.bib"
    assert real.read_text().startswith("@misc{han2015deep,") and stat.S_IMODE(real.stat().st_mode) == 0o640


def test_export_to_a_read_only_file_is_refused(cat, tmp_path, capsys):
    target = tmp_path / "frozen.csv"
    target.write_text("old\n")
    target.chmod(0o444)
    code, _, err = run_cli(capsys, cat, "export", "--format", "csv", "-o", str(target))
    assert code == 2
    assert err == f"catalog export: {target} is read-only; make it writable (chmod u+w {target}) or give another path\n"
    assert target.read_text() == "old\n" and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_export_to_a_hard_linked_file_is_refused(cat, tmp_path, capsys):
    target = tmp_path / "a.json"
    target.write_text("[]\n")
    os.link(target, tmp_path / "b.json")
    code, _, err = run_cli(capsys, cat, "export", "--format", "json", "-o", str(target))
    assert code == 2
    assert err == (
        f"catalog export: {target} has 2 hard links; replacing it would leave the other links with the old "
        f"text, so it is not written; make it a single file first (cp -p {target} {target}.copy && "
        f"mv {target}.copy {target}) or give another path\n"
    )
    assert (tmp_path / "b.json").read_text() == "[]\n" and target.stat().st_nlink == 2


def test_export_below_a_file_is_refused(cat, tmp_path, capsys):
    (tmp_path / "plain").write_text("x\n")
    code, _, err = run_cli(capsys, cat, "export", "-o", str(tmp_path / "plain" / "out.bib"))
    assert code == 2
    assert err == (
        f"catalog export: {tmp_path / 'plain'} is a file, not a folder, so {tmp_path / 'plain' / 'out.bib'} "
        "cannot be written; give another path\n"
    )
    assert (tmp_path / "plain").read_text() == "x\n"


def test_export_into_a_folder_nobody_can_write_is_refused(cat, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    undo = immutable(locked)
    if undo is None:
        pytest.skip("cannot make an unwritable folder here")
    try:
        code, _, err = run_cli(capsys, cat, "export", "-o", str(locked / "out.bib"))
    finally:
        undo()
    assert code == 2
    reason = os.strerror(13)  # EACCES, whether found by access() or by trying
    assert err == (
        f"catalog export: cannot create files in {locked} ({reason}), so {locked / 'out.bib'} cannot be "
        "written; give a path in a folder you can write to\n"
    )
    assert os.listdir(locked) == []


def test_export_replaces_a_regular_file_atomically_keeping_its_mode(cat, tmp_path, capsys):
    target = tmp_path / "papers.json"
    target.write_text("old\n")
    target.chmod(0o604)
    inode = target.stat().st_ino
    code, _, _ = run_cli(capsys, cat, "export", "--format", "json", "-o", str(target))
    assert code == 0
    assert target.read_text().startswith("[\n {") and stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.stat().st_ino != inode  # a new file renamed into place, not rewritten in place
    assert sorted(os.listdir(tmp_path)) == ["catalog", "papers.json"]  # no temporary file left


# ---------------------------------------------------------------------------------------------
# The CSV: formulas guarded exactly as on the site


HOSTILE_CELLS = [
    '=HYPERLINK("http://evil","x")',
    "+1+2",
    "-3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    " =spaced",
    "plain",
    "a,b",
    'say "hi"',
    "line\nbreak",
    "mid=dle",
    "",
    "'quoted",
    "=",
    "-",
    "\u00a0=nbsp",
    "１",
]


def _site_rule() -> re.Pattern:
    body = re.search(r"function csvCell\(v\) \{(.*?)\n  \}", SEARCH_JS.read_text(encoding="utf-8"), re.S).group(1)
    return re.compile(re.search(r"if \(/\^(\[[^\]]*\])/\.test\(s\)\) s = \"'\" \+ s;", body).group(1))


def test_csv_guard_is_the_sites_rule():
    site = _site_rule()
    assert site.pattern == FORMULA_START.pattern
    for first in [chr(c) for c in range(0x3000)]:
        cell = csv_cell(first + "x")
        unquoted = cell[1:-1].replace('""', '"') if cell.startswith('"') else cell
        assert unquoted == ("'" if site.match(first + "x") else "") + first + "x", repr(first)


def test_csv_cells_equal_the_sites_cells(page):
    """The site's own csvCell (run in Chromium) and the CLI's csv_cell give the same text for each cell."""
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(SEARCH_JS))
    values = HOSTILE_CELLS + [["=a", "b"], True, False, None, 2020]
    assert page.evaluate("vs => vs.map(window.prunecatSearch.exporting.csvCell)", values) == [
        csv_cell(v) for v in values
    ]


def test_csv_export_guards_hostile_cells(tmp_path, capsys):
    root = tmp_path / "catalog"
    (root / "papers").mkdir(parents=True)
    shutil.copy(TAXONOMY, root / "taxonomy.yml")
    (root / "papers" / "evil2020sum.yml").write_text(
        dump_entry(
            {
                "bibtex": "@misc{evil2020sum,\n  title = {=SUM(1+1)*cmd|' /C calc'!A0},\n  author = {@Mallory Evil},\n"
                "  year = {2020},\n  url = {https://example.org/x}\n}",
                "venue": "-ICML",
                "added": dt.date(2024, 8, 20),
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, root, "export", "--format", "csv")
    assert code == 0
    row = out.splitlines()[1]
    assert row.startswith(
        "evil2020sum,'=SUM(1+1)*cmd|' /C calc'!A0,'@Mallory Evil,2020,'-ICML,"
    )  # the site's column order
    cells = next(csv.DictReader(io.StringIO(out)))
    assert [cells[c][:1] for c in ("title", "authors", "venue")] == ["'", "'", "'"]


# ---------------------------------------------------------------------------------------------
# import: the report and the entries, both or neither


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    (root / "papers").mkdir(parents=True)
    shutil.copy(TAXONOMY, root / "taxonomy.yml")
    (tmp_path / "five.md").write_text(FIVE, encoding="utf-8")
    return root


def test_import_with_a_folder_as_report_writes_no_entry(empty, tmp_path, capsys):
    code, out, err = run_cli(capsys, empty, "import", str(tmp_path / "five.md"), "--report", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"catalog import: {tmp_path} is a folder, not a file; give a file path (e.g. {tmp_path}/out.txt)\n"
    assert os.listdir(empty / "papers") == []


def test_import_report_over_the_list_itself_is_refused(empty, tmp_path, capsys):
    source = tmp_path / "five.md"
    code, _, err = run_cli(capsys, empty, "import", str(source), "--report", str(source))
    assert code == 2
    assert err == f"catalog import: --report {source} is the file being read ({source}); give another report path\n"
    assert source.read_text(encoding="utf-8") == FIVE and os.listdir(empty / "papers") == []


def test_import_report_to_a_fifo_is_refused_before_any_entry(empty, tmp_path, capsys):
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    code, _, err = run_cli(capsys, empty, "import", str(tmp_path / "five.md"), "--report", str(fifo))
    assert code == 2
    assert err == (
        f"catalog import: {fifo} is a named pipe (FIFO), not a regular file, and is never replaced; "
        "give the path of a regular file\n"
    )
    assert os.listdir(empty / "papers") == [] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_import_into_a_papers_folder_nobody_can_write_is_refused_before_the_report(empty, tmp_path, capsys):
    undo = immutable(empty / "papers")
    if undo is None:
        pytest.skip("cannot make an unwritable folder here")
    try:
        code, out, err = run_cli(capsys, empty, "import", str(tmp_path / "five.md"), "--report", str(tmp_path / "r.md"))
    finally:
        undo()
    assert (code, out) == (2, "")
    assert err == (
        f"catalog import: cannot create files in {empty / 'papers'} ({os.strerror(13)}); "
        "make the folder writable and run again\n"
    )
    assert os.listdir(empty / "papers") == [] and not (tmp_path / "r.md").exists()


def test_import_writes_entries_and_report_together(empty, tmp_path, capsys):
    report = tmp_path / "report.md"
    code, out, _ = run_cli(
        capsys, empty, "import", str(tmp_path / "five.md"), "--added", "2024-08-20", "--report", str(report)
    )
    assert code == 0
    assert sorted(p.stem for p in (empty / "papers").iterdir()) == FIVE_KEYS
    assert report.read_text(encoding="utf-8").startswith("# Import report: five.md")
    assert out.splitlines()[0] == f"5 new entries written to {empty / 'papers'}; 0 skipped as already in the catalog."


def _interrupt_after(monkeypatch, n: int, *, real_signal: bool = False) -> None:
    """files._install raises KeyboardInterrupt when asked for file n+1; with `real_signal`, SIGINT
    is sent to the process right after file n is renamed into place instead (as a real Ctrl-C)."""
    original = files._install
    calls = {"n": 0}

    def install(tmp, target, **kw):
        calls["n"] += 1
        if not real_signal and calls["n"] == n + 1:
            raise KeyboardInterrupt
        original(tmp, target, **kw)
        if real_signal and calls["n"] == n:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(files, "_install", install)


@pytest.mark.parametrize("real_signal", [False, True], ids=["raised", "sigint"])
def test_ctrl_c_during_import_says_exactly_what_was_written(empty, tmp_path, capsys, monkeypatch, real_signal):
    report = tmp_path / "report.md"
    _interrupt_after(monkeypatch, 3, real_signal=real_signal)
    code, out, err = run_cli(capsys, empty, "import", str(tmp_path / "five.md"), "--report", str(report))
    assert (code, out) == (2, "")
    assert err == (
        "catalog import: interrupted: 3 of 5 new entries written (papers/alpha2020pruning.yml … "
        "papers/delta2019lottery.yml); the rest were not; the report was not written; " + RERUN + "\n"
    )
    assert sorted(os.listdir(empty / "papers")) == [f"{k}.yml" for k in FIVE_KEYS[:3]]  # no temporary file either
    assert not report.exists() and sorted(os.listdir(tmp_path)) == ["catalog", "five.md"]
    monkeypatch.undo()
    code, out, _ = run_cli(capsys, empty, "import", str(tmp_path / "five.md"), "--report", str(report))
    assert code == 0 and out.startswith(
        f"2 new entries written to {empty / 'papers'}; 3 skipped as already in the catalog."
    )
    assert report.exists()


def test_ctrl_c_before_the_first_entry(empty, tmp_path, capsys, monkeypatch):
    _interrupt_after(monkeypatch, 0)
    code, _, err = run_cli(capsys, empty, "import", str(tmp_path / "five.md"))
    assert code == 2
    assert err == f"catalog import: interrupted: none of the 5 new entries was written; {RERUN}\n"
    assert os.listdir(empty / "papers") == []


def test_a_full_disk_halfway_says_what_was_written(empty, tmp_path, capsys, monkeypatch):
    original = files._install
    calls = {"n": 0}

    def install(tmp, target, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, os.strerror(28))
        original(tmp, target, **kw)

    monkeypatch.setattr(files, "_install", install)
    code, _, err = run_cli(capsys, empty, "import", str(tmp_path / "five.md"), "--report", str(tmp_path / "r.md"))
    assert code == 2
    assert err == (
        "catalog import: cannot write papers/beta2021sparse.yml: No space left on device; 1 of 5 new "
        "entries written (papers/alpha2020pruning.yml); the rest were not; the report was not written\n"
    )
    assert sorted(os.listdir(empty / "papers")) == ["alpha2020pruning.yml"]
    assert not (tmp_path / "r.md").exists()


def test_markdown_import_prints_dropped_rows(empty, tmp_path, capsys):
    odd = tmp_path / "odd.md"
    odd.write_text(
        FIVE.replace("| ICML | `F` | - | 2021 |", "| ICML | `F` | - | |").replace(
            "[Gamma Channel Selection](https://example.org/c)", ""
        )
        + "\n| A | B |\n|--|--|\n| x | y |\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, empty, "import", str(odd), "--added", "2024-08-20")
    assert code == 0
    assert out.splitlines()[1:5] == [
        "2 rows and 1 table of the list dropped (no entry written):",
        "  line 7: “Beta Sparse Training” not imported: no year in any of its rows",
        "  line 8: no title in `| 03 |  | ICLR | `C` | - | 2022 |`; row skipped",
        "  line 12: a table without a Title column (| A | B |…) was not read as papers.",
    ]
    assert sorted(p.stem for p in (empty / "papers").iterdir()) == [
        "alpha2020pruning",
        "delta2019lottery",
        "epsilon2023token",
    ]


# ---------------------------------------------------------------------------------------------
# fmt


def test_fmt_writes_through_a_symlinked_entry_inside_the_catalog(cat, capsys):
    store = cat / "store"
    store.mkdir()
    (store / "a2020x.yml").write_text(messy("a2020x"), encoding="utf-8")
    (store / "a2020x.yml").chmod(0o640)
    link = cat / "papers" / "a2020x.yml"
    link.symlink_to("../store/a2020x.yml")
    code, out, _ = run_cli(capsys, cat, "fmt")
    assert code == 0
    assert "reformatted papers/a2020x.yml (through the link to store/a2020x.yml)" in out.splitlines()
    assert link.is_symlink() and os.readlink(link) == "../store/a2020x.yml"
    assert (store / "a2020x.yml").read_text(encoding="utf-8") == entry("a2020x")
    assert stat.S_IMODE((store / "a2020x.yml").stat().st_mode) == 0o640


def test_fmt_writes_a_file_listed_under_two_names_once(cat, capsys):
    real = cat / "papers" / "a2020x.yml"
    real.write_text(messy("a2020x"), encoding="utf-8")
    alias = cat / "papers" / "b2020x.yml"
    alias.symlink_to("a2020x.yml")
    code, out, _ = run_cli(capsys, cat, "fmt")
    assert code == 0, out
    assert out.splitlines() == [
        "reformatted papers/a2020x.yml",
        "reformatted papers/b2020x.yml (the same file as papers/a2020x.yml)",
        "2 file(s) reformatted, 2 already formatted.",
    ]
    assert alias.is_symlink() and real.read_text(encoding="utf-8") == entry("a2020x")


def test_fmt_refuses_a_symlinked_entry_leading_outside(cat, tmp_path, capsys):
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(messy("x2020out"), encoding="utf-8")
    (cat / "papers" / "one2020x.yml").write_text(messy("one2020x"), encoding="utf-8")
    link = cat / "papers" / "x2020out.yml"
    link.symlink_to(outside)
    before, before_out = snapshot(cat), outside.read_bytes()
    code, out, err = run_cli(capsys, cat, "fmt")
    assert (code, out) == (2, "")
    assert err == (
        f"catalog fmt: {link} is a symbolic link to {outside}, outside the catalog folder ({cat}), and is "
        f"not written through; give {outside} itself if you mean it, or replace the link with a file; "
        "no file was changed\n"
    )
    assert snapshot(cat) == before and outside.read_bytes() == before_out


def test_fmt_refuses_hard_linked_entries(cat, tmp_path, capsys):
    path = cat / "papers" / "h2020x.yml"
    path.write_text(messy("h2020x"), encoding="utf-8")
    os.link(path, tmp_path / "backup.yml")
    before = snapshot(cat)
    code, _, err = run_cli(capsys, cat, "fmt")
    assert code == 2
    assert err == (
        f"catalog fmt: {path} has 2 hard links; replacing it would leave the other links with the old text, "
        f"so it is not written; make it a single file first (cp -p {path} {path}.copy && mv {path}.copy "
        f"{path}) or give another path; no file was changed\n"
    )
    assert snapshot(cat) == before and path.stat().st_nlink == 2


def test_fmt_refuses_a_read_only_entry_and_lists_every_refusal(cat, tmp_path, capsys):
    ro = cat / "papers" / "r2020x.yml"
    ro.write_text(messy("r2020x"), encoding="utf-8")
    ro.chmod(0o444)
    hard = cat / "papers" / "s2020x.yml"
    hard.write_text(messy("s2020x"), encoding="utf-8")
    os.link(hard, tmp_path / "other.yml")
    fine = cat / "papers" / "t2020x.yml"
    fine.write_text(messy("t2020x"), encoding="utf-8")
    before = snapshot(cat)
    code, _, err = run_cli(capsys, cat, "fmt")
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == f"catalog fmt: {ro} is read-only; make it writable (chmod u+w {ro}) or give another path"
    assert lines[1].startswith(f"catalog fmt: {hard} has 2 hard links;")
    assert lines[2:] == ["catalog fmt: 2 files cannot be written safely (see above); no file was changed"]
    assert snapshot(cat) == before and stat.S_IMODE(ro.stat().st_mode) == 0o444


def test_ctrl_c_during_fmt_says_which_files_were_reformatted(cat, capsys, monkeypatch):
    keys = ["a2020x", "b2020x", "c2020x", "d2020x", "e2020x"]
    for key in keys:
        (cat / "papers" / f"{key}.yml").write_text(messy(key), encoding="utf-8")
    _interrupt_after(monkeypatch, 2)
    code, out, err = run_cli(capsys, cat, "fmt")
    assert code == 2
    assert out == "reformatted papers/a2020x.yml\nreformatted papers/b2020x.yml\n"
    assert err == (
        "catalog fmt: interrupted: 2 of 5 files reformatted (papers/a2020x.yml, papers/b2020x.yml); the rest were not\n"
    )
    for key in keys:
        text = (cat / "papers" / f"{key}.yml").read_text(encoding="utf-8")
        assert text == (entry(key) if key in keys[:2] else messy(key))
    assert sorted(os.listdir(cat / "papers")) == sorted(
        ["han2015deep.yml", "lee2019snip.yml"] + [f"{k}.yml" for k in keys]
    )


# ---------------------------------------------------------------------------------------------
# synth


def test_synth_into_a_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine\n")
    code, out, err = run_cli(capsys, tmp_path, "synth", "3", str(target))
    assert (code, out) == (2, "")
    assert err == f"catalog synth: {target} is not a folder; give a new or empty folder so nothing is overwritten\n"
    assert target.read_text() == "mine\n"


def test_synth_into_a_non_empty_folder_is_one_line(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (folder / name).write_text(name)
    before = snapshot(folder)
    code, _, err = run_cli(capsys, tmp_path, "synth", "3", str(folder))
    assert code == 2
    assert err == (
        f"catalog synth: {folder} is not empty (it holds a.txt, b.txt, c.txt, …); "
        "give a new or empty folder so nothing is overwritten\n"
    )
    assert snapshot(folder) == before


def test_synth_below_a_file_is_one_line(tmp_path, capsys):
    (tmp_path / "f").write_text("x")
    code, _, err = run_cli(capsys, tmp_path, "synth", "3", str(tmp_path / "f" / "sub"))
    assert code == 2
    assert err == (
        f"catalog synth: {tmp_path / 'f'} is a file, not a folder, so {tmp_path / 'f' / 'sub' / 'taxonomy.yml'} "
        "cannot be written; give another path\n"
    )


def test_synth_writes_a_new_or_empty_folder(tmp_path, capsys):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    for folder in (empty_dir, tmp_path / "new" / "deeper"):
        code, out, _ = run_cli(capsys, tmp_path, "synth", "4", str(folder))
        assert code == 0 and out.startswith(f"4 synthetic papers written to {folder};")
        assert len(list((folder / "papers").glob("*.yml"))) == 4 and (folder / "taxonomy.yml").is_file()


def test_ctrl_c_during_synth(tmp_path, capsys, monkeypatch):
    _interrupt_after(monkeypatch, 3 + 1)  # the taxonomy, then three entries
    folder = tmp_path / "s"
    code, _, err = run_cli(capsys, tmp_path, "synth", "10", str(folder))
    assert code == 2
    written = sorted(os.listdir(folder / "papers"))
    assert len(written) == 3
    assert re.fullmatch(
        r"catalog synth: interrupted: 3 of 10 synthetic entries written \(papers/\S+\.yml … "
        rf"papers/\S+\.yml\); the rest were not; {re.escape(str(folder))} is incomplete: delete it and run again\n",
        err,
    )


# ---------------------------------------------------------------------------------------------
# No traceback from the command line


def test_no_traceback_from_a_real_process(tmp_path):
    """The same refusals from `python -m prunecat.cli`: one line on stderr, exit code 2."""
    for args in (["export", "-o", str(tmp_path)], ["synth", "2", str(Path(__file__))]):
        done = subprocess.run(
            [sys.executable, "-m", "prunecat.cli", "--root", str(ROOT / "catalog"), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2 and "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, (
            done.stderr
        )
