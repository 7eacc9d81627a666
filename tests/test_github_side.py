"""The GitHub side of contributing: issue forms, pull-request template, workflows, link check.

None of this runs on GitHub here, so the tests check what can drift unnoticed: the issue form's
dropdowns against taxonomy.yml, the structure GitHub requires of forms and workflows, the steps the
workflows run, and the link checker with a fake network.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from prunecat.load import load_catalog
from prunecat.taxonomy import AXIS_IDS, NONE_LABEL, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
FORMS = GITHUB / "ISSUE_TEMPLATE"
WORKFLOWS = GITHUB / "workflows"
FORM_ELEMENT_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}
FORM_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "catalog" / "taxonomy.yml")


@pytest.fixture(scope="module")
def suggest_form():
    return load(FORMS / "suggest-paper.yml")


def elements(form: dict) -> dict[str, dict]:
    return {e["id"]: e for e in form["body"] if "id" in e}


# ---------------------------------------------------------------------------------------------
# Issue forms


@pytest.mark.parametrize("name", ["suggest-paper.yml", "fix-entry.yml"])
def test_issue_form_has_the_structure_github_requires(name):
    form = load(FORMS / name)
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
    assert form["name"].strip() and form["description"].strip()
    assert isinstance(form["body"], list) and form["body"]
    ids, labels = [], []
    for element in form["body"]:
        assert element["type"] in FORM_ELEMENT_TYPES, element
        assert set(element) <= {"type", "id", "attributes", "validations"}, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert "id" not in element and attributes["value"].strip()
            continue
        assert FORM_ID.match(element["id"]), element["id"]
        ids.append(element["id"])
        assert attributes["label"].strip()
        labels.append(attributes["label"])
        if element["type"] in ("dropdown", "checkboxes"):
            options = attributes["options"]
            assert options, element["id"]
            keys = [o["label"] if element["type"] == "checkboxes" else o for o in options]
            assert all(isinstance(k, str) and k.strip() for k in keys), element["id"]
            assert len(set(keys)) == len(keys), f"{element['id']}: options must be distinct"
        if element["type"] == "dropdown":
            assert all(o.lower() != "none" for o in attributes["options"]), "GitHub reserves 'None' in dropdowns"
        if "validations" in element:
            assert set(element["validations"]) <= {"required"}
    assert len(set(ids)) == len(ids), "element ids must be unique"
    assert len(set(labels)) == len(labels), "element labels must be unique"


def test_suggest_form_dropdowns_are_exactly_the_taxonomy_ids(suggest_form, taxonomy):
    by_id = elements(suggest_form)
    expected = {axis.id: list(axis.ids()) for axis in taxonomy.axes}  # sub-categories included
    expected["granularity"] = list(taxonomy.facet("granularity").ids())
    expected["model"] = list(taxonomy.facet("model").ids())
    for dimension, ids in expected.items():
        assert dimension in by_id, f"suggest-paper.yml has no dropdown with id '{dimension}'"
        dropdown = by_id[dimension]
        assert dropdown["type"] == "dropdown"
        assert dropdown["attributes"].get("multiple") is True, f"{dimension}: a paper may have several labels"
        assert dropdown["attributes"]["options"] == ids, (
            f"the '{dimension}' dropdown of .github/ISSUE_TEMPLATE/suggest-paper.yml no longer matches "
            f"catalog/taxonomy.yml; set its options to: {ids}"
        )
        assert NONE_LABEL not in dropdown["attributes"]["options"]
    assert set(AXIS_IDS) <= set(by_id)
    # Sub-categories really are there (they are easy to forget when editing by hand).
    assert {"early-training", "post-training"} <= set(by_id["when"]["attributes"]["options"])


def test_suggest_form_asks_for_bibtex_links_and_scope(suggest_form):
    by_id = elements(suggest_form)
    assert by_id["bibtex"]["type"] == "textarea"
    assert by_id["bibtex"]["validations"]["required"] is True
    assert by_id["paper-url"]["type"] == "input"
    assert by_id["code-url"]["type"] == "input"
    scope = [e for e in suggest_form["body"] if e["type"] == "checkboxes"]
    assert scope and any(
        "pruning" in o["label"] and o.get("required") for e in scope for o in e["attributes"]["options"]
    )


def test_fix_entry_form_asks_for_key_and_problem():
    by_id = elements(load(FORMS / "fix-entry.yml"))
    assert by_id["key"]["validations"]["required"] is True
    assert by_id["details"]["validations"]["required"] is True
    options = " ".join(by_id["problem"]["attributes"]["options"]).lower()
    assert "label" in options and "link" in options


def test_issue_chooser_config():
    config = load(FORMS / "config.yml")
    assert config["blank_issues_enabled"] is True
    (link,) = config["contact_links"]
    assert set(link) == {"name", "url", "about"}
    assert link["url"].startswith("https://") and link["url"].rstrip("/").endswith("/contribute")


# ---------------------------------------------------------------------------------------------
# Pull-request template


def test_pull_request_template_has_the_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line[6:] for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 6
    for needle in ("catalog/papers/", "`catalog check`", "`catalog fmt --check`", "sure", "official", "`make build`"):
        assert any(needle in item for item in items), f"no checklist item mentions {needle}"
    assert any("third" in item for item in items)


# ---------------------------------------------------------------------------------------------
# Workflows


def workflow(name: str) -> dict:
    data = load(WORKFLOWS / name)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    assert data.get("name") and data.get("jobs"), name
    return data


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml", "linkcheck.yml"])
def test_workflow_is_well_formed(name):
    data = workflow(name)
    for job_id, job in data["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest", job_id
        assert job["steps"], job_id
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (
                f"{name}/{job_id}: a step either uses an action or runs a command"
            )
            if "uses" in step:
                assert re.match(r"^[\w.-]+/[\w./-]+@v\d+$", step["uses"]), (
                    f"pin actions to a major version: {step['uses']}"
                )


def test_ci_runs_check_fmt_strict_build_and_tests():
    data = workflow("ci.yml")
    assert "pull_request" in data["on"]
    assert data["on"]["push"]["branches"] == ["main"]
    (job,) = data["jobs"].values()
    commands = [step.get("run", "").strip() for step in job["steps"]]
    order = []
    for needle in ("pip install -e '.[test]'", "catalog check", "catalog fmt --check", "mkdocs build --strict"):
        assert needle in commands, f"ci.yml has no step running `{needle}`"
        order.append(commands.index(needle))
    tests = [i for i, c in enumerate(commands) if c.startswith("pytest") or c == "make test"]
    assert tests, "ci.yml runs neither pytest nor make test"
    assert order == sorted(order) and order[-1] < tests[0], "install, check, fmt, build, then tests"
    python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11" and python["with"]["cache"] == "pip"
    # the site and the tests need Python only (issue 11): no Node.js set-up, no npm
    assert not any(s.get("uses", "").startswith("actions/setup-node@") for s in job["steps"])
    assert "npm" not in commands
    # The browser tests launch Chromium from Debian's path; CI must provide a browser there.
    assert "/usr/lib/chromium/chromium" in (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    assert "/usr/lib/chromium/chromium" in (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")


def test_pages_deploys_with_the_official_actions():
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"]["pages"] == "write" and data["permissions"]["id-token"] == "write"
    assert data["concurrency"]["group"]
    actions = [u for job in data["jobs"].values() for u in uses(job)]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in actions), f"pages.yml does not use {action}"
    build_runs = "\n".join(runs(job) for job in data["jobs"].values())
    assert "mkdocs build --strict" in build_runs and "npm" not in build_runs
    deploy = next(job for job in data["jobs"].values() if any(u.startswith("actions/deploy-pages@") for u in uses(job)))
    assert deploy["environment"]["name"] == "github-pages" and deploy.get("needs")


def test_linkcheck_workflow_keeps_one_tracking_issue():
    data = workflow("linkcheck.yml")
    assert data["on"]["schedule"][0]["cron"].split()[4] != "*", "weekly, on one day of the week"
    assert "workflow_dispatch" in data["on"]
    assert data["permissions"]["issues"] == "write"
    text = "\n".join(runs(job) for job in data["jobs"].values())
    assert "scripts/linkcheck.py" in text
    assert "gh issue list --label link-check --state open" in text
    for command in ("gh issue edit", "gh issue create", "gh issue close"):
        assert command in text
    for status in ("ok)", "broken)", "inconclusive)"):
        assert status in text


# ---------------------------------------------------------------------------------------------
# The link checker, with a fake network


@pytest.fixture(scope="module")
def linkcheck():
    spec = importlib.util.spec_from_file_location("linkcheck", ROOT / "scripts" / "linkcheck.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["linkcheck"] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


ENTRY = """\
# yaml-language-server: $schema=../schema/entry.schema.json
bibtex: |
  @inproceedings{{{key},
    title = {{{title}}},
    author = {{Ada Lovelace}},
    year = {{2021}},
    url = {{{url}}}{extra}
  }}
{code}"""


def write_entry(root: Path, key: str, title: str, url: str, code: str = "", extra: str = "") -> None:
    block = f"code:\n  - url: {code}\n    official: true\n" if code else ""
    (root / "papers" / f"{key}.yml").write_text(
        ENTRY.format(key=key, title=title, url=url, code=block, extra=extra), encoding="utf-8"
    )


def fake_network(linkcheck, answers: dict):
    """A fetcher answering from a table {(method, url) or url: status | 'timeout' | 'nohost' |
    an exception}; unlisted URLs answer 200. It records every call."""
    Response = linkcheck.Response
    calls = []

    def fetch(method, url, timeout, follow_redirects):
        calls.append((method, url, follow_redirects))
        answer = answers.get((method, url), answers.get(url, 200))
        if isinstance(answer, Exception):
            raise answer
        if answer == "timeout":
            return Response(error="timeout", timeout=True)
        if answer == "nohost":
            return Response(error="unknown host")
        return Response(status=answer)

    fetch.calls = calls
    return fetch


@pytest.fixture
def small_catalog(tmp_catalog):
    write_entry(
        tmp_catalog, "alpha2021good", "Alpha", "https://example.org/alpha", code="https://github.com/example/alpha-gone"
    )
    write_entry(
        tmp_catalog,
        "beta2021blocked",
        "Beta",
        "https://publisher.example.com/beta",
        code="https://github.com/example/beta",
    )
    write_entry(
        tmp_catalog, "gamma2021nohead", "Gamma", "https://example.org/gamma", extra=",\n    doi = {10.1234/gamma.5678}"
    )
    write_entry(
        tmp_catalog,
        "delta2021slow",
        "Delta",
        "https://slow.example.net/delta",
        code="https://github.com/example/alpha-gone",
    )
    return tmp_catalog


def test_linkcheck_collects_each_url_once(small_catalog, linkcheck):
    links = linkcheck.collect_links(load_catalog(small_catalog))
    urls = [link.url for link in links]
    assert len(urls) == len(set(urls))
    assert "https://doi.org/10.1234/gamma.5678" in urls
    shared = next(link for link in links if link.url == "https://github.com/example/alpha-gone")
    assert [u.key for u in shared.uses] == ["alpha2021good", "delta2021slow"]
    assert {u.what for u in shared.uses} == {"code"}
    assert shared.uses[0].path == "catalog/papers/alpha2021good.yml"


def test_linkcheck_report_with_a_fake_network(small_catalog, linkcheck):
    fetch = fake_network(
        linkcheck,
        {
            "https://github.com/example/alpha-gone": 404,
            "https://publisher.example.com/beta": 403,
            ("HEAD", "https://example.org/gamma"): 405,  # HEAD refused, GET works
            ("GET", "https://example.org/gamma"): 200,
            "https://doi.org/10.1234/gamma.5678": 302,  # doi.org: the redirect proves the DOI exists
            "https://slow.example.net/delta": "timeout",
            "https://github.com/example/beta": RuntimeError("fetcher bug"),
        },
    )
    catalog = load_catalog(small_catalog)
    results = linkcheck.check_links(linkcheck.collect_links(catalog), fetch, pause=0, workers=4)
    verdicts = {r.link.url: r.verdict for r in results}
    assert verdicts == {
        "https://example.org/alpha": "fine",
        "https://github.com/example/alpha-gone": "broken",
        "https://publisher.example.com/beta": "unverified",
        "https://github.com/example/beta": "broken",
        "https://example.org/gamma": "fine",
        "https://doi.org/10.1234/gamma.5678": "fine",
        "https://slow.example.net/delta": "unverified",
    }
    # HEAD first, GET only when HEAD gives no good answer; doi.org is not followed.
    assert ("GET", "https://example.org/alpha", True) not in fetch.calls
    assert ("GET", "https://example.org/gamma", True) in fetch.calls
    assert ("HEAD", "https://doi.org/10.1234/gamma.5678", False) in fetch.calls

    text = linkcheck.report(
        results, entries=len(catalog.papers), repo_url="https://github.com/o/r", checked_on="2024-08-20"
    )
    first = text.splitlines()[0]
    assert first == "<!-- link-check: status=broken checked=7 fine=3 broken=2 unverified=2 -->"
    assert "**2 broken**, 2 could not be verified, 3 fine" in text
    broken = text.split("## Broken links (2)")[1].split("## Could not verify")[0]
    assert "[`alpha2021good`](https://github.com/o/r/blob/main/catalog/papers/alpha2021good.yml)" in broken
    assert "`delta2021slow`" in broken and "`https://github.com/example/alpha-gone`" in broken
    assert "`HEAD 404, GET 404`" in broken
    assert "RuntimeError: fetcher bug" in broken
    unverified = text.split("## Could not verify (2)")[1]
    assert "`https://publisher.example.com/beta`" in unverified and "timeout" in unverified
    assert "example.org/alpha`" not in text and "example.org/gamma`" not in text  # fine links are not listed


def test_linkcheck_all_fine_and_offline_reports(small_catalog, linkcheck):
    catalog = load_catalog(small_catalog)
    links = linkcheck.collect_links(catalog)
    fine = linkcheck.report(
        linkcheck.check_links(links, fake_network(linkcheck, {}), pause=0), entries=4, checked_on="x"
    )
    assert fine.startswith("<!-- link-check: status=ok checked=7 fine=7 broken=0 unverified=0 -->")
    assert "Nothing to do" in fine and "##" not in fine
    offline = fake_network(linkcheck, {link.url: "nohost" for link in links})
    text = linkcheck.report(linkcheck.check_links(links, offline, pause=0), entries=4, checked_on="x")
    assert text.startswith("<!-- link-check: status=inconclusive ")
    assert "| " not in text  # no table of "broken" links when the network was simply down


def test_linkcheck_report_stays_below_the_issue_size_limit(linkcheck):
    links = [
        linkcheck.Link(
            f"https://example.org/{i:05d}/" + "x" * 150,
            [linkcheck.Use(f"key{i}", f"catalog/papers/key{i}.yml", "code")],
        )
        for i in range(2000)
    ]
    results = [linkcheck.Result(link, "broken", "404") for link in links]
    text = linkcheck.report(results, entries=2000, repo_url="https://github.com/o/r", checked_on="x")
    assert len(text) < 65536
    assert "more not shown" in text


def test_linkcheck_main_prints_the_report_and_exits_0(small_catalog, linkcheck, capsys):
    fetch = fake_network(linkcheck, {"https://github.com/example/alpha-gone": 404})
    status = linkcheck.main(["--root", str(small_catalog), "--pause", "0"], fetch=fetch)
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("<!-- link-check: status=broken ")
    assert "alpha-gone" in out


def test_linkcheck_reads_the_real_catalog(catalog, linkcheck):
    links = linkcheck.collect_links(catalog)
    assert len(links) > len(catalog.papers) / 2
    assert all(link.url.startswith(("http://", "https://")) and link.uses for link in links)


# ---------------------------------------------------------------------------------------------
# The contributor's guides: the worked example runs as written, the links point at real files


GUIDES = [ROOT / "CONTRIBUTING.md", ROOT / "docs" / "contribute.md"]


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_worked_example_produces_the_entry_shown(guide, tmp_catalog, capsys):
    import shlex

    from prunecat.cli import main

    text = guide.read_text(encoding="utf-8")
    bib = next(b for b in fenced(text, "bibtex") if "url=" in b)
    command = next(c for c in fenced(text, "sh") if c.startswith("catalog add --bibtex snip.bib"))
    shown = next(y for y in fenced(text, "yaml") if y.startswith("# yaml-language-server"))
    (tmp_catalog.parent / "snip.bib").write_text(bib, encoding="utf-8")
    argv = shlex.split(command.replace("\\\n", " "))
    assert argv[:2] == ["catalog", "add"]
    argv = ["--root", str(tmp_catalog)] + argv[1:] + ["--dry-run"]
    argv[argv.index("snip.bib")] = str(tmp_catalog.parent / "snip.bib")
    assert main(argv) == 0
    written = capsys.readouterr().out
    undated = lambda entry: re.sub(r"^added: .*$", "added: DATE", entry.strip(), flags=re.M)  # noqa: E731
    assert undated(written) == undated(shown), f"{guide.name}: the entry shown is not what `catalog add` writes"
    # The pull-request step commits the file that `catalog add` names.
    assert "git add catalog/papers/patil2021phew.yml" in text


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guides_link_to_existing_issue_forms_and_files(guide):
    text = guide.read_text(encoding="utf-8")
    forms = re.findall(r"issues/new\?template=([\w.-]+)", text)
    assert "suggest-paper.yml" in forms
    for form in forms:
        assert (FORMS / form).is_file(), form
    if guide.name == "CONTRIBUTING.md":
        for target in re.findall(r"\]\(((?!https?:|#)[^)\s]+)\)", text):
            assert (ROOT / target).exists(), f"CONTRIBUTING.md links to a missing file: {target}"
