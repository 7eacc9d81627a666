"""`catalog add`: one new, canonical, valid entry, or a clear refusal that writes nothing.

Runs `prunecat.cli.main` in-process; arXiv and Crossref answers come from tests/fixtures/remote/.
No test touches the network: `prunecat.remote.opener` is replaced in every test.
"""

from __future__ import annotations

import builtins
import datetime as dt
import io
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from prunecat import cli, remote
from prunecat.commands import add as add_command
from prunecat.entryfile import dump_entry
from prunecat.keys import make_key
from prunecat.load import load_catalog
from prunecat.taxonomy import load_taxonomy

from conftest import paper_files, recorded_remote, run_cli

ROOT = Path(__file__).resolve().parents[1]
REMOTE = Path(__file__).resolve().parent / "fixtures" / "remote"

recorded = recorded_remote()
REAL_INTERACTIVE = add_command._interactive

SNIP_BIB = """\
@inproceedings{lee2018snip,
  title={{SNIP}: Single-shot Network Pruning based on Connection Sensitivity},
  author={Lee, Namhoon and Ajanthan, Thalaiyasingam and Torr, Philip H. S.},
  booktitle={International Conference on Learning Representations},
  year={2019},
  eprint={1810.02340},
  archivePrefix={arXiv}
}
"""

SNIP_FLAGS = [
    "--speedup",
    "unstructured",
    "--when",
    "before-training",
    "--criteria",
    "sensitivity-saliency",
    "--granularity",
    "W",
    "--model",
    "cnn,vit",
    "--model",
    "other",
    "--task",
    "image-classification",
    "--code",
    "https://github.com/namhoonlee/snip-public",
    "--framework",
    "TensorFlow",
    "--official",
    "--pioneer",
    "--algorithm",
    "SNIP",
    "--venue",
    "ICLR",
    "--added",
    "2024-08-20",
]

SNIP_ENTRY = """\
# yaml-language-server: $schema=../schema/entry.schema.json
bibtex: |
  @inproceedings{lee2019snip,
    title={{SNIP}: Single-shot Network Pruning based on Connection Sensitivity},
    author={Lee, Namhoon and Ajanthan, Thalaiyasingam and Torr, Philip H. S.},
    booktitle={International Conference on Learning Representations},
    year={2019},
    eprint={1810.02340},
    archivePrefix={arXiv}
  }
venue: ICLR
algorithm: SNIP
speedup: [unstructured]
when: [before-training]
criteria: [sensitivity-saliency]
granularity: [weight]
model: [cnn, vit, other]
task: [image-classification]
pioneer: true
code:
  - url: https://github.com/namhoonlee/snip-public
    framework: tensorflow
    official: true
added: 2024-08-20
"""


@pytest.fixture(autouse=True)
def no_network_no_prompts(no_network, monkeypatch):
    monkeypatch.setattr(add_command, "_interactive", lambda: False)


def add(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, root, "add", *args)


@pytest.fixture
def snip_file(tmp_path: Path) -> Path:
    path = tmp_path / "snip.bib"
    path.write_text(SNIP_BIB, encoding="utf-8")
    return path


@pytest.fixture
def with_snip(capsys, tmp_catalog: Path, snip_file: Path) -> Path:
    code, _, err = add(capsys, tmp_catalog, "--bibtex", str(snip_file), *SNIP_FLAGS)
    assert code == 0, err
    return tmp_catalog


# ---------------------------------------------------------------------------------------------
# A new entry


