"""The survey's taxonomy (`catalog/taxonomy.yml`): axes, categories and facets, loaded once."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from .problems import CatalogError, Problem
from .reading import Refused, read_bytes
from .yamlio import load_yaml_text

#: The axes of the survey, in the survey's order. taxonomy.yml must define exactly these.
AXIS_IDS = ("speedup", "when", "criteria", "learn", "fusion")

MAX_TAXONOMY_BYTES = 1024 * 1024

#: A label value meaning "a maintainer checked this axis and no category applies".
NONE_LABEL = "none"

#: A label value meaning "a maintainer read the paper, and its public text does not tell".
UNCLEAR_LABEL = "unclear"

#: Label values that record an examination rather than a category.
STATE_LABELS = (NONE_LABEL, UNCLEAR_LABEL)

#: The search facet and `catalog export` flag of papers with results: its values are dataset ids.
RESULTS_DIMENSION = "results"

#: Where an axis label can come from besides a source list: the paper itself, read.
PAPER_SOURCE = "paper"


@dataclass(frozen=True)
class Category:
    """A category of an axis; `parent` is set for a sub-category."""

    id: str
    name: str
    about: str
    axis: str
    parent: str | None = None
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Axis:
    id: str
    name: str
    short: str
    question: str
    about: str
    categories: tuple[Category, ...]  # depth-first: each parent followed by its children

    # lookups are computed once per taxonomy (they run for every entry of a 10,000-paper catalog)

    def category(self, category_id: str) -> Category:
        return self._by_id[category_id]

    def top_level(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.parent is None)

    def ids(self) -> tuple[str, ...]:
        return self._ids

    @cached_property
    def _ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    @cached_property
    def _by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    def with_parents(self, category_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The given categories plus the parents of sub-categories, in taxonomy order."""
        by_id = self._by_id
        wanted = set()
        for cid in category_ids:
            while cid in by_id:
                wanted.add(cid)
                cid = by_id[cid].parent or ""
        return tuple(c for c in self.ids() if c in wanted)


@dataclass(frozen=True)
class FacetValue:
    id: str
    name: str
    code: str = ""
    speedup: str = ""  # for granularity: the speedup category it implies

    @property
    def label(self) -> str:
        return self.code or self.name


@dataclass(frozen=True)
class Facet:
    id: str
    name: str
    about: str
    values: tuple[FacetValue, ...]

    def ids(self) -> tuple[str, ...]:
        return self._ids

    def value(self, value_id: str) -> FacetValue:
        return self._by_id[value_id]

    @cached_property
    def _ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.values)

    @cached_property
    def _by_id(self) -> dict[str, FacetValue]:
        return {v.id: v for v in self.values}


@dataclass(frozen=True)
class Source:
    """A public paper list whose sections or type codes can be the evidence of a label."""

    id: str
    name: str
    url: str
    snapshot: str = ""  # the commit or date of the copy that was read
    #: the day of that copy: papers imported from it get it as their `added` date, the day they
    #: joined this catalog's sources
    date: dt.date | None = None


@dataclass(frozen=True)
class Metric:
    """What a reported result measures: its unit, which direction is better, the values it can take."""

    id: str
    name: str
    unit: str  # shown after a value ("%", or "" for perplexity)
    better: str  # "higher" or "lower"
    low: float  # the smallest and largest value a result may report (a top-1 of 760 is an error)
    high: float

    @property
    def higher_is_better(self) -> bool:
        return self.better == "higher"


@dataclass(frozen=True)
class Dataset:
    """A dataset results are reported on; `metric` is the one its benchmark pages chart."""

    id: str
    name: str
    metric: str


@dataclass(frozen=True)
class Architecture:
    """A network results are reported for (ResNet-50, LLaMA-7B); `family` is a `model` facet id."""

    id: str
    name: str
    family: str


@dataclass(frozen=True)
class ResultVocabulary:
    """The ids a reported result may name (taxonomy.yml, `results:`)."""

    metrics: dict[str, Metric] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    models: dict[str, Architecture] = field(default_factory=dict)


