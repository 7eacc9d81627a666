"""`catalog import FILE.bib`: real-world BibTeX exports become entries; nothing crashes."""

from __future__ import annotations

import hashlib

from prunecat.cli import main
from prunecat.load import load_catalog

from conftest import FIXTURES

BIB = FIXTURES / "bib" / "zotero-mixed.bib"


def test_bib_import_into_an_empty_catalog(tmp_catalog, capsys):
    assert main(["--root", str(tmp_catalog), "import", str(BIB), "--added", "2026-01-02"]) == 0
    out = capsys.readouterr().out
    assert ":33: entry repeats a citation key; skipped" in out
    assert "does not parse; skipped" in out
    catalog = load_catalog(tmp_catalog)  # raises on any error
    by_title = {p.title: p for p in catalog.papers}
    lottery = by_title["The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks"]
    assert lottery.venue == "ICLR" and lottery.authors == ("Jonathan Frankle", "Michael Carbin")
    assert "abstract" not in lottery.bibtex  # exporter noise dropped
    sparsegpt = by_title["SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot"]
    assert sparsegpt.arxiv == "2301.00774" and sparsegpt.key == "frantar2023sparsegpt"
    assert by_title["Optimal Brain Damage"].venue_full == "Advances in Neural Information Processing Systems"
    assert "Sparsität in neuronalen Netzen: eine Übersicht" in by_title
    assert by_title["Sparsität in neuronalen Netzen: eine Übersicht"].authors == ("Jörg Müller",)
    assert all(not p.labelled("when") for p in catalog.papers)  # labels are for maintainers


def test_bib_import_skips_papers_already_there_and_rewrites_nothing(tmp_catalog, capsys):
    main(["--root", str(tmp_catalog), "import", str(BIB)])
    files = sorted((tmp_catalog / "papers").glob("*.yml"))
    digest = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    capsys.readouterr()
    assert main(["--root", str(tmp_catalog), "import", str(BIB)]) == 0
    assert "0 new entries" in capsys.readouterr().out
    assert {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((tmp_catalog / "papers").glob("*.yml"))
    } == digest