def test_add_from_bibtex_file_writes_one_canonical_valid_entry(capsys, tmp_catalog, snip_file):
    code, out, err = add(capsys, tmp_catalog, "--bibtex", str(snip_file), *SNIP_FLAGS)
    assert code == 0, err
    assert list(paper_files(tmp_catalog)) == ["lee2019snip.yml"]
    path = tmp_catalog / "papers" / "lee2019snip.yml"
    text = path.read_text(encoding="utf-8")
    assert text == SNIP_ENTRY
    assert dump_entry(yaml.safe_load(text)) == text  # canonical: `catalog fmt` would not change it
    assert str(path) in out
    assert "catalog --root" in out and "check" in out
    assert "mkdocs serve" in out and "/papers/lee2019snip/" in out and "pull request" in out

    paper = load_catalog(tmp_catalog).by_key()["lee2019snip"]
    assert paper.labels["speedup"] == ("unstructured",)
    assert paper.labels["when"] == ("before-training",)
    assert paper.labels["criteria"] == ("sensitivity-saliency",)
    assert paper.labels["learn"] == () and paper.labels["fusion"] == ()
    assert paper.facets["granularity"] == ("weight",)  # the type code W became its id
    assert paper.facets["model"] == ("cnn", "vit", "other")
    assert paper.code[0].framework == "tensorflow" and paper.code[0].official is True
    assert paper.pioneer and not paper.survey
    assert paper.arxiv == "1810.02340" and paper.venue == "ICLR" and paper.algorithm == "SNIP"
    assert paper.added == dt.date(2024, 8, 20)


def test_sub_category_counts_for_its_parent_and_added_defaults_to_today(capsys, tmp_catalog, snip_file):
    code, _, err = add(
        capsys,
        tmp_catalog,
        "--bibtex",
        str(snip_file),
        "--when",
        "post-training",
        "--fusion",
        "tensor-decomposition",
        "--speedup",
        "structured",
        "--granularity",
        "filter",
        "--model",
        "llm",
        "--setting",
        "federated",
    )
    assert code == 0, err
    paper = load_catalog(tmp_catalog).papers[0]
    assert paper.categories["when"] == ("after-training", "post-training")
    assert paper.labels["fusion"] == ("tensor-decomposition",)
    assert paper.facets["setting"] == ("federated",)
    assert paper.added == dt.date.today()


def test_bibtex_from_stdin(capsys, monkeypatch, tmp_catalog):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n\n" + SNIP_BIB))
    code, out, err = add(capsys, tmp_catalog, "--when", "before-training")
    assert code == 0, err
    assert "lee2019snip.yml" in out
    monkeypatch.setattr(
        sys, "stdin", io.StringIO(SNIP_BIB.replace("SNIP}", "GraSP}").replace("1810.02340", "2002.07376"))
    )
    code, out, err = add(capsys, tmp_catalog, "--bibtex", "-")
    assert code == 0, err
    assert sorted(paper_files(tmp_catalog)) == ["lee2019grasp.yml", "lee2019snip.yml"]
    assert load_catalog(tmp_catalog).by_key()["lee2019grasp"].labels["when"] == ()


def test_no_source_in_a_terminal_is_a_usage_error(capsys, monkeypatch, tmp_catalog):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    code, _, err = add(capsys, tmp_catalog, "--when", "before-training")
    assert code == 2
    assert "--bibtex FILE, --arxiv ID or --doi DOI" in err
    assert paper_files(tmp_catalog) == {}


def test_generated_key_gets_a_suffix_when_taken(capsys, tmp_catalog, snip_file):
    (tmp_catalog / "papers" / "lee2019snip.yml").write_text(
        SNIP_ENTRY.replace("SNIP}: Single-shot", "Other}: paper").replace("1810.02340", "1901.00001"), encoding="utf-8"
    )
    code, out, err = add(capsys, tmp_catalog, "--bibtex", str(snip_file))
    assert code == 0, err
    assert "lee2019snip-b.yml" in out
    assert (tmp_catalog / "papers" / "lee2019snip-b.yml").read_text().count("@inproceedings{lee2019snip-b,") == 1