@dataclass(frozen=True)
class Taxonomy:
    survey: dict
    axes: tuple[Axis, ...]
    facets: tuple[Facet, ...]
    aliases: dict = field(default_factory=dict)  # (dimension id, alias) -> value id
    sources: tuple[Source, ...] = ()  # the public lists labels may be taken from
    results: ResultVocabulary = field(default_factory=ResultVocabulary)  # what reported results name

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def axis(self, axis_id: str) -> Axis:
        return self._axes[axis_id]

    def facet(self, facet_id: str) -> Facet:
        return self._facets[facet_id]

    @cached_property
    def _axes(self) -> dict[str, Axis]:
        return {a.id: a for a in self.axes}

    @cached_property
    def _facets(self) -> dict[str, Facet]:
        return {f.id: f for f in self.facets}

    def categories(self) -> Iterator[Category]:
        for axis in self.axes:
            yield from axis.categories

    def allowed(self, dimension: str) -> tuple[str, ...]:
        """Allowed ids for an axis or a facet (without aliases)."""
        if dimension in AXIS_IDS:
            return self.axis(dimension).ids()
        if dimension == RESULTS_DIMENSION:
            return tuple(self.results.datasets)
        return self.facet(dimension).ids()

    @cached_property
    def _allowed_sets(self) -> dict[str, frozenset[str]]:
        dims = AXIS_IDS + tuple(f.id for f in self.facets) + (RESULTS_DIMENSION,)
        return {d: frozenset(self.allowed(d)) for d in dims}

    def resolve(self, dimension: str, value: str) -> str | None:
        """The id that `value` names in an axis or facet (an id or an alias such as `W`), or None."""
        if value in self._allowed_sets.get(dimension, ()):
            return value
        return self.aliases.get((dimension, value)) or self.aliases.get((dimension, value.lower()))


def load_taxonomy(path: Path) -> Taxonomy:
    """Load and check taxonomy.yml; raises CatalogError naming the file and line.

    The same text gives the same Taxonomy object, so entries cached by `load` (keyed by the
    taxonomy they were checked against) stay valid across `mkdocs serve` rebuilds.
    """
    text = _read(path)
    key = str(Path(path).resolve())
    known = _loaded.get(key)
    if known and known[0] == text:
        return known[1]
    data, lines, problems = load_yaml_text(text, str(path))
    if problems:
        raise CatalogError(problems)
    try:
        taxonomy = _build(data)
    except ValueError as exc:
        raise CatalogError([Problem(str(path), 0, f"malformed taxonomy: {exc}; see the comments at its top")])
    except (KeyError, TypeError, AttributeError) as exc:
        what = (
            f"a required key {exc} is missing" if isinstance(exc, KeyError) else f"a value has the wrong shape ({exc})"
        )
        raise CatalogError([Problem(str(path), 0, f"malformed taxonomy: {what}; see the comments at its top")])
    _loaded[key] = (text, taxonomy)
    return taxonomy


_loaded: dict[str, tuple[str, Taxonomy]] = {}  # resolved path -> (text, taxonomy) of the last load


# ---------------------------------------------------------------------------------------------
# Helpers


def _read(path: Path) -> str:
    try:
        return read_bytes(path, MAX_TAXONOMY_BYTES, what="the taxonomy").decode("utf-8")
    except (Refused, UnicodeDecodeError) as exc:
        raise CatalogError([Problem(str(path), 0, f"cannot read the taxonomy: {exc}")])


#: Facets the site and the entries rely on.
REQUIRED_FACETS = ("granularity", "model", "task", "setting", "framework")
#: The search page keeps the values of one axis or facet as bits of one 31-bit integer.
MAX_VALUES = 31


