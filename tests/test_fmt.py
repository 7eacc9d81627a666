"""`catalog fmt`: canonical form, comments kept, idempotent, --check, and nothing touched on errors."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from prunecat.cli import main
from prunecat.commands.fmt import format_entry_text
from prunecat.entryfile import SCHEMA_MODELINE, dump_entry
from prunecat.taxonomy import load_taxonomy

from conftest import write_entry

ROOT = Path(__file__).resolve().parents[1]
TAXONOMY = load_taxonomy(ROOT / "catalog" / "taxonomy.yml")

BIB = """@inproceedings{lee2019snip,
  title = {{SNIP}: Single-shot Network Pruning based on Connection Sensitivity},
  author = {Namhoon Lee and Thalaiyasingam Ajanthan and Philip H. S. Torr},
  booktitle = {International Conference on Learning Representations},
  year = {2019},
  url = {https://arxiv.org/abs/1810.02340}
}"""

# A BibTeX text with a line that looks like a YAML comment but is part of the block scalar.
BIB_HASH = BIB.replace(
    "1810.02340}\n}", "1810.02340},\n  note = {a note over two lines:\n# this is BibTeX text, not a YAML comment}\n}"
)
assert BIB_HASH != BIB

# Every kind of mess fmt cleans up: BOM, CRLF, a stale modeline, fields out of order, a single id,
# type codes and a framework code, a code release as a bare URL, trailing spaces, `pioneer: false`,
# a quoted date, block lists.
MESSY = (
    "\ufeff# yaml-language-server: $schema=../../old/entry.json\r\n"
    "added: '2024-08-20'   \r\n"
    "when: before-training\r\n"
    "granularity:\r\n"
    "  - W\r\n"
    "  - N:M\r\n"
    "model: [CNN]\r\n"
    "code:\r\n"
    "  - framework: PyTorch\r\n"
    "    url: https://github.com/namhoonlee/snip-public\r\n"
    "    official: true\r\n"
    "  - https://github.com/someone/snip\r\n"
    "pioneer: false\r\n"
    'venue: "ICLR"\r\n'
    "bibtex: |\r\n" + "".join(f"  {line}   \r\n" for line in BIB.splitlines()) + "criteria: [sensitivity-saliency]\r\n"
)

CANONICAL = (
    SCHEMA_MODELINE
    + "\n"
    + "bibtex: |\n"
    + "".join(f"  {line}\n" for line in BIB.splitlines())
    + """\
venue: ICLR
when: [before-training]
criteria: [sensitivity-saliency]
granularity: [weight, n-m]
model: [cnn]
code:
  - url: https://github.com/namhoonlee/snip-public
    framework: pytorch
    official: true
  - url: https://github.com/someone/snip
added: 2024-08-20
"""
)

COMMENTED = (
    SCHEMA_MODELINE + "\n"
    "# Labels checked against the survey's Table 3.\n"
    "\n"
    "when:  [before-training]    # the paper prunes at initialisation\n"
    "# pasted from DBLP\n"
    "bibtex: |  # keep the DBLP key\n" + "".join(f"  {line}\n" for line in BIB_HASH.splitlines()) + "granularity:\n"
    "  # the list's type code\n"
    "  - W  # weights\n"
    "pioneer: false  # not the first of its kind\n"
    "venue: ICLR # short name\n"
    "code:\n"
    "  # the authors' release\n"
    "  - url: https://github.com/namhoonlee/snip-public   # TensorFlow 1\n"
    "    # guessed from the README\n"
    "    framework: TensorFlow\n"
    "# end of entry\n"
)

COMMENTED_CANONICAL = (
    SCHEMA_MODELINE + "\n"
    "# Labels checked against the survey's Table 3.\n"
    "\n"
    "# pasted from DBLP\n"
    "bibtex: |  # keep the DBLP key\n"
    + "".join(f"  {line}\n" for line in BIB_HASH.splitlines())
    + "venue: ICLR  # short name\n"
    "when: [before-training]  # the paper prunes at initialisation\n"
    "# the list's type code\n"
    "granularity: [weight]  # weights\n"
    "# not the first of its kind\n"
    "code:\n"
    "  # the authors' release\n"
    "  - url: https://github.com/namhoonlee/snip-public  # TensorFlow 1\n"
    "    # guessed from the README\n"
    "    framework: tensorflow\n"
    "# end of entry\n"
)


def fmt(root: Path, *args: str) -> int:
    return main(["--root", str(root), "fmt", *args])


def test_messy_entry_becomes_canonical(tmp_catalog: Path, capsys) -> None:
    path = write_entry(tmp_catalog, "lee2019snip", MESSY)
    assert fmt(tmp_catalog) == 0
    assert path.read_bytes() == CANONICAL.encode("utf-8")
    assert "reformatted papers/lee2019snip.yml" in capsys.readouterr().out


def test_canonical_form_is_dump_entry(tmp_catalog: Path) -> None:
    """The expected text above is what entryfile.dump_entry writes for these fields."""
    assert CANONICAL == dump_entry(
        {
            "bibtex": BIB,
            "venue": "ICLR",
            "when": ["before-training"],
            "criteria": ["sensitivity-saliency"],
            "granularity": ["weight", "n-m"],
            "model": ["cnn"],
            "added": dt.date(2024, 8, 20),
            "code": [
                {"url": "https://github.com/namhoonlee/snip-public", "framework": "pytorch", "official": True},
                {"url": "https://github.com/someone/snip"},
            ],
        }
    )


def test_comments_are_kept(tmp_catalog: Path) -> None:
    path = write_entry(tmp_catalog, "lee2019snip", COMMENTED)
    assert fmt(tmp_catalog) == 0
    assert path.read_text(encoding="utf-8") == COMMENTED_CANONICAL


def test_several_end_of_line_comments_on_one_line(tmp_catalog: Path) -> None:
    text = dump_entry({"bibtex": BIB}) + "model:\n  - CNN  # ResNet\n  - ViT  # DeiT\n"
    out, problems = format_entry_text(text, "papers/x.yml", "x", TAXONOMY)
    assert not [p for p in problems if p.severity == "error"]
    assert out.endswith("# DeiT\nmodel: [cnn, vit]  # ResNet\n")


@pytest.mark.parametrize("text", [MESSY, COMMENTED, CANONICAL, COMMENTED_CANONICAL])
def test_idempotent(tmp_catalog: Path, text: str) -> None:
    path = write_entry(tmp_catalog, "lee2019snip", text)
    assert fmt(tmp_catalog) == 0
    once = path.read_bytes()
    stat = path.stat()
    assert fmt(tmp_catalog) == 0
    assert path.read_bytes() == once
    assert path.stat().st_mtime_ns == stat.st_mtime_ns  # an unchanged file is not rewritten


def test_check_exit_codes(tmp_catalog: Path, capsys) -> None:
    messy = write_entry(tmp_catalog, "lee2019snip", MESSY)
    write_entry(tmp_catalog, "other2020x", CANONICAL)
    assert fmt(tmp_catalog, "--check") == 1
    out = capsys.readouterr().out
    assert "would reformat papers/lee2019snip.yml" in out and "other2020x" not in out
    assert messy.read_bytes() == MESSY.encode("utf-8")  # --check writes nothing
    messy.write_text(CANONICAL, encoding="utf-8")
    assert fmt(tmp_catalog, "--check") == 0


def test_an_error_anywhere_touches_nothing(tmp_catalog: Path, capsys) -> None:
    messy = write_entry(tmp_catalog, "a2019messy", MESSY)
    bad_text = CANONICAL.replace("when: [before-training]", "when: [befor-training]")
    bad = write_entry(tmp_catalog, "b2019bad", bad_text)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (messy, bad)}
    assert fmt(tmp_catalog) == 1
    out = capsys.readouterr().out
    line = bad_text.splitlines().index("when: [befor-training]") + 1
    assert f"papers/b2019bad.yml:{line}:" in out
    assert "unknown when id 'befor-training'; did you mean 'before-training'?" in out
    assert "no file was changed" in out
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (messy, bad)} == before
    assert fmt(tmp_catalog, "--check") == 1  # --check cannot pass either
    assert sorted(p.name for p in (tmp_catalog / "papers").iterdir()) == ["a2019messy.yml", "b2019bad.yml"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("bibtex: |\n  @article{x,\n", "BibTeX does not parse"),
        ("when: [before-training]\n", "missing field 'bibtex'"),
        ("bibtex: [unclosed\n", "YAML syntax error"),
        ("", "an entry needs at least"),
    ],
)
def test_invalid_entries_are_reported_not_rewritten(tmp_catalog: Path, capsys, text: str, message: str) -> None:
    path = write_entry(tmp_catalog, "x2020bad", text)
    assert fmt(tmp_catalog) == 1
    assert message in capsys.readouterr().out
    assert path.read_bytes() == text.encode("utf-8")


def test_named_files_only(tmp_catalog: Path) -> None:
    one = write_entry(tmp_catalog, "one2019x", MESSY)
    two = write_entry(tmp_catalog, "two2019x", MESSY)
    assert fmt(tmp_catalog, str(one)) == 0
    assert one.read_text(encoding="utf-8") == CANONICAL
    assert two.read_bytes() == MESSY.encode("utf-8")


def test_keeps_file_permissions(tmp_catalog: Path) -> None:
    path = write_entry(tmp_catalog, "lee2019snip", MESSY)
    os.chmod(path, 0o644)
    assert fmt(tmp_catalog) == 0
    assert path.stat().st_mode & 0o777 == 0o644
    assert not [p for p in (tmp_catalog / "papers").iterdir() if p.name.startswith(".")]  # no temp files left


def test_real_entries_format_idempotently() -> None:
    """In memory only (never rewrites the real catalog): fmt of fmt's output changes nothing."""
    for path in sorted((ROOT / "catalog" / "papers").glob("*.yml")):
        text = path.read_bytes().decode("utf-8", "replace")
        once, problems = format_entry_text(text, f"papers/{path.name}", path.stem, TAXONOMY)
        if once is None:
            continue  # invalid entries are check's business
        if once == text:
            continue  # already in fmt's form: formatting it again is the call just made
        twice, _ = format_entry_text(once, f"papers/{path.name}", path.stem, TAXONOMY)
        assert twice == once, path.name
