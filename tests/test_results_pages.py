"""The /results/ pages (prunecat.generators.results): benchmarks grouped from the entries' results,
a chart per compression measure with its own axes and Pareto front, the notes on differing set-ups,
escaping, and the empty catalog.

Each test writes a small catalog of its own (tmp_catalog, complete_entry) so the expected numbers
are written here, not derived with the generator's helpers."""

from __future__ import annotations

import html
import re
from pathlib import Path

from prunecat.generators.pages import PaperPages, section_pages
from prunecat.generators.results import benchmarks, choose_delta
from prunecat.generators.results_chart import Point, pareto_front
from prunecat.load import load_catalog
from prunecat.model import Result

from conftest import bib, complete_entry

HOSTILE = "<img src=x onerror=alert(1)>"
SRC = {"url": "https://arxiv.org/abs/2301.00774", "where": "Table 1"}


def _result(dataset: str = "wikitext-2", model: str = "llama-7b", metric: str = "perplexity", **fields) -> dict:
    return {"dataset": dataset, "model": model, "metric": metric, **fields, "source": fields.pop("source", SRC)}


def _paper(
    root: Path,
    key: str,
    year: int,
    results: list[dict],
    algorithm: str = "",
    title: str = "",
    labels: dict[str, list[str]] | None = None,  # axis -> category ids
) -> None:
    extra = {**({"algorithm": algorithm} if algorithm else {}), **(labels or {})}
    complete_entry(
        root,
        key,
        bib(key, title or f"Paper {key}", year),
        read=f"https://openreview.net/forum?id={key}",
        results=results,
        **extra,
    )


def _llm_catalog(root: Path):
    """Three papers on WikiText-2 x LLaMA-7B (perplexity: lower is better), one on CIFAR-10 x ResNet-56."""
    _paper(
        root,
        "alpha2023",
        2023,
        [
            _result(value=7.2, baseline=5.68, sparsity=0.5, finetuned=False),
            _result(value=11.0, baseline=5.68, sparsity=0.5, pattern="2:4", finetuned=False, reproduced_by="beta2024"),
        ],
        algorithm="Alpha",
    )
    _paper(
        root,
        "beta2024",
        2024,
        [_result(value=6.9, baseline=5.68, sparsity=0.3, finetuned=False)],
        "Beta",
        labels={"speedup": ["unstructured"], "when": ["post-training"], "criteria": ["magnitude"]},
    )
    _paper(
        root,
        "gamma2024",
        2024,
        [
            _result(value=9.0, baseline=5.47, sparsity=0.6, finetuned=True),
            _result(dataset="wikitext-2", metric="zero-shot-accuracy", value=60.1, sparsity=0.6, finetuned=True),
        ],
        "Gamma",
    )
    _paper(
        root,
        "delta2017",
        2017,
        [_result("cifar-10", "resnet-56", "top-1", change=-0.9, flops_reduction=0.5, finetuned=True)],
        "Delta",
    )
    return load_catalog(root)


def _res(**fields) -> Result:
    return Result(dataset="imagenet", model="resnet-50", metric="top-1", source_url="https://x.org", **fields)


# ---------------------------------------------------------------------------------------------
# Grouping and the chart's choices


def test_results_are_grouped_by_benchmark_most_results_first(tmp_catalog: Path):
    benches = benchmarks(_llm_catalog(tmp_catalog))
    assert [b.id for b in benches] == ["wikitext-2-llama-7b", "cifar-10-resnet-56"]
    llm = benches[0]
    assert len(llm.rows) == 5 and llm.papers == 3
    assert llm.metric.id == "perplexity"  # the dataset's metric is charted ...
    other = [row for row in llm.rows if not row.charted]
    assert [(row.paper.key, row.result.metric) for row in other] == [("gamma2024", "zero-shot-accuracy")]
    # ... and a row of another metric is in the table only; every charted row has a sparsity and a baseline
    assert [(c.x_field, c.y_delta, len(c.points)) for c in llm.charts] == [("sparsity", True, 4)]
    assert llm.charted == 4