def _build(data: dict) -> Taxonomy:
    axes = tuple(_axis(a) for a in data["axes"])
    if tuple(a.id for a in axes) != AXIS_IDS:
        raise ValueError(f"axes must be exactly {AXIS_IDS} in that order")
    missing = [f for f in REQUIRED_FACETS if f not in {str(facet.get("id")) for facet in data["facets"]}]
    if missing:
        raise ValueError(
            f"the facets {', '.join(missing)} are missing; the taxonomy needs {', '.join(REQUIRED_FACETS)}"
        )
    for group in list(data["axes"]) + list(data["facets"]):
        count = len(group.get("values") or []) + sum(
            1 + len(c.get("children") or []) for c in group.get("categories") or []
        )
        if count > MAX_VALUES:
            raise ValueError(
                f"'{group['id']}' has {count} values; the search handles at most {MAX_VALUES} per axis or facet"
            )
    facets = tuple(
        Facet(
            id=f["id"],
            name=f["name"],
            about=f.get("about", ""),
            values=tuple(
                FacetValue(id=str(v["id"]), name=v["name"], code=str(v.get("code", "")), speedup=v.get("speedup", ""))
                for v in f["values"]
            ),
        )
        for f in data["facets"]
    )
    aliases = {}
    for facet in facets:
        for v in facet.values:
            if v.code:
                aliases[(facet.id, v.code)] = v.id
                aliases[(facet.id, v.code.lower())] = v.id
    sources = tuple(
        Source(
            id=str(s["id"]),
            name=s["name"],
            url=s["url"],
            snapshot=str(s.get("snapshot", "")),
            date=s["date"] if isinstance(s.get("date"), dt.date) else None,
        )
        for s in data.get("sources") or ()
    )
    if {s.id for s in sources} & {PAPER_SOURCE, *STATE_LABELS}:
        raise ValueError(f"a source id cannot be '{PAPER_SOURCE}'")
    return Taxonomy(
        survey=data.get("survey", {}),
        axes=axes,
        facets=facets,
        aliases=aliases,
        sources=sources,
        results=_results(
            data.get("results") or {}, {v.id for v in facets[[f.id for f in facets].index("model")].values}
        ),
    )


def _results(data: dict, families: set[str]) -> ResultVocabulary:
    metrics = {}
    for m in data.get("metrics") or ():
        bounds = m["range"]
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise ValueError(f"metric {m['id']}: range must be [low, high], got {bounds!r}")
        low, high = (float(x) for x in bounds)
        if m["better"] not in ("higher", "lower") or not low < high:
            raise ValueError(f"metric {m['id']}: better must be higher or lower and range [low, high] with low < high")
        metrics[str(m["id"])] = Metric(str(m["id"]), m["name"], str(m.get("unit", "")), m["better"], low, high)
    datasets = {str(d["id"]): Dataset(str(d["id"]), d["name"], str(d["metric"])) for d in data.get("datasets") or ()}
    for d in datasets.values():
        if d.metric not in metrics:
            raise ValueError(f"dataset {d.id}: metric '{d.metric}' is not one of the metrics")
    models = {str(m["id"]): Architecture(str(m["id"]), m["name"], str(m["family"])) for m in data.get("models") or ()}
    for m in models.values():
        if m.family not in families:
            raise ValueError(f"model {m.id}: family '{m.family}' is not a value of the model facet")
    return ResultVocabulary(metrics=metrics, datasets=datasets, models=models)


def _axis(a: dict) -> Axis:
    categories: list[Category] = []
    for c in a["categories"]:
        children = c.get("children", []) or []
        categories.append(_category(c, a["id"], None, tuple(ch["id"] for ch in children)))
        categories.extend(_category(ch, a["id"], c["id"], ()) for ch in children)
    ids = [c.id for c in categories]
    if len(set(ids)) != len(ids) or set(ids) & set(STATE_LABELS):
        raise ValueError(f"category ids of axis {a['id']} must be unique and not {' or '.join(STATE_LABELS)}")
    return Axis(
        id=a["id"],
        name=a["name"],
        short=a.get("short", a["name"]),
        question=a.get("question", ""),
        about=a["about"],
        categories=tuple(categories),
    )


def _category(c: dict, axis: str, parent: str | None, children: tuple[str, ...]) -> Category:
    return Category(id=c["id"], name=c["name"], about=c["about"], axis=axis, parent=parent, children=children)
