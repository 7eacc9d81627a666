"""Writing catalog files: never overwrite by accident, never leave half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import UserError


def write_new_entries(root: Path, entries: dict[str, str]) -> list[Path]:
    """Write new entry files (key -> text); refuses, writing nothing, if any target exists."""
    folder = root / "papers"
    targets = {key: folder / f"{key}.yml" for key in entries}
    clash = [str(p) for p in targets.values() if p.exists()]
    if clash:
        raise UserError(f"these files exist already, nothing was written: {', '.join(clash[:5])}")
    folder.mkdir(parents=True, exist_ok=True)
    for key, text in entries.items():
        atomic_write(targets[key], text)
    return list(targets.values())


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a failure leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp creates 0600 files; give new files the usual umask-based mode, keep existing modes
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