def _imagenet_catalog(root: Path):
    """ImageNet x ResNet-50 (top-1): FLOPs removed for 3 results (as changes), sparsity for 4 (as
    values; one of them gives FLOPs too), parameters removed for 2, and one with no compression figure."""
    flops = [(0.3, -0.2), (0.5, -0.9), (0.6, -1.5)]
    _paper(
        root,
        "flop2019",
        2019,
        [_result("imagenet", "resnet-50", "top-1", change=c, flops_reduction=f) for f, c in flops],
    )
    sparse = [_result("imagenet", "resnet-50", "top-1", value=v, sparsity=s) for s, v in ((0.8, 75.9), (0.9, 74.0))]
    sparse.append(_result("imagenet", "resnet-50", "top-1", value=71.5, sparsity=0.95, flops_reduction=0.9))
    _paper(root, "sparse2020", 2020, sparse)
    _paper(root, "other2021", 2021, [_result("imagenet", "resnet-50", "top-1", value=72.0, sparsity=0.96)])
    params = [_result("imagenet", "resnet-50", "top-1", change=-1.0, params_reduction=p) for p in (0.4, 0.6)]
    params.append(_result("imagenet", "resnet-50", "top-1", value=76.0, baseline=76.1))
    _paper(root, "param2022", 2022, params)
    return load_catalog(root)


def test_a_chart_per_measure_with_three_points_most_points_first(tmp_catalog: Path):
    (bench,) = benchmarks(_imagenet_catalog(tmp_catalog))
    # sparsity: 4 points, FLOPs: 3, parameters: 2 (too few for a chart of their own)
    assert [c.x_field for c in bench.charts] == ["sparsity", "flops_reduction"]
    sparsity, flops = bench.charts
    assert len(sparsity.points) == 4 and len(flops.points) == 3
    # each chart chooses its own y: most of ITS rows give a change (FLOPs) or only a value (sparsity)
    assert (sparsity.y_delta, flops.y_delta) == (False, True)
    # so the sparse row that gives FLOPs removed but no change is not in the FLOPs chart
    assert [p.y for p in sorted(flops.points, key=lambda p: p.x)] == [-0.2, -0.9, -1.5]
    assert bench.charted == 7  # the parameters rows and the one without a compression figure: table only


def test_the_best_single_measure_when_none_has_three_points(tmp_catalog: Path):
    _paper(
        tmp_catalog,
        "few2020",
        2020,
        [
            _result("imagenet", "resnet-50", "top-1", change=-0.5, flops_reduction=0.4),
            _result("imagenet", "resnet-50", "top-1", change=-1.0, flops_reduction=0.6),
            _result("imagenet", "resnet-50", "top-1", change=-2.0, sparsity=0.9),
        ],
    )
    (bench,) = benchmarks(load_catalog(tmp_catalog))
    assert [(c.x_field, len(c.points)) for c in bench.charts] == [("flops_reduction", 2)]
    assert bench.charted == 2


def test_each_chart_has_its_own_pareto_front(tmp_catalog: Path):
    (bench,) = benchmarks(_imagenet_catalog(tmp_catalog))
    sparsity, flops = bench.charts
    # 75.9 at 80%, 74.0 at 90%, 72.0 at 96% (other2021); 71.5 at 95% is beaten by 72.0 at 96%
    assert sorted((p.x, p.y) for p in sparsity.points if p.front) == [(0.8, 75.9), (0.9, 74.0), (0.96, 72.0)]
    assert sorted(p.x for p in flops.points if p.front) == [0.3, 0.5, 0.6]


def test_the_y_axis_is_the_change_only_when_most_rows_give_one():
    with_change = [_res(value=70.0, baseline=76.1), _res(change=-0.5), _res(value=71.0)]
    assert choose_delta(with_change)  # two of three
    assert not choose_delta([_res(value=70.0, baseline=76.1), _res(value=71.0)])  # one of two is not most
    assert not choose_delta([])


def test_the_pareto_front_for_higher_is_better():
    pts = [
        Point(0.3, 76.0, "a"),
        Point(0.5, 75.0, "b"),
        Point(0.5, 74.0, "c"),
        Point(0.7, 70.0, "d"),
        Point(0.4, 74.5, "e"),
    ]
    front = pareto_front(pts, higher_is_better=True)
    assert [p.row for p in front] == ["a", "b", "d"]
    assert [p.row for p in pts if p.front] == ["a", "b", "d"]  # c: b does better at the same compression


def test_the_pareto_front_for_lower_is_better():
    pts = [
        Point(0.3, 6.9, "a"),
        Point(0.5, 7.2, "b"),
        Point(0.5, 11.0, "c"),
        Point(0.6, 9.0, "d"),
        Point(0.2, 8.0, "e"),
    ]
    front = pareto_front(pts, higher_is_better=False)
    assert [p.row for p in front] == ["a", "b", "d"]  # e: a removes more and is better


