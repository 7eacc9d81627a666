"""`catalog todo`: the maintainers' worklist (unlabelled axes, incomplete metadata, suspected duplicates)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import textwrap

from ..curation import Worklist, not_ready, worklist
from ..load import load_catalog, load_incoming
from ..taxonomy import AXIS_IDS

_WIDTH = 100


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "todo",
        help="the maintainers' worklist: unlabelled papers, incomplete metadata, suspected duplicates",
        description="Print what maintainers should look at: papers not yet labelled on an axis, papers with "
        "incomplete metadata, and pairs of entries that may be the same paper. Entries with errors "
        "are left out (see `catalog check`).",
    )
    parser.add_argument(
        "--axis", choices=AXIS_IDS, help="only the papers not yet labelled on this axis, with their titles"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD|today",
        help="judge the age of preprints against this date (default: the newest `added` date "
        "in the catalog, as the /curation/ page does)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.root, strict=False)
    work = worklist(catalog, today=args.today, axes=(args.axis,) if args.axis else AXIS_IDS)
    errors = sum(1 for p in catalog.warnings if p.severity == "error")
    if args.format == "json":
        data = work.as_dict()
        if args.axis:
            del data["incomplete"], data["duplicates"]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    titles = {p.key: p.title for p in catalog.papers}
    print(render_text(work, titles, only_axis=bool(args.axis)))
    if not args.axis:
        print(_queue_line(args.root, catalog))
    if errors:
        print(
            f"\nnote: {errors} error(s) in the catalog; entries with errors are not in this list (run `catalog check`)."
        )
    return 0


def _queue_line(root, catalog) -> str:
    """How many imported papers wait in incoming/, and how many of them are ready to promote."""
    queue, _ = load_incoming(root, catalog.taxonomy)
    ready = sum(1 for p in queue if not not_ready(p))
    return (
        f"\nCuration queue (incoming/): {len(queue)} imported paper(s) awaiting curation, {ready} ready "
        "for `catalog promote`."
    )


def render_text(work: Worklist, titles: dict[str, str], *, only_axis: bool = False) -> str:
    out = [f"Worklist for {work.papers} paper(s).", "", "Axes (labelled / [none] / [unclear] / not yet examined):"]
    for group in work.unlabelled:
        out.append(
            f"  {group.axis} ({group.axis_name}): {group.labelled} / {group.none} / {len(group.unclear)} / "
            f"{group.count} paper(s) not yet examined"
        )
        if group.unclear and not only_axis:
            out.extend(_keys_wrapped("unclear", group.unclear))
        if only_axis:
            out.extend(f"    {key}  {titles.get(key, '')}" for key in group.keys)
        elif group.keys:
            out.extend(_keys_wrapped("not yet examined", group.keys))
    if only_axis:
        return "\n".join(out)
    out += ["", f"Incomplete metadata: {len(work.incomplete)} paper(s)"]
    for item in work.incomplete:
        out.append(f"  {item.key} ({item.path}): {'; '.join(item.reasons)}")
    out += ["", f"Suspected duplicates: {len(work.duplicates)} pair(s)"]
    for pair in work.duplicates:
        out.append(f"  {pair.first} / {pair.second}: {'; '.join(pair.reasons)}")
    return "\n".join(out)


def _date(text: str) -> dt.date:
    if text == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write YYYY-MM-DD (e.g. 2026-01-31) or 'today'"
        ) from None


def _keys_wrapped(label: str, keys) -> list[str]:
    """`label: key, key, ...` wrapped under an axis line (keys never broken at their hyphens)."""
    return textwrap.wrap(
        f"{label}: " + ", ".join(keys),
        _WIDTH,
        initial_indent="    ",
        subsequent_indent="      ",
        break_on_hyphens=False,
    )
