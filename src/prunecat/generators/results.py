"""The /results/ pages: every reported result of the catalog, grouped by benchmark (dataset x model).

A benchmark exists as soon as one paper reports a result on it. Its page (templates/benchmark.html)
has a sortable table of every row (a paper and one of its results) and a chart of the dataset's
metric against each compression measure (FLOPs, parameters or weights removed) that at least
MIN_POINTS of the rows reporting that metric give (results_chart.py), the measure with the most
points first; when no measure has that many, the one with the most points alone. Each chart has its
own Pareto front and its own y-axis: the change from the dense baseline when most of its rows give
one, else the value itself. Unstructured methods report sparsity and structured ones FLOPs removed,
so one chart against a single measure would leave half of a benchmark's methods out.
The index (templates/results.html) lists the benchmarks and every result with its source; a paper's
page lists its own results (`paper_results`, templates/paper.html).

The numbers are shown as the authors (or, marked, a third party) report them; the pages say where
the set-ups of a benchmark differ (dense baselines, fine-tuning) rather than adjust anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from jinja2 import Environment

from ..model import Catalog, Paper, Result
from ..taxonomy import Architecture, Dataset, Metric, ResultVocabulary
from ..templating import Chips, environment, page_text
from ..urls import RESULTS, SECTION_SOURCES, benchmark_source, benchmark_url, href, paper_url
from .blocks import PageText
from .results_chart import Point, chart, fraction_text, number_text, pareto_front, signed_text

#: The compression figures a chart can use as its x-axis, in the order that wins a tie.
X_FIELDS = ("flops_reduction", "params_reduction", "sparsity")
X_NAMES = {"flops_reduction": "FLOPs removed", "params_reduction": "Parameters removed", "sparsity": "Sparsity"}
#: A measure gets its own chart from this many points on (fewer: a line of dots says little).
MIN_POINTS = 3


@dataclass(frozen=True)
class Row:
    """One line of a benchmark table: a paper and one of its results."""

    paper: Paper
    result: Result
    charted: bool  # reports the metric the benchmark charts
    reproduced_name: str = ""  # who reproduced it: the method of that catalog paper, or the name given

    @property
    def method(self) -> str:
        """What the row is called: the algorithm, else the title up to its colon (shortened)."""
        return method_name(self.paper)


@dataclass
class Chart:
    """One chart of a benchmark: its metric (or the change) against one compression measure."""

    x_field: str  # one of X_FIELDS
    y_delta: bool  # the change from the baseline (else the value)
    metric: Metric
    points: list[Point] = field(default_factory=list)

    @property
    def x_name(self) -> str:
        return X_NAMES[self.x_field]

    @property
    def x_words(self) -> str:
        """The measure in running text: 'sparsity', 'FLOPs removed' (not 'flops')."""
        return self.x_name if self.x_field == "flops_reduction" else self.x_name.lower()

    @property
    def y_name(self) -> str:
        if self.y_delta:  # a change of a percentage is in percentage points
            unit = " (pp)" if self.metric.unit == "%" else f" ({self.metric.unit})" if self.metric.unit else ""
            return f"Change in {self.metric.name.lower()}{unit}"
        return f"{self.metric.name} ({self.metric.unit})" if self.metric.unit else self.metric.name

    @property
    def heading(self) -> str:
        """'Top-1 change vs FLOPs removed', 'Perplexity vs sparsity'."""
        name = self.metric.name
        x = self.x_words
        if self.y_delta:  # "Top-1 accuracy change" reads heavily: the top-k accuracies by their k
            short = name.removesuffix(" accuracy") if name.startswith("Top-") else name
            return f"{short} change vs {x}"
        return f"{name} vs {x}"


@dataclass
class Benchmark:
    id: str  # dataset-model, the page's URL part
    dataset: Dataset
    model: Architecture
    metric: Metric  # the one the charts show (the dataset's)
    rows: list[Row] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)  # most points first; empty: nothing to plot
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return benchmark_name(self.dataset, self.model)

    @property
    def papers(self) -> int:
        return len({row.paper.key for row in self.rows})

    @property
    def charted(self) -> int:
        """How many rows are in at least one chart (a row giving two measures is in two)."""
        return len({id(p.row) for c in self.charts for p in c.points})


def benchmark_name(dataset: Dataset, model: Architecture) -> str:
    """What a benchmark is called on every page: "ImageNet (ILSVRC-2012) × ResNet-50"."""
    return f"{dataset.name} × {model.name}"


def method_name(paper: Paper) -> str:
    if paper.algorithm:
        return paper.algorithm
    head = paper.title.split(":")[0].strip() or paper.title
    return head if len(head) <= 48 else head[:47].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Grouping and the chart's choices


def benchmarks(catalog: Catalog, names: dict[str, str] | None = None) -> list[Benchmark]:
    """Every benchmark with a result, most results first (then by name); `names`: method_names."""
    vocab = catalog.taxonomy.results
    names = names if names is not None else method_names(catalog)
    groups: dict[str, Benchmark] = {}
    for paper in catalog.papers:
        for result in paper.results:
            bench = groups.get(result.benchmark)
            if bench is None:
                dataset = vocab.datasets[result.dataset]
                bench = groups[result.benchmark] = Benchmark(
                    result.benchmark, dataset, vocab.models[result.model], vocab.metrics[dataset.metric]
                )
            who = names.get(result.reproduced_by, result.reproduced_by)
            bench.rows.append(Row(paper, result, result.metric == bench.dataset.metric, who))
    out = sorted(groups.values(), key=lambda b: (-len(b.rows), b.name.lower(), b.id))
    for bench in out:
        _decide(bench)
    return out


def _decide(bench: Benchmark) -> None:
    """The charts with their points and fronts, and the notes on differing set-ups."""
    charted = [row for row in bench.rows if row.charted]
    bench.charts = choose_charts(charted, bench.metric)
    for c in bench.charts:
        pareto_front(c.points, bench.metric.higher_is_better)
    bench.notes = setup_notes(bench, charted)


def choose_charts(rows: list[Row], metric: Metric) -> list[Chart]:
    """A chart per compression measure with at least MIN_POINTS points, most points first (a tie
    goes to the earlier of X_FIELDS); when none has that many, the one with the most points (then
    the most rows giving it) alone, so a benchmark with a point or two still shows them."""
    candidates: list[tuple[Chart, int]] = []  # a chart and how many rows give its measure
    for name in X_FIELDS:
        given = [row for row in rows if getattr(row.result, name) is not None]
        if not given:
            continue
        delta = choose_delta([row.result for row in given])  # most of ITS rows, not the benchmark's
        one = Chart(name, delta, metric)
        for row in given:
            y = row.result.delta if delta else row.result.value
            if y is not None:
                one.points.append(Point(getattr(row.result, name), y, row))
        if one.points:
            candidates.append((one, len(given)))
    kept = sorted((c for c, _n in candidates if len(c.points) >= MIN_POINTS), key=lambda c: -len(c.points))
    if not kept and candidates:  # sorted() is stable: X_FIELDS order breaks the ties
        kept = [sorted(candidates, key=lambda cn: (-len(cn[0].points), -cn[1]))[0][0]]
    return kept


def choose_delta(results: list[Result]) -> bool:
    """Chart the change from the baseline when more than half of the results give one."""
    return 2 * sum(1 for r in results if r.delta is not None) > len(results)


def setup_notes(bench: Benchmark, charted: list[Row]) -> list[str]:
    """Sentences on where the rows' set-ups differ, so a reader compares with care."""
    notes = []
    unit = bench.metric.unit
    baselines = sorted({row.result.baseline for row in charted if row.result.baseline is not None})
    if len(baselines) > 1:
        notes.append(
            f"The dense baselines differ ({', '.join(number_text(b, unit) for b in baselines)}): the papers trained "
            f"or evaluated their starting models differently, so compare the changes rather than the values."
        )
    tuned = Counter(row.result.finetuned for row in bench.rows)
    if tuned[True] and tuned[False]:
        notes.append(
            f"{_of(tuned[True], len(bench.rows))} fine-tuned after pruning and {tuned[False]} "
            f"{'was' if tuned[False] == 1 else 'were'} not"
            + (f" ({tuned[None]} {'does' if tuned[None] == 1 else 'do'} not say)" if tuned[None] else "")
            + ": retraining usually recovers accuracy, so the two kinds are not a like-for-like comparison."
        )
    third = sum(1 for row in bench.rows if row.result.reproduced_by)
    if third:
        notes.append(
            f"{_of(third, len(bench.rows))} measured by a third party, not by the method's authors "
            f"(marked “reproduced by” in the table)."
        )
    other = sum(1 for row in bench.rows if not row.charted)
    if other:
        notes.append(
            f"{_of(other, len(bench.rows))} reported in another metric than {bench.metric.name.lower()}, "
            "so only the table shows them."
        )
    return notes