def test_the_front_of_equal_points_keeps_them_both():
    pts = [Point(0.5, 7.0, "a"), Point(0.5, 7.0, "b"), Point(0.6, 7.0, "c")]
    assert [p.row for p in pareto_front(pts, higher_is_better=False)] == ["c"]  # c removes more, as good
    pts = [Point(0.5, 7.0, "a"), Point(0.5, 7.0, "b")]
    assert {p.row for p in pareto_front(pts, higher_is_better=False)} == {"a", "b"}


# ---------------------------------------------------------------------------------------------
# The pages


def _pages(root: Path) -> dict[str, str]:
    return {path: page.inline() for path, page in section_pages(load_catalog(root)).items()}


def test_the_notes_say_where_set_ups_differ(tmp_catalog: Path):
    _llm_catalog(tmp_catalog)
    pages = _pages(tmp_catalog)
    llm, cifar = pages["results/wikitext-2-llama-7b.md"], pages["results/cifar-10-resnet-56.md"]
    assert "Set-ups differ" in llm
    assert "The dense baselines differ (5.47, 5.68)" in llm
    assert "2 of 5 results were fine-tuned after pruning and 3 were not" in llm
    assert "1 of 5 results was measured by a third party" in llm
    assert "1 of 5 results was reported in another metric than perplexity" in llm
    assert "Set-ups differ" not in cifar  # one result: nothing differs


def test_the_benchmark_page_has_table_chart_and_chart_data(tmp_catalog: Path):
    _llm_catalog(tmp_catalog)
    page = _pages(tmp_catalog)["results/wikitext-2-llama-7b.md"]
    points = re.findall(r'<a href="([^"]+)" class="pc-r-point([^"]*)" style="[^"]*" data-key="([^"]+)"', page)
    assert len(points) == 4
    assert {href for href, _c, _k in points} == {f"../../papers/{k}/" for k in ("alpha2023", "beta2024", "gamma2024")}
    on_front = sorted(k for _h, cls, k in points if "pc-r-on-front" in cls)
    assert on_front == ["alpha2023", "beta2024", "gamma2024"]  # 6.9 at 30%, 7.2 at 50%, 9.0 at 60%
    assert sum("pc-r-reproduced" in cls for _h, cls, _k in points) == 1
    assert '<polyline class="pc-r-front"' in page
    assert "<summary>Chart data</summary>" in page
    # the change, signed with a real minus or a plus, and said in words
    assert '<span class="pc-r-worse">+1.52 <span class="pc-r-word">(worse)</span></span>' in page
    assert 'reproduced by <a href="../../papers/beta2024/">Beta</a>' in page
    table = page[page.index('<table class="pc-r-tab pc-r-table"') :]
    assert table.count("<tr data-key=") == 5
    assert "(Mean zero-shot accuracy)" in table  # the other metric is named in its row
    # the five axes share one Labels column, and the compression column is the one the rows give
    assert ">Labels</th>" in table and ">Sparsity</th>" in table
    assert not any(f">{h}</th>" in table for h in ("Speedup", "When", "Criteria", "Learn", "Fusion"))
    assert "FLOPs removed</th>" not in table
    beta = table[table.index('<tr data-key="beta2024">') :]
    labels = beta[beta.index('<td class="pc-r-labels">') : beta.index("</td>")]
    chips = re.findall(r'<a href="([^"]+)" class="pc-chip[^"]*"[^>]*>([^<]+)</a>', labels)
    assert chips == [
        ("../../taxonomy/speedup/unstructured/", "Unstructured"),
        ("../../taxonomy/when/post-training/", "Post-training"),
        ("../../taxonomy/criteria/magnitude/", "Magnitude"),
    ]
    assert "Learn: " in labels and "Fusion: " in labels  # not labelled yet: the axis names itself
    alpha = table[table.index('<tr data-key="alpha2023">') :]
    assert alpha[: alpha.index("</td>")].endswith(">not yet labelled</span>")  # once, not per axis


def test_a_change_only_result_is_charted_by_its_change(tmp_catalog: Path):
    _llm_catalog(tmp_catalog)
    page = _pages(tmp_catalog)["results/cifar-10-resnet-56.md"]
    assert "Change in top-1 accuracy (pp)" in page and "FLOPs removed (%)" in page
    assert "<td>50%</td><td>−0.9 pp</td>" in page  # the chart data table
    assert '<span class="pc-r-worse">−0.9\u00a0pp' in page  # the number keeps its unit when the cell wraps
    assert re.findall(r"^## (.+)$", html.unescape(page), re.M) == ["Top-1 change vs FLOPs removed", "All results"]