def test_keys():
    assert (
        make_key("Lee, Namhoon and Ajanthan, Thalaiyasingam", "2019", "{SNIP}: Single-shot Network Pruning")
        == "lee2019snip"
    )
    assert make_key('J{\\"u}rgen M{\\"u}ller', 2020, "The Lottery Ticket") == "muller2020lottery"
    assert make_key("Jürgen Müller and others", 2020, "On the Lottery Ticket") == "muller2020lottery"
    assert make_key("Johannes von Oswald", 2021, "A Survey") == "vonoswald2021survey"
    assert make_key("", 2021, "Pruning at Initialization") == "pruning2021initialization"
    assert make_key("Lee, N.", 2019, "Single-shot pruning") == "lee2019singleshot"
    assert make_key("Lee, N.", 2019, "A Z of it") == "lee2019paper"
    assert make_key("Lee, N.", 2019, "SNIP", {"lee2019snip", "lee2019snip-b"}) == "lee2019snip-c"


# ---------------------------------------------------------------------------------------------
# Refusals: nothing is written


@pytest.mark.parametrize(
    "title, extra",
    [
        ("snip -- single shot network pruning based on connection sensitivity", ""),  # case and punctuation
        ("A retitled version of SNIP", "  url={https://arxiv.org/abs/1810.02340v3},\n"),  # same arXiv id
    ],
)
def test_second_add_of_the_same_paper_is_refused(capsys, with_snip, tmp_path, title, extra):
    before = paper_files(with_snip)
    other = tmp_path / "again.bib"
    other.write_text(
        f"@article{{again,\n  title={{{title}}},\n  author={{Lee, Namhoon}},\n{extra}  year={{2020}}\n}}\n"
    )
    code, out, err = add(capsys, with_snip, "--bibtex", str(other), "--when", "after-training")
    assert code == 1
    assert "already in the catalog" in err and "papers/lee2019snip.yml" in err
    assert "Nothing was written" in err
    assert paper_files(with_snip) == before


def test_same_arxiv_id_is_refused_before_fetching(capsys, with_snip):
    before = paper_files(with_snip)
    code, _, err = add(capsys, with_snip, "--arxiv", "arXiv:1810.02340v2")  # the opener would fail the test
    assert code == 1
    assert "same arXiv id 1810.02340 as papers/lee2019snip.yml" in err
    assert paper_files(with_snip) == before


def test_misspelt_category_gets_did_you_mean_and_writes_nothing(capsys, tmp_catalog, snip_file):
    code, out, err = add(capsys, tmp_catalog, "--bibtex", str(snip_file), "--when", "afer-training")
    assert code == 1
    assert "--when: unknown when id 'afer-training'; did you mean 'after-training'?" in err
    assert "nothing was written" in err
    assert paper_files(tmp_catalog) == {}


def test_every_bad_flag_is_reported_at_once(capsys, tmp_catalog, snip_file):
    code, _, err = add(
        capsys,
        tmp_catalog,
        "--bibtex",
        str(snip_file),
        "--granularity",
        "filtre",
        "--model",
        "gpt",
        "--code",
        "https://github.com/a/b",
        "--framework",
        "pytroch",
    )
    assert code == 1
    assert "--granularity: unknown granularity id 'filtre'; did you mean 'filter'?" in err
    assert "--model: unknown model id 'gpt'" in err and "allowed: cnn, vit" in err
    assert "--code: unknown framework 'pytroch'; did you mean 'pytorch'?" in err
    assert paper_files(tmp_catalog) == {}


@pytest.mark.parametrize(
    "url, reason",
    [
        ("javascript:alert(document.cookie)", "not javascript:"),
        ("github.com/namhoonlee/snip-public", "is the scheme missing?"),
    ],
)
def test_bad_code_url_is_refused(capsys, tmp_catalog, snip_file, url, reason):
    code, _, err = add(capsys, tmp_catalog, "--bibtex", str(snip_file), "--code", url)
    assert code == 1
    assert f"--code: code url '{url}'" in err and reason in err
    assert paper_files(tmp_catalog) == {}


