"""Re-running every import of catalog/reports/IMPORTS.md on the committed catalog adds nothing:
each paper a list holds is in papers/, in the incoming/ queue, or left out in excluded.yml (a
corrected title is matched through `evidence.listed_as`). Needs the list snapshots beside the
repository (../shared/data/lists, as CI has them)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import run_cli, snapshot

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT.parent / "shared" / "data" / "lists"
COMMAND = re.compile(r"^catalog import \$L/(\S+) --format (\S+) --source (\S+)", re.M)


def _imports() -> list[tuple[str, str, str]]:
    return COMMAND.findall((ROOT / "catalog" / "reports" / "IMPORTS.md").read_text(encoding="utf-8"))


def test_the_recorded_imports_name_every_source_list() -> None:
    sources = {source for _, _, source in _imports()}
    assert sources == {
        "danielmcpark",
        "spcl",
        "mingsun-tse",
        "he-y",
        "horseee",
        "pprp",
        "huangowen",
        "ishandutta2007",
        "csyhhu",
    }


@pytest.mark.skipif(
    not LISTS.is_dir(), reason="the list snapshots (../shared/data/lists) are not beside the repository"
)
def test_rerunning_every_import_adds_nothing(tmp_path: Path, capsys) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", root)
    before = snapshot(root / "incoming")
    for path, fmt, source in _imports():
        code, out, err = run_cli(capsys, root, "import", str(LISTS / path), "--format", fmt, "--source", source)
        assert code == 0, err
        assert " 0 new entries written" in out, (path, out)
    assert snapshot(root / "incoming") == before
