"""`catalog enrich`: missing authors, DOI, venue and arXiv id filled from recorded arXiv and Crossref
answers (tests/fixtures/remote/), never overwriting a field, rewriting only entries that changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from prunecat import bibtex, remote
from prunecat.commands.enrich import add_bibtex_fields
from prunecat.entryfile import SCHEMA_MODELINE, dump_entry
from prunecat.load import load_catalog

from conftest import paper_files, recorded_remote, run_cli, validate

recorded = recorded_remote()
pytestmark = pytest.mark.usefixtures("no_network")

# The survey, from its arXiv id only: arXiv gives the authors and the DOI, Crossref the journal.
SURVEY = """\
bibtex: |
  @article{cheng2024survey,
    title = {A Survey on Deep Neural Network Pruning: Taxonomy, Comparison, Analysis, and Recommendations},
    year = {2024},
    eprint = {2308.06767},
    archiveprefix = {arXiv}
  }
survey: true
added: 2024-08-20
"""

# Google Scholar style, no DOI or arXiv id: both found by exact title (Crossref's first hit,
# the TPAMI "ThiNet: Pruning CNN Filters for a Thinner Net", is another paper and must be skipped).
THINET = """\
# ThiNet, as Google Scholar exports it.
bibtex: |
  @inproceedings{luo2017thinet,
    title={ThiNet: A filter level pruning method for deep neural network compression},
    author={Luo, Jian-Hao and Wu, Jianxin and Lin, Weiyao},
    booktitle={Proceedings of the IEEE International Conference on Computer Vision},
    pages={5058--5066},
    year={2017}}
venue: ICCV
speedup: structured
when: [after-training]
granularity: [F]
code:
  - url: https://github.com/Roll920/ThiNet
    framework: caffe
    official: true
"""

# Lacks only a DOI, which neither service has: must stay byte for byte as it is (not canonical).
SNIP = """\
bibtex: |
  @inproceedings{lee2019snip,
    title = {{SNIP}: Single-shot Network Pruning based on Connection Sensitivity},
    author = {Namhoon Lee and Thalaiyasingam Ajanthan and Philip H. S. Torr},
    booktitle = {International Conference on Learning Representations},
    year = {2019},
    eprint = {1810.02340},
    archiveprefix = {arXiv}
  }
