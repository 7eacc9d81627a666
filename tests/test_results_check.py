"""Reported results in entries (`results:`): what `catalog check` accepts and refuses, how `fmt`
writes them, and how catalog.json, the CSV and `catalog export --results` carry them."""

from __future__ import annotations

import json

import pytest

from conftest import one_error, problems, run_cli, validate

ENTRY = """bibtex: |
  @inproceedings{author2020paper,
    title = {A Paper},
    author = {Ada Author},
    booktitle = {ICLR},
    year = {2020}
  }
"""

GOOD = """results:
  - dataset: imagenet
    model: resnet-50
    metric: top-1
    value: 74.98
    baseline: 76.15
    flops_reduction: 0.438
    finetuned: true
    source:
      url: https://github.com/example/method
      where: README, table 1
  - {dataset: wikitext-2, model: llama-7b, metric: perplexity, value: 7.26, sparsity: 0.5, pattern: "2:4",
     reproduced_by: sun2024simple, source: {url: "https://github.com/locuslab/wanda"}}
  - {dataset: cifar-10, model: resnet-56, metric: top-1, change: -0.3, flops_reduction: 0.5,
     source: {url: "https://arxiv.org/abs/2001.00001", where: abstract}}
"""


def entry(results: str) -> str:
    return ENTRY + results


def test_a_valid_result_list_builds_results_with_benchmark_and_delta():
    paper, found = validate(entry(GOOD))
    assert [p for p in found if p.severity == "error"] == []
    first, second, third = paper.results
    assert (first.benchmark, first.value, first.baseline, first.delta) == ("imagenet-resnet-50", 74.98, 76.15, -1.17)
    assert first.finetuned is True and first.source_where == "README, table 1"
    assert (second.pattern, second.reproduced_by, second.delta) == ("2:4", "sun2024simple", None)
    assert (third.value, third.delta) == (None, -0.3)


@pytest.mark.parametrize(
    ("result", "field", "says"),
    [
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 760, source: {url: 'https://a.org'}}",
         "results.0.value", "outside the range of Top-1 accuracy"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70, sparsity: 1.5, source: {url: 'https://a.org'}}",
         "results.0.sparsity", "not a fraction between 0 and 1"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70, flops_reduction: 42, source: {url: 'https://a.org'}}",
         "results.0.flops_reduction", "write flops_reduction: 0.42 for 42%"),
        ("{dataset: imagenet, model: resnet50, metric: top-1, value: 70, source: {url: 'https://a.org'}}",
         "results.0.model", "did you mean 'resnet-50'"),
        ("{dataset: imagenett, model: resnet-50, metric: top-1, value: 70, source: {url: 'https://a.org'}}",
         "results.0.dataset", "did you mean 'imagenet'"),
        ("{dataset: imagenet, model: resnet-50, metric: top1, value: 70, source: {url: 'https://a.org'}}",
         "results.0.metric", "did you mean 'top-1'"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70}",
         "results.0", "has no source"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70, source: {url: 'ftp://a.org/x'}}",
         "results.0.source.url", "https://"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, source: {url: 'https://a.org'}}",
         "results.0", "neither value nor change"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 75, baseline: 76, change: -2, source: {url: 'https://a.org'}}",
         "results.0.change", "disagrees with value - baseline"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: '75%', source: {url: 'https://a.org'}}",
         "results.0.value", "must be a number"),
        ("{dataset: wikitext-2, model: llama-7b, metric: perplexity, value: 9, pattern: 2:4, source: {url: 'https://a.org'}}",
         "results.0.pattern", "quote it"),
        ("{dataset: wikitext-2, model: llama-7b, metric: perplexity, value: 9, pattern: '4:2', source: {url: 'https://a.org'}}",
         "results.0.pattern", "N < M"),
        ("{dataset: wikitext-2, model: llama-7b, metric: perplexity, value: 0.5, source: {url: 'https://a.org'}}",
         "results.0.value", "outside the range of Perplexity"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70, speedup: -2, source: {url: 'https://a.org'}}",
         "results.0.speedup", "not a factor"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70, finetuned: 'yes', source: {url: 'https://a.org'}}",
         "results.0.finetuned", "true or false"),
        ("{dataset: imagenet, model: resnet-50, metric: top-1, value: 70, sorce: {url: 'https://a.org'}}",
         "results.0.sorce", "did you mean 'source'"),
    ],
)  # fmt: skip
def test_bad_results_get_one_error_naming_the_field_and_a_fix(result, field, says):
    if "sorce" in result:  # an unknown field also leaves the result without its source: two errors
        found = [p for p in problems(entry(f"results:\n  - {result}\n")) if p.severity == "error"]
        assert any(p.field == field and says in p.message for p in found), found
        return
    problem = one_error(entry(f"results:\n  - {result}\n"))
    assert problem.field == field and says in problem.message, problem
    assert problem.line > 0