@pytest.mark.parametrize(
    "bib, message",
    [
        ("@article{x,\n  title={T},\n  author={A B},\n}\n", "the BibTeX entry has no year"),
        ("@article{x,\n  title={T},\n  year={2019\n}\n", "does not parse"),
        ("@article{x, title={A}, year={2019}}\n@article{y, title={B}, year={2019}}\n", "found 2"),
        ("@article{x,\n  title={T},\n  year={2019},\n  doi={https://doi.org/10.1/x}\n}\n", "is not a DOI"),
    ],
)
def test_invalid_bibtex_is_refused(capsys, tmp_catalog, tmp_path, bib, message):
    path = tmp_path / "bad.bib"
    path.write_text(bib)
    code, _, err = add(capsys, tmp_catalog, "--bibtex", str(path))
    assert code == 1
    assert message in err and str(path) in err
    assert paper_files(tmp_catalog) == {}


def test_taken_or_invalid_key_is_refused(capsys, with_snip, snip_file, tmp_path):
    other = tmp_path / "other.bib"
    other.write_text("@misc{x,\n  title={Another paper},\n  author={Lee, N.},\n  year={2020}\n}\n")
    before = paper_files(with_snip)
    code, _, err = add(capsys, with_snip, "--bibtex", str(other), "--key", "lee2019snip")
    assert code == 1 and "exists already" in err
    code, _, err = add(capsys, with_snip, "--bibtex", str(other), "--key", "Lee_2020")
    assert code == 1 and "--key: the file name 'Lee_2020.yml' is not a valid key" in err
    assert paper_files(with_snip) == before


def test_usage_errors_exit_2(capsys, tmp_catalog, snip_file, tmp_path):
    assert add(capsys, tmp_catalog, "--bibtex", str(tmp_path / "missing.bib"))[0] == 2
    assert add(capsys, tmp_catalog, "--bibtex", str(snip_file), "--framework", "pytorch")[0] == 2
    assert add(capsys, tmp_catalog, "--arxiv", "not-an-id")[0] == 2
    assert add(capsys, tmp_catalog, "--doi", "pruning")[0] == 2
    assert add(capsys, tmp_path / "nowhere", "--bibtex", str(snip_file))[0] == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["--root", str(tmp_catalog), "add", "--bibtex", str(snip_file), "--arxiv", "1810.02340"])
    assert exc.value.code == 2
    assert paper_files(tmp_catalog) == {}


# ---------------------------------------------------------------------------------------------
# From arXiv and Crossref (recorded answers)


def test_add_from_arxiv_id(capsys, monkeypatch, tmp_catalog):
    opener = recorded.Recorded()
    monkeypatch.setattr(remote, "opener", opener)
    code, out, err = add(capsys, tmp_catalog, "--arxiv", "1810.02340", "--when", "before-training")
    assert code == 0, err
    assert opener.urls == ["http://export.arxiv.org/api/query?id_list=1810.02340&max_results=1"]
    paper = load_catalog(tmp_catalog).by_key()["lee2018snip"]
    assert paper.authors == ("Namhoon Lee", "Thalaiyasingam Ajanthan", "Philip H. S. Torr")
    assert paper.arxiv == "1810.02340" and paper.year == 2018 and paper.venue == "arXiv"
    assert paper.title == "SNIP: Single-shot Network Pruning based on Connection Sensitivity"
    assert paper.url == "https://arxiv.org/abs/1810.02340"
    assert paper.entry_type == "misc" and "primaryclass = {cs.CV}" in paper.bibtex
    text = (tmp_catalog / "papers" / "lee2018snip.yml").read_text()
    assert dump_entry(yaml.safe_load(text)) == text


def test_add_from_arxiv_id_keeps_journal_doi_and_key_flag(capsys, monkeypatch, tmp_catalog):
    monkeypatch.setattr(remote, "opener", recorded.Recorded())
    code, _, err = add(
        capsys,
        tmp_catalog,
        "--arxiv",
        "https://arxiv.org/abs/2308.06767v2",
        "--survey",
        "--key",
        "cheng2024survey",
        "--venue",
        "TPAMI",
    )
    assert code == 0, err
    paper = load_catalog(tmp_catalog).by_key()["cheng2024survey"]
    assert paper.doi == "10.1109/TPAMI.2024.3447085"
    assert paper.authors == ("Hongrong Cheng", "Miao Zhang", "Javen Qinfeng Shi")
    assert paper.title.startswith(
        "A Survey on Deep Neural Network Pruning-Taxonomy, Comparison, Analysis, and Recommendations"
    )
    assert paper.survey and paper.venue == "TPAMI"


