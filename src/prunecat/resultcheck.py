"""The checks of an entry's `results:`: ids from the taxonomy's vocabulary, values in their metric's
range, compression as fractions, a source for every result. Called by entrycheck.EntryCheck, so
`catalog check`, the build, `add` and `fmt` apply the same rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .fields import RESULT_FIELDS
from .links import check_url
from .model import Result
from .problems import did_you_mean, show
from .taxonomy import Metric, ResultVocabulary

if TYPE_CHECKING:
    from .entrycheck import EntryCheck

#: Compression figures are fractions of the dense model; 1 would mean nothing is left.
FRACTIONS = ("sparsity", "flops_reduction", "params_reduction")
_PATTERN = re.compile(r"^(\d+):(\d+)$")
#: How far a printed change may be from value - baseline (the sources round to two decimals).
CHANGE_TOLERANCE = 0.015
MAX_SPEEDUP = 1000.0


def check_results(check: EntryCheck, value: Any, vocabulary: ResultVocabulary) -> tuple[Result, ...]:
    """The entry's results, each error reported with its field path (results.2.value) and line."""
    if value is None:
        return ()
    if not isinstance(value, list):
        check.error(("results",), "'results' must be a list: each item starts with `- dataset: ...`")
        return ()
    if value and not vocabulary.datasets:
        check.error(("results",), "the taxonomy defines no `results:` vocabulary (datasets, models, metrics)")
        return ()
    results = []
    seen: set[tuple] = set()
    for i, item in enumerate(value):
        result = _result(check, ("results", i), item, vocabulary)
        if result is None:
            continue
        same = (result.benchmark, result.metric, result.value, result.change, result.sparsity, result.flops_reduction,
                result.params_reduction, result.pattern, result.reproduced_by, result.note, result.source_url)  # fmt: skip
        if same in seen:
            check.warn(("results", i), "this result repeats an earlier one of the entry; remove one")
        seen.add(same)
        results.append(result)
    return tuple(results)


# ---------------------------------------------------------------------------------------------
# Helpers


def _result(check: EntryCheck, at: tuple, item: Any, vocabulary: ResultVocabulary) -> Result | None:
    if not isinstance(item, dict):
        check.error(at, f"a result is a mapping with dataset, model, metric, value and source; got {show(item)}")
        return None
    ok = True
    for name in item:
        if name not in RESULT_FIELDS:
            check.error(at + (name,), f"unknown result field '{name}'; {did_you_mean(str(name), RESULT_FIELDS)}")
            ok = False
    ids = {}
    for name, known in (("dataset", vocabulary.datasets), ("model", vocabulary.models), ("metric", vocabulary.metrics)):
        given = item.get(name)
        if given is None:
            check.error(at, f"the result has no {name}; add `{name}: <id>` ({did_you_mean('', known)})")
            ok = False
        elif str(given) not in known:
            hint = did_you_mean(str(given), known)
            check.error(at + (name,), f"unknown {name} '{given}'; {hint}; new ids go in taxonomy.yml, `results:`")
            ok = False
        else:
            ids[name] = str(given)
    metric = vocabulary.metrics.get(ids.get("metric", ""))
    numbers = {name: _number(check, at, item, name) for name in ("value", "baseline", "change", "speedup", *FRACTIONS)}
    if any(n is _BAD for n in numbers.values()):
        ok = False
    numbers = {k: (None if v is _BAD else v) for k, v in numbers.items()}
    if metric is not None:
        ok &= _in_range(check, at, metric, numbers)
    if item.get("value") is None and item.get("change") is None:
        check.error(at, "the result has neither value nor change; give the pruned model's `value:` (or `change:`)")
        ok = False
    ok &= _fractions(check, at, numbers)
    if numbers["speedup"] is not None and not 0 < numbers["speedup"] <= MAX_SPEEDUP:
        check.error(at + ("speedup",), f"speedup {numbers['speedup']} is not a factor between 0 and {MAX_SPEEDUP:g}")
        ok = False
    pattern = _pattern(check, at, item.get("pattern"))
    finetuned = item.get("finetuned")
    if finetuned is not None and not isinstance(finetuned, bool):
        check.error(at + ("finetuned",), f"'finetuned' must be true or false, got {show(finetuned)}")
        ok = False
    texts = {name: _text(check, at, item, name, limit) for name, limit in (("reproduced_by", 200), ("note", 400))}
    source = _source(check, at, item.get("source"))
    if not ok or pattern is None or source is None or None in texts.values():
        return None
    return Result(
        dataset=ids["dataset"],
        model=ids["model"],
        metric=ids["metric"],
        source_url=source[0],
        source_where=source[1],
        pattern=pattern,
        finetuned=finetuned,
        reproduced_by=texts["reproduced_by"] or "",
        note=texts["note"] or "",
        **numbers,
    )