def _of(part: int, whole: int) -> str:
    """'1 of 4 results was', '2 of 4 results were'."""
    return f"{part} of {whole} result{'s' if whole != 1 else ''} {'was' if part == 1 else 'were'}"


# ---------------------------------------------------------------------------------------------
# Cells: what a row shows, as plain text (the templates escape and mark it up)


def change_cell(result: Result, metric: Metric) -> dict | None:
    """The signed change from the baseline and whether it is better or worse, in words too."""
    delta = result.delta
    if delta is None:
        return None
    unit = " pp" if metric.unit == "%" else metric.unit  # a change of a percentage is in points
    if delta == 0:
        return {"text": signed_text(delta, unit), "sort": 0.0, "verdict": "same", "word": "unchanged"}
    better = (delta > 0) == metric.higher_is_better
    word = "better" if better else "worse"
    return {"text": signed_text(delta, unit), "sort": delta, "verdict": word, "word": word}


def compression_cells(result: Result) -> dict[str, str]:
    """Sparsity (with its N:M pattern), FLOPs and parameters removed, speed-up: the ones given."""
    out = {}
    if result.sparsity is not None or result.pattern:
        text = fraction_text(result.sparsity) if result.sparsity is not None else ""
        out["sparsity"] = f"{text} ({result.pattern})" if text and result.pattern else text or result.pattern
    if result.flops_reduction is not None:
        out["flops_reduction"] = fraction_text(result.flops_reduction)
    if result.params_reduction is not None:
        out["params_reduction"] = fraction_text(result.params_reduction)
    if result.speedup is not None:
        out["speedup"] = f"{result.speedup:g}×"
    return out