def test_add_from_doi(capsys, monkeypatch, tmp_catalog):
    monkeypatch.setattr(remote, "opener", recorded.Recorded())
    code, out, err = add(
        capsys,
        tmp_catalog,
        "--doi",
        "https://doi.org/10.1109/ICCV.2017.541",
        "--speedup",
        "structured",
        "--granularity",
        "filter",
    )
    assert code == 0, err
    paper = load_catalog(tmp_catalog).by_key()["luo2017thinet"]
    assert paper.authors == ("Jian-Hao Luo", "Jianxin Wu", "Weiyao Lin")
    assert paper.doi == "10.1109/ICCV.2017.541"  # as the contributor wrote it
    assert paper.entry_type == "inproceedings" and paper.venue == "ICCV"
    assert paper.venue_full == "2017 IEEE International Conference on Computer Vision (ICCV)"
    assert "pages = {5068--5076}" in paper.bibtex and paper.year == 2017


def test_unknown_arxiv_id_or_doi(capsys, monkeypatch, tmp_catalog):
    monkeypatch.setattr(remote, "opener", recorded.Recorded())
    code, _, err = add(capsys, tmp_catalog, "--arxiv", "1810.99999")
    assert code == 2 and "arXiv has no paper 1810.99999" in err
    code, _, err = add(capsys, tmp_catalog, "--arxiv", "1810.9999999")  # refused before asking
    assert code == 2 and "not an arXiv id" in err
    assert remote.arxiv_by_id("1810.9999999") is None  # the API's `Error` entry is no paper
    code, _, err = add(capsys, tmp_catalog, "--doi", "10.1109/nothing.2017.1")  # HTTP 404
    assert code == 2 and "Crossref has no record of DOI 10.1109/nothing.2017.1" in err
    assert paper_files(tmp_catalog) == {}


def test_offline_says_so_plainly_and_writes_nothing(capsys, monkeypatch, tmp_catalog):
    monkeypatch.setattr(remote, "opener", recorded.offline)
    code, out, err = add(capsys, tmp_catalog, "--arxiv", "1810.02340", "--when", "before-training")
    assert code == 2
    assert err.strip() == "catalog add: could not reach arxiv.org (offline?); paste the BibTeX with --bibtex instead"
    assert "Traceback" not in err

    def timeout(url, seconds):
        raise socket.timeout("timed out")

    monkeypatch.setattr(remote, "opener", timeout)
    code, _, err = add(capsys, tmp_catalog, "--doi", "10.1109/ICCV.2017.541")
    assert code == 2
    assert "could not reach api.crossref.org (offline?); paste the BibTeX with --bibtex instead" in err
    assert paper_files(tmp_catalog) == {}


def test_server_error_is_not_a_traceback(capsys, monkeypatch, tmp_catalog):
    import urllib.error

    def unavailable(url, seconds):
        raise urllib.error.HTTPError(url, 503, "Service Unavailable", {}, io.BytesIO(b""))

    monkeypatch.setattr(remote, "opener", unavailable)
    code, _, err = add(capsys, tmp_catalog, "--arxiv", "1810.02340")
    assert code == 2 and "arxiv.org answered HTTP 503" in err
    monkeypatch.setattr(remote, "opener", lambda url, seconds: b"<html>not a feed")
    code, _, err = add(capsys, tmp_catalog, "--arxiv", "1810.02340")
    assert code == 2 and "not an Atom feed" in err
    assert paper_files(tmp_catalog) == {}


# ---------------------------------------------------------------------------------------------
# Flags from the taxonomy, prompts in a terminal