_BAD = object()  # a number field that was present but not a number


def _number(check: EntryCheck, at: tuple, item: dict, name: str) -> Any:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        check.error(at + (name,), f"'{name}' must be a number such as 74.98, got {show(value)} (no % sign, no quotes)")
        return _BAD
    return float(value)


def _in_range(check: EntryCheck, at: tuple, metric: Metric, numbers: dict) -> bool:
    ok = True
    unit = metric.unit or ""
    for name in ("value", "baseline"):
        v = numbers[name]
        if v is not None and not metric.low <= v <= metric.high:
            hint = " (accuracies are percentages: 74.98, not 0.7498)" if unit == "%" and 0 < v < 1 else ""
            check.error(
                at + (name,),
                f"{name} {v:g} is outside the range of {metric.name} ({metric.low:g} to {metric.high:g}{unit}){hint}",
            )
            ok = False
        elif v is not None and unit == "%" and metric.higher_is_better and 0 < v < 1:
            check.warn(
                at + (name,), f"{name} {v:g}% looks like a fraction; accuracies are percentages (75.3, not 0.753)"
            )
    change = numbers["change"]
    if change is not None and abs(change) > metric.high - metric.low:
        check.error(at + ("change",), f"change {change:g} is larger than the whole range of {metric.name}")
        ok = False
    value, baseline = numbers["value"], numbers["baseline"]
    if ok and None not in (change, value, baseline) and abs(value - baseline - change) > CHANGE_TOLERANCE:
        check.error(
            at + ("change",),
            f"change {change:g} disagrees with value - baseline = {value - baseline:.2f}; "
            "leave `change` out when value and baseline are given",
        )
        ok = False
    return ok


def _fractions(check: EntryCheck, at: tuple, numbers: dict) -> bool:
    ok = True
    for name in FRACTIONS:
        v = numbers[name]
        if v is None:
            continue
        if not 0 <= v < 1:
            hint = f"; write {name}: {v / 100:g} for {v:g}%" if 1 <= v < 100 else ""
            check.error(at + (name,), f"{name} {v:g} is not a fraction between 0 and 1 (0.5 = half removed){hint}")
            ok = False
    return ok


def _pattern(check: EntryCheck, at: tuple, value: Any) -> str | None:
    """'' for no pattern, the pattern, or None when it is malformed (reported)."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 2:4 as the base-60 number 124
        check.error(at + ("pattern",), f'pattern {value} was read as a number; quote it: pattern: "2:4"')
        return None
    match = _PATTERN.match(str(value).strip())
    if not match or not 0 < int(match.group(1)) < int(match.group(2)):
        check.error(at + ("pattern",), f'pattern {show(value)} is not an N:M pattern such as "2:4" (N < M)')
        return None
    return str(value).strip()


def _text(check: EntryCheck, at: tuple, item: dict, name: str, limit: int) -> str | None:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str) or "\n" in value.strip() or len(value) > limit:
        check.error(at + (name,), f"'{name}' must be one line of text (at most {limit} characters), got {show(value)}")
        return None
    return value.strip()


def _source(check: EntryCheck, at: tuple, value: Any) -> tuple[str, str] | None:
    if value is None:
        check.error(
            at,
            "the result has no source; add `source:` with `url:` (the page or file you read) and `where:` (the table)",
        )
        return None
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict):
        check.error(at + ("source",), f"'source' must be a mapping with url and where, got {show(value)}")
        return None
    for name in value:
        if name not in ("url", "where"):
            check.error(at + ("source", name), f"unknown source field '{name}'; allowed: url, where")
            return None
    url = value.get("url")
    problem = check_url(url) if isinstance(url, str) else "an empty link"
    if problem:
        check.error(at + ("source", "url"), f"source url {show(url)}: {problem}")
        return None
    where = value.get("where") or ""
    if not isinstance(where, str) or "\n" in where.strip() or len(where) > 200:
        check.error(at + ("source", "where"), f"'where' must be one line of text, got {show(where)}")
        return None
    return url.strip(), where.strip()