COMPRESSION_HEADS = {
    "sparsity": "Sparsity",
    "flops_reduction": "FLOPs removed",
    "params_reduction": "Params removed",
    "speedup": "Speed-up",
}
#: The same in running text ("sparsity 50% · FLOPs removed 40%").
COMPRESSION_WORDS = {"sparsity": "sparsity", "flops_reduction": "FLOPs removed", "params_reduction": "params removed",
                     "speedup": "speed-up"}  # fmt: skip


def reproduced_link(result: Result, names: dict[str, str], at: str) -> dict | None:
    """Who measured the result when not its authors: a link to that paper's page (named by its
    method) when it is a catalog key, else the name as text."""
    who = result.reproduced_by
    if not who:
        return None
    if who in names:
        return {"name": names[who], "url": href(at, paper_url(who))}
    return {"name": who, "url": ""}


def method_names(catalog: Catalog) -> dict[str, str]:
    """Catalog key -> method name, for the "reproduced by" links."""
    return {p.key: method_name(p) for p in catalog.papers}


def row_view(paper: Paper, result: Result, vocab: ResultVocabulary, names: dict[str, str], at: str) -> dict:
    """Everything a table row shows of one result, as text and links relative to `at`."""
    metric = vocab.metrics[result.metric]
    compression = compression_cells(result)
    return {
        "paper": paper,
        "result": result,
        "method": method_name(paper),
        "url": href(at, paper_url(paper.key)),
        "benchmark": benchmark_name(vocab.datasets[result.dataset], vocab.models[result.model]),
        "benchmark_url": href(at, benchmark_url(result.benchmark)),
        "metric": metric,
        "value": number_text(result.value, metric.unit) if result.value is not None else "",
        "baseline": number_text(result.baseline, metric.unit) if result.baseline is not None else "",
        "change": change_cell(result, metric),
        "compression": compression,
        "compression_text": " · ".join(f"{COMPRESSION_WORDS[k]} {v}" for k, v in compression.items()),
        "finetuned": {True: "yes", False: "no", None: "not said"}[result.finetuned],
        "reproduced": reproduced_link(result, names, at),
        "source_host": urlsplit(result.source_url).netloc.removeprefix("www.") or "source",
    }


def paper_results(catalog: Catalog, paper: Paper, names: dict[str, str] | None = None) -> list[dict]:
    """The rows of a paper page's Results section (empty for a paper without results); `names`:
    method_names(catalog), made once per build by the caller that makes many pages."""
    if not paper.results:
        return []
    names = names if names is not None else method_names(catalog)
    at = paper_url(paper.key)
    return [row_view(paper, r, catalog.taxonomy.results, names, at) for r in paper.results]


# ---------------------------------------------------------------------------------------------
# Pages


def results_pages(catalog: Catalog, env: Environment | None = None, chips: Chips | None = None) -> dict[str, PageText]:
    """The index and one page per benchmark, keyed by their docs/ source path."""
    env = env or environment()
    chips = chips or Chips(env)
    names = method_names(catalog)
    vocab = catalog.taxonomy.results
    benches = benchmarks(catalog, names)
    pages = {benchmark_source(b.id): benchmark_page(catalog, b, names, env, chips) for b in benches}
    rows = [
        row_view(row.paper, row.result, vocab, names, RESULTS) for b in benches for row in b.rows
    ]  # the index lists every result, grouped as the benchmarks are
    index = [{"bench": b, "url": href(RESULTS, benchmark_url(b.id)), "charted": b.charted} for b in benches]
    text = env.get_template("results.html").render(
        benchmarks=index, rows=rows, results=sum(len(b.rows) for b in benches), at=RESULTS
    )
    return {SECTION_SOURCES[RESULTS]: page_text(text), **pages}


def benchmark_page(
    catalog: Catalog, bench: Benchmark, names: dict[str, str], env: Environment, chips: Chips
) -> PageText:
    at = benchmark_url(bench.id)
    vocab = catalog.taxonomy.results
    rows = [row_view(row.paper, row.result, vocab, names, at) for row in bench.rows]
    columns = [c for c in COMPRESSION_HEADS if any(c in r["compression"] for r in rows)]
    drawn = [chart(bench, c, at) for c in bench.charts]
    text = env.get_template("benchmark.html").render(
        bench=bench,
        rows=rows,
        columns=[(c, COMPRESSION_HEADS[c]) for c in columns],
        axes=catalog.taxonomy.axes,
        charts=drawn,
        min_points=MIN_POINTS,
        index=href(at, RESULTS),
        at=at,
        chips=chips,
    )
    return page_text(text, title=bench.name)