def test_a_benchmark_page_has_a_heading_chart_and_data_table_per_measure(tmp_catalog: Path):
    _imagenet_catalog(tmp_catalog)
    pages = _pages(tmp_catalog)
    page = pages["results/imagenet-resnet-50.md"]
    assert page.startswith("---\nhide:\n  - navigation\n  - toc\n---\n# ImageNet")  # front matter, then the title
    headings = re.findall(r"^## (.+)$", html.unescape(page), re.M)  # Markdown's own characters escaped
    assert headings == ["Top-1 accuracy vs sparsity", "Top-1 change vs FLOPs removed", "All results"]
    titles = re.findall(r'<title id="([^"]+)">([^<]+)</title>', page)
    assert [i for i, _t in titles] == [
        "pc-r-imagenet-resnet-50-sparsity-title",
        "pc-r-imagenet-resnet-50-flops_reduction-title",
    ]
    assert [t.split(": ", 1)[1] for _i, t in titles] == [
        "top-1 accuracy (%) against sparsity",
        "change in top-1 accuracy (pp) against FLOPs removed",
    ]
    assert page.count("<summary>Chart data</summary>") == 2
    data = page.split("<summary>Chart data</summary>")[1:]
    assert [d.split("</table>")[0].count('<tr><th scope="row">') for d in data] == [4, 3]
    assert "against each measure of compression that at least 3 results give: sparsity, FLOPs removed" in page
    assert "7 of the 10 results are in a chart" in page
    index = pages["results/index.md"]
    assert '<th scope="col">Charted</th>' in index and "In the chart" not in index
    assert "<td>10</td><td>4</td><td>7</td></tr>" in index  # results, papers, rows in a chart


def test_the_index_lists_benchmarks_and_every_result_with_its_source(tmp_catalog: Path):
    _llm_catalog(tmp_catalog)
    index = _pages(tmp_catalog)["results/index.md"]
    assert "as reported by the authors" in index
    assert '<a href="wikitext-2-llama-7b/">WikiText-2 × LLaMA-7B</a>' in index
    assert '<a href="cifar-10-resnet-56/">CIFAR-10 × ResNet-56</a>' in index
    assert index.index("wikitext-2-llama-7b/") < index.index("cifar-10-resnet-56/")
    every = index[index.index('<table class="pc-r-tab pc-r-all"') :]
    assert every.count('<a href="https://arxiv.org/abs/2301.00774" rel="noopener">arxiv.org</a>, Table 1') == 6


def test_catalog_text_is_escaped(tmp_catalog: Path):
    _paper(
        tmp_catalog,
        "evil2024",
        2024,
        [
            _result(
                value=7.0,
                baseline=5.68,
                sparsity=0.5,
                note=HOSTILE,
                reproduced_by=HOSTILE,
                source={"url": "https://example.org/a?b=1&c=<x>", "where": HOSTILE},
            )
        ],
        title=HOSTILE,
    )
    pages = _pages(tmp_catalog)
    paper = PaperPages(load_catalog(tmp_catalog)).page(load_catalog(tmp_catalog).papers[0]).inline()
    for text in (pages["results/index.md"], pages["results/wikitext-2-llama-7b.md"], paper):
        assert HOSTILE not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_an_empty_catalog_says_there_are_no_results_yet(tmp_catalog: Path):
    pages = _pages(tmp_catalog)
    assert [p for p in pages if p.startswith("results/")] == ["results/index.md"]
    assert "No results have been recorded in the catalog yet" in pages["results/index.md"]
    assert "<table" not in pages["results/index.md"]


def test_a_paper_page_lists_its_results_and_one_without_has_no_section(tmp_catalog: Path):
    catalog = _llm_catalog(tmp_catalog)
    _paper(tmp_catalog, "zeta2020", 2020, [])
    catalog = load_catalog(tmp_catalog)
    pages = PaperPages(catalog)
    by_key = catalog.by_key()
    alpha = pages.page(by_key["alpha2023"]).inline()
    assert "## Results" in alpha
    assert alpha.count('<a href="../../results/wikitext-2-llama-7b/">WikiText-2 × LLaMA-7B</a>') == 2
    assert "sparsity 50% (2:4)" in alpha and "reproduced by" in alpha
    assert "## Results" not in pages.page(by_key["zeta2020"]).inline()