def test_label_flags_and_help_come_from_the_taxonomy(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("CATALOG_DIR", raising=False)
    with pytest.raises(SystemExit):
        cli.main(["add", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    taxonomy = load_taxonomy(ROOT / "catalog" / "taxonomy.yml")
    for axis in taxonomy.axes:
        assert f"--{axis.id} ID" in help_text
        for category in axis.categories:
            assert category.id in help_text
    for facet in ("granularity", "model", "task", "setting", "framework"):
        assert f"--{facet} ID" in help_text
        for value in taxonomy.allowed(facet):
            assert value in help_text


def test_values_are_checked_against_the_taxonomy_of_root(capsys, tmp_path, snip_file):
    root = tmp_path / "other-catalog"
    (root / "papers").mkdir(parents=True)
    taxonomy = (ROOT / "catalog" / "taxonomy.yml").read_text(encoding="utf-8")
    taxonomy = taxonomy.replace(
        "      - id: knowledge-distillation\n",
        "      - id: hardware-codesign\n        name: Pruning and hardware co-design\n"
        "        about: Prunes for a given accelerator.\n      - id: knowledge-distillation\n",
    )
    (root / "taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    code, _, err = add(capsys, root, "--bibtex", str(snip_file), "--fusion", "hardware-codesign")
    assert code == 0, err
    assert load_catalog(root).papers[0].labels["fusion"] == ("hardware-codesign",)


def test_prompts_in_a_terminal_without_axis_flags(capsys, monkeypatch, tmp_catalog, snip_file):
    answers = iter(["unstructured", "afer-training", "before-training", "", "", "", "weight, n-m", "", "", ""])
    asked = []

    def fake_input(prompt=""):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(add_command, "_interactive", lambda: True)
    monkeypatch.setattr(builtins, "input", fake_input)
    code, out, err = add(capsys, tmp_catalog, "--bibtex", str(snip_file), "--model", "cnn")
    assert code == 0, err
    assert asked == [
        "speedup> ",
        "when> ",
        "when> ",
        "criteria> ",
        "learn> ",
        "fusion> ",
        "granularity> ",
        "task> ",
        "setting> ",
    ]
    assert (
        "allowed: before-training, during-training, early-training, after-training, post-training, run-time, none"
        in out
    )
    assert "did you mean 'after-training'?" in out
    paper = load_catalog(tmp_catalog).papers[0]
    assert paper.labels["speedup"] == ("unstructured",) and paper.labels["when"] == ("before-training",)
    assert paper.labels["criteria"] == () and paper.facets["granularity"] == ("weight", "n-m")
    assert paper.facets["model"] == ("cnn",)


def test_never_prompts_when_not_a_terminal(capsys, monkeypatch, tmp_catalog):
    monkeypatch.setattr(add_command, "_interactive", REAL_INTERACTIVE)
    monkeypatch.setattr(builtins, "input", lambda prompt="": pytest.fail("prompted without a terminal"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(SNIP_BIB))
    code, _, err = add(capsys, tmp_catalog)
    assert code == 0, err
    assert all(not labels for labels in load_catalog(tmp_catalog).papers[0].labels.values())


# ---------------------------------------------------------------------------------------------
# The installed console script


def test_console_script(tmp_catalog, snip_file):
    script = Path(sys.executable).parent / "catalog"
    assert script.exists(), f"{script} missing: install the project with `pip install -e .`"
    argv = [str(script), "--root", str(tmp_catalog), "add", "--bibtex", str(snip_file), "--when", "before-training"]
    first = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert first.returncode == 0, first.stderr
    assert "papers/lee2019snip.yml" in first.stdout
    again = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert again.returncode == 1
    assert "already in the catalog" in again.stderr and "papers/lee2019snip.yml" in again.stderr
    assert [p.name for p in (tmp_catalog / "papers").iterdir()] == ["lee2019snip.yml"]
    check = subprocess.run(
        [str(script), "--root", str(tmp_catalog), "check"], capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0, check.stdout
