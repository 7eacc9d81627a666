"""Papers read and left out of the catalog: `catalog/excluded.yml`.

A queued paper that a curator reads and finds outside the scope, or the same paper as an entry
under another title, is recorded here with the reason (`catalog exclude`), so a re-run of the
import that found it does not queue it again; the import report lists it with that reason.

    - title: Accelerating CNN Training by Pruning Activation Gradients
      arxiv: "1908.00173"          # optional; also doi
      reason: out of scope: sparsifies gradients during training, prunes no network
      read: https://...            # the page the decision was taken on
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import normalize_title
from .problems import UserError
from .reading import Refused, read_bytes

FILE = "excluded.yml"
_CAP = 4 * 1024 * 1024


@dataclass(frozen=True)
class Exclusion:
    title: str
    reason: str
    arxiv: str = ""
    doi: str = ""
    read: str = ""


def load(root: Path) -> list[Exclusion]:
    """The exclusions of the catalog at `root` (none when the file does not exist)."""
    path = Path(root) / FILE
    if not path.exists():
        return []
    try:
        data = yaml.load(read_bytes(path, _CAP, inside=Path(root), what=FILE), Loader=yaml.CSafeLoader) or []
    except (Refused, yaml.YAMLError) as exc:
        raise UserError(f"{path}: {exc}; fix the file (a YAML list of title/reason mappings)") from None
    out = []
    for n, item in enumerate(data if isinstance(data, list) else [None], 1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("title"), str)
            or not isinstance(item.get("reason"), str)
        ):
            raise UserError(f"{path}: item {n} needs `title:` and `reason:` as text (see catalog/README.md)")
        out.append(Exclusion(**{k: str(item.get(k) or "") for k in ("title", "reason", "arxiv", "doi", "read")}))
    return out


def matcher(exclusions: list[Exclusion]):
    """A function (arXiv id, DOI, titles) -> the exclusion of that paper, or None."""
    by = {}
    for e in exclusions:
        for name in (
            f"arxiv:{e.arxiv}" if e.arxiv else "",
            f"doi:{e.doi.lower()}" if e.doi else "",
            "title:" + normalize_title(e.title),
        ):
            if name:
                by.setdefault(name, e)

    def find(arxiv: str, doi: str, titles: list[str]) -> Exclusion | None:
        names = [f"arxiv:{arxiv}" if arxiv else "", f"doi:{doi.lower()}" if doi else ""]
        names += ["title:" + normalize_title(t) for t in titles]
        return next((by[n] for n in names if n in by), None)

    return find


def dump(exclusions: list[Exclusion]) -> str:
    """The file's text: a header, then one mapping per exclusion, ordered by title."""
    items = [
        {
            k: v
            for k, v in (("title", e.title), ("arxiv", e.arxiv), ("doi", e.doi), ("reason", e.reason), ("read", e.read))
            if v
        }
        for e in sorted(exclusions, key=lambda e: normalize_title(e.title))
    ]
    header = (
        "# Papers read and left out of the catalog, with the reason; imports skip them.\n"
        "# Written by `catalog exclude`; see catalog/README.md.\n"
    )
    return header + yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=120)