when: before-training
"""


@pytest.fixture
def catalog_root(tmp_catalog: Path) -> Path:
    for key, text in (("cheng2024survey", SURVEY), ("luo2017thinet", THINET), ("lee2019snip", SNIP)):
        (tmp_catalog / "papers" / f"{key}.yml").write_text(text, encoding="utf-8")
    return tmp_catalog


@pytest.fixture
def opener(monkeypatch) -> recorded.Recorded:
    fake = recorded.Recorded()
    monkeypatch.setattr(remote, "opener", fake)
    return fake


def enrich(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, root, "enrich", *args)


def test_enrich_fills_missing_fields_from_recorded_answers(capsys, catalog_root, opener):
    before = paper_files(catalog_root)
    code, out, err = enrich(capsys, catalog_root)
    assert code == 0, err
    assert (
        "papers/cheng2024survey.yml: filled author, doi, journal (from arXiv 2308.06767, Crossref 10.1109/tpami.2024.3447085)"
        in out
    )
    assert (
        "papers/luo2017thinet.yml: filled eprint, archiveprefix, doi (from arXiv 1707.06342, Crossref 10.1109/iccv.2017.541)"
        in out
    )
    assert "lee2019snip" not in out
    assert "3 entries checked, 3 with missing fields looked up, 2 changed." in out

    after = paper_files(catalog_root)
    assert after["lee2019snip.yml"] == before["lee2019snip.yml"]  # nothing found: not rewritten
    catalog = load_catalog(catalog_root)
    assert not [w for w in catalog.warnings if w.severity == "error"]
    papers = catalog.by_key()

    survey = papers["cheng2024survey"]
    assert survey.authors == ("Hongrong Cheng", "Miao Zhang", "Javen Qinfeng Shi")
    assert survey.doi == "10.1109/TPAMI.2024.3447085"
    assert (
        survey.venue_full == "IEEE Transactions on Pattern Analysis and Machine Intelligence"
        and survey.venue == "TPAMI"
    )
    assert survey.survey and str(survey.added) == "2024-08-20"
    assert survey.bibtex == (
        "@article{cheng2024survey,\n"
        "  title = {A Survey on Deep Neural Network Pruning: Taxonomy, Comparison, Analysis, and Recommendations},\n"
        "  year = {2024},\n"
        "  eprint = {2308.06767},\n"
        "  archiveprefix = {arXiv},\n"
        "  author = {Hongrong Cheng and Miao Zhang and Javen Qinfeng Shi},\n"
        "  doi = {10.1109/TPAMI.2024.3447085},\n"
        "  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence}\n"
        "}\n"
    )

    thinet = papers["luo2017thinet"]
    assert thinet.doi == "10.1109/iccv.2017.541" and thinet.arxiv == "1707.06342"
    # present fields are never overwritten, even where Crossref says otherwise (pages, booktitle)
    fields = bibtex.parse_entry(thinet.bibtex).fields
    assert fields["pages"] == "5058--5066"
    assert fields["booktitle"] == "Proceedings of the IEEE International Conference on Computer Vision"
    assert fields["title"] == "ThiNet: A filter level pruning method for deep neural network compression"
    assert "  eprint={1707.06342},\n" in thinet.bibtex  # written in the entry's own (tight) style
    # labels and other fields survive, in canonical form
    assert thinet.labels["speedup"] == ("structured",) and thinet.facets["granularity"] == ("filter",)
    assert thinet.venue == "ICCV" and thinet.code[0].framework == "caffe" and thinet.code[0].official is True

    for key in ("cheng2024survey", "luo2017thinet"):
        text = after[f"{key}.yml"].decode()
        assert text.startswith(SCHEMA_MODELINE + "\n")
        assert dump_entry(yaml.safe_load(text)) == text


def test_enrich_is_idempotent(capsys, catalog_root, opener):
    assert enrich(capsys, catalog_root)[0] == 0
    first = paper_files(catalog_root)
    opener.urls.clear()
    code, out, err = enrich(capsys, catalog_root)
    assert code == 0, err
    assert paper_files(catalog_root) == first
    assert "filled" not in out
    assert "3 entries checked, 1 with missing fields looked up, 0 changed." in out
    # complete entries are not looked up again; SNIP (no DOI anywhere) is, and stays as it is
    assert not opener.asked("2308.06767") and not opener.asked("ThiNet")
    assert opener.asked("SNIP")


def test_title_search_accepts_only_an_exact_title(capsys, catalog_root, opener):
    code, out, _ = enrich(capsys, catalog_root, "--key", "lee2019snip")
    assert code == 0
    # Crossref answered the SNIP title search with two other papers: neither was taken
    assert opener.asked("query.bibliographic=SNIP")
    assert "1 entries checked, 1 with missing fields looked up, 0 changed." in out
    assert "doi" not in (catalog_root / "papers" / "lee2019snip.yml").read_text()


def test_match_requires_title_year_and_first_author():
    paper = load_catalog_paper(THINET)
    fields = bibtex.parse_entry(paper.bibtex).fields
    record = remote.Record(
        source=remote.CROSSREF,
        title="ThiNet: A Filter Level Pruning Method for Deep Neural Network Compression",
        authors=["Jian-Hao Luo", "Jianxin Wu"],
        year=2017,
        doi="10.1109/iccv.2017.541",
    )
    from prunecat.commands.enrich import match

    assert match([record], paper, fields) is record
    assert (
        match(
            [remote.Record(**{**record.__dict__, "title": "ThiNet: Pruning CNN Filters for a Thinner Net"})],
            paper,
            fields,
        )
        is None
    )
    assert match([remote.Record(**{**record.__dict__, "year": 2022})], paper, fields) is None
    assert match([remote.Record(**{**record.__dict__, "authors": ["Someone Else"]})], paper, fields) is None


def load_catalog_paper(text: str):
    paper, problems = validate(text, "x")
    assert paper is not None, problems
    return paper


def test_dry_run_changes_nothing(capsys, catalog_root, opener):
    before = paper_files(catalog_root)
    code, out, _ = enrich(capsys, catalog_root, "--dry-run")
    assert code == 0
    assert "papers/cheng2024survey.yml: would fill author, doi, journal" in out
    assert "2 would change" in out
    assert paper_files(catalog_root) == before


def test_key_selects_entries(capsys, catalog_root, opener):
    before = paper_files(catalog_root)
    code, out, _ = enrich(capsys, catalog_root, "--key", "luo2017thinet")
    assert code == 0
    after = paper_files(catalog_root)
    assert after["luo2017thinet.yml"] != before["luo2017thinet.yml"]
    assert after["cheng2024survey.yml"] == before["cheng2024survey.yml"]
    assert not opener.asked("2308.06767")


def test_unknown_key_is_a_usage_error(capsys, catalog_root, opener):
    code, _, err = enrich(capsys, catalog_root, "--key", "luo2017thinte")
    assert code == 2
    assert "no such entry; did you mean 'luo2017thinet'?" in err
    assert opener.urls == []


@pytest.mark.parametrize("fail_on", [("export.arxiv.org", "api.crossref.org"), ("api.crossref.org",)])
def test_offline_changes_nothing(capsys, monkeypatch, catalog_root, fail_on):
    """Also when arXiv answered and only Crossref is unreachable: all or nothing."""
    monkeypatch.setattr(remote, "opener", recorded.Recorded(fail_on=fail_on))
    before = paper_files(catalog_root)
    code, out, err = enrich(capsys, catalog_root)
    assert code == 2
    host = "arxiv.org" if "export.arxiv.org" in fail_on else "api.crossref.org"
    assert f"catalog enrich: could not reach {host} (offline?); nothing was changed" in err
    assert "Traceback" not in err and "filled" not in out
    assert paper_files(catalog_root) == before


def test_a_doi_owned_by_another_entry_is_not_filled(capsys, catalog_root, opener):
    (catalog_root / "papers" / "cheng2024tpami.yml").write_text(
        "bibtex: |\n  @article{x,\n    title = {Deep neural network pruning, the journal version},\n"
        "    author = {Cheng, Hongrong},\n    year = {2024},\n    journal = {TPAMI},\n"
        "    doi = {10.1109/TPAMI.2024.3447085}\n  }\n",
        encoding="utf-8",
    )
    code, out, _ = enrich(capsys, catalog_root, "--key", "cheng2024survey")
    assert code == 0
    assert "DOI 10.1109/TPAMI.2024.3447085, which is already papers/cheng2024tpami.yml" in out
    survey = load_catalog(catalog_root).by_key()["cheng2024survey"]
    assert survey.doi == "" and survey.authors == ("Hongrong Cheng", "Miao Zhang", "Javen Qinfeng Shi")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "@misc{k,\n  title = {T},\n  year = {2020}\n}\n",
            "@misc{k,\n  title = {T},\n  year = {2020},\n  doi = {10.1/x}\n}\n",
        ),
        ("@misc{k,\n\ttitle={T},\n\tyear={2020},\n}", "@misc{k,\n\ttitle={T},\n\tyear={2020},\n\tdoi={10.1/x}\n}\n"),
        ("@misc{k, title={T}, year={2020}}", "@misc{k, title={T}, year={2020},\n  doi={10.1/x}\n}\n"),
    ],
)
def test_add_bibtex_fields(text, expected):
    assert add_bibtex_fields(text, {"doi": "10.1/x"}) == expected
    assert bibtex.parse_entry(expected).fields["doi"] == "10.1/x"


def test_crossref_names_and_markup():
    record = remote.crossref_record(
        {
            "title": ["Pruning <i>Deep</i> Nets &amp; More"],
            "subtitle": ["A Study"],
            "type": "journal-article",
            "container-title": ["Journal of Things"],
            "DOI": "10.1234/ABC",
            "issued": {"date-parts": [[2021, 3]]},
            "author": [
                {"given": "Christopher", "family": "De Sa"},
                {"given": "Martin", "family": "King", "suffix": "Jr."},
                {"name": "The Pruning Consortium"},
                {"given": "Ann", "family": "Lee"},
            ],
        }
    )
    assert record.title == "Pruning Deep Nets & More: A Study" and record.year == 2021
    fields = record.bib_fields()
    assert fields["journal"] == "Journal of Things" and fields["doi"] == "10.1234/ABC"
    assert bibtex.authors(fields["author"]) == [
        "Christopher De Sa",
        "Martin King, Jr.",
        "The Pruning Consortium",
        "Ann Lee",
    ]
    assert "Nets \\& More" in record.to_bibtex("k")


def test_enrich_keeps_summary_evidence_and_every_other_field(capsys, catalog_root, opener):
    path = catalog_root / "papers" / "cheng2024survey.yml"
    path.write_text(
        SURVEY.replace(
            "survey: true\n",
            "survey: true\nsummary: Reviews pruning along four questions.\n"
            "evidence:\n  read: https://arxiv.org/abs/2308.06767\n  checked: 2025-01-02\n",
        ),
        encoding="utf-8",
    )
    code, out, err = enrich(capsys, catalog_root, "--key", "cheng2024survey")
    assert code == 0, err
    assert "papers/cheng2024survey.yml: filled author" in out
    paper = load_catalog(catalog_root).by_key()["cheng2024survey"]
    assert paper.summary == "Reviews pruning along four questions."
    assert paper.evidence.read == "https://arxiv.org/abs/2308.06767" and str(paper.evidence.checked) == "2025-01-02"
    assert paper.authors and paper.survey
