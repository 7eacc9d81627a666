"""Reading catalog files: regular files only, inside the catalog folder, and never more than a cap.

An entry that is a FIFO would block `check` forever, a symlink to /dev/zero would read without
end, and a symlink out of the catalog would publish a file nobody meant to. Each is refused with
one line before anything is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Refused(Exception):
    """A file that is not read; the message says why and what to do."""


def read_bytes(path: Path, cap: int, inside: Path | None = None, what: str = "an entry") -> bytes:
    """The bytes of `path`, a regular file (or a link to one within `inside`) of at most `cap` bytes."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise Refused(f"cannot read: {exc.strerror}") from None
    if inside is not None and os.path.islink(path):
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(inside))):
            raise Refused(
                f"a link to {target}, outside the catalog folder; copy the file into the catalog instead of linking it"
            )
    if stat.S_ISDIR(info.st_mode):
        raise Refused("cannot read: a folder, not a file; entries are files named <key>.yml")
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"not a regular file ({_kind(info.st_mode)}); entries are ordinary text files")
    if info.st_size > cap:
        raise Refused(f"the file is {info.st_size} bytes; {what} is at most {cap} bytes")
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the stat, open does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Refused(f"cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise Refused("not a regular file; entries are ordinary text files")
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise Refused(f"the file is larger than {cap} bytes; {what} is at most {cap} bytes")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