def test_results_must_be_a_list_and_a_fraction_looking_accuracy_is_a_warning():
    assert "must be a list" in one_error(entry("results: {dataset: imagenet}\n")).message
    found = problems(
        entry("results:\n  - {dataset: imagenet, model: resnet-50, metric: top-1, value: 0.75, "
              "source: {url: 'https://a.org'}}\n")
    )  # fmt: skip
    assert [p.severity for p in found] == ["warning"] and "looks like a fraction" in found[0].message


def test_fmt_writes_results_as_blocks_and_check_reads_them_back(tmp_catalog, capsys):
    (tmp_catalog / "papers" / "author2020paper.yml").write_text(entry(GOOD), encoding="utf-8")
    code, out, err = run_cli(capsys, tmp_catalog, "fmt")
    assert code == 0, err
    text = (tmp_catalog / "papers" / "author2020paper.yml").read_text(encoding="utf-8")
    assert "  - dataset: wikitext-2\n    model: llama-7b\n" in text
    assert "    pattern: '2:4'\n" in text and "    source:\n      url: https://github.com/locuslab/wanda\n" in text
    paper, found = validate(text)
    assert [r.delta for r in paper.results] == [-1.17, None, -0.3]
    assert run_cli(capsys, tmp_catalog, "fmt", "--check")[0] == 0


def test_exports_carry_results(tmp_catalog, capsys):
    (tmp_catalog / "papers" / "author2020paper.yml").write_text(entry(GOOD), encoding="utf-8")
    (tmp_catalog / "papers" / "other2021paper.yml").write_text(
        ENTRY.replace("author2020paper", "other2021paper").replace("A Paper", "Another Paper"), encoding="utf-8"
    )
    code, out, err = run_cli(capsys, tmp_catalog, "export", "--format", "json", "--results", "imagenet")
    assert code == 0, err
    records = json.loads(out)
    assert [r["key"] for r in records] == ["author2020paper"]
    first = records[0]["results"][0]
    assert first["benchmark"] == "imagenet-resnet-50" and first["delta"] == -1.17
    assert first["source"] == {"url": "https://github.com/example/method", "where": "README, table 1"}
    code, out, _ = run_cli(capsys, tmp_catalog, "export", "--format", "csv")
    head, row, other = out.split("\r\n")[:3]
    column = head.split(",").index("results")
    assert row.split(",")[column] == "imagenet; cifar-10; wikitext-2"  # the taxonomy's order of datasets
    assert other.split(",")[column] == ""
    code, out, err = run_cli(capsys, tmp_catalog, "export", "--results", "imagenett")
    assert code == 2 and "did you mean 'imagenet'" in err


def test_add_writes_results_from_the_flag_and_explains_bad_ones(tmp_catalog, tmp_path, capsys):
    bib = tmp_path / "p.bib"
    bib.write_text("@inproceedings{x, title={A Paper}, author={Ada Author}, booktitle={ICLR}, year={2020}}\n")
    good = "dataset=imagenet,model=resnet-50,metric=top-1,value=74.98,baseline=76.15,flops_reduction=0.438,"
    good += "finetuned=true,url=https://github.com/example/method,where=Table 2"
    bad = "dataset=imagenet,model=resnet50,metric=top-1,value=760,url=https://a.org"
    code, out, err = run_cli(capsys, tmp_catalog, "add", "--bibtex", str(bib), "--result", good, "--result", bad)
    assert code == 1 and not list((tmp_catalog / "papers").iterdir())
    assert "--result 2: unknown model 'resnet50'; did you mean 'resnet-50'" in err
    assert "--result 2: value 760 is outside the range" in err and "nothing was written" in err
    code, out, err = run_cli(capsys, tmp_catalog, "add", "--bibtex", str(bib), "--result", "value=75%")
    assert code == 2 and "--result 1: value=75% is not a number" in err
    code, out, err = run_cli(capsys, tmp_catalog, "add", "--bibtex", str(bib), "--result", good)
    assert code == 0, err
    paper, found = validate((tmp_catalog / "papers" / "author2020paper.yml").read_text(), "author2020paper")
    (result,) = paper.results
    assert (result.benchmark, result.delta, result.finetuned, result.source_where) == (
        "imagenet-resnet-50",
        -1.17,
        True,
        "Table 2",
    )


def test_a_malformed_results_vocabulary_is_named_in_one_line(tmp_catalog, capsys):
    taxonomy = tmp_catalog / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    bad = "{id: top-5, name: Top-5 accuracy, better: higher, range: [0]}"
    taxonomy.write_text(
        text.replace('{id: top-5, name: Top-5 accuracy, unit: "%", better: higher, range: [0, 100]}', bad)
    )
    code, out, err = run_cli(capsys, tmp_catalog, "check")
    assert code != 0 and "metric top-5: range must be [low, high], got [0]" in out + err
    assert "Traceback" not in out + err
