"""Writing catalog files and command outputs: never clobber, never leave half a file behind.

The rules, for every file a command writes (`export -o`, `import`'s entries and `--report`, `fmt`,
`add`, `enrich`, `synth`):

* Only a regular file is ever replaced, and atomically: the text goes to a temporary file in the
  same folder, which is then renamed over the target, so a failure or Ctrl-C leaves the old file
  intact. The file keeps its permission bits (and its owner, where the system allows); a new file
  gets the usual ``0666 & ~umask``.
* Anything else at the target is refused with one line that names the path and a fix, before the
  command does any work (`check_target`): a folder, a device such as ``/dev/null``, a named pipe or
  a socket, a symbolic link that dangles or leads outside the catalog folder, a read-only file, a
  folder where files cannot be created.
* A symbolic link to a regular file inside the catalog folder is written *through*: the file it
  points to is replaced and the link stays a link.
* A file with several hard links is refused: replacing it would give this name a new file and
  leave the other names with the old text, and rewriting it in place would not be atomic. The
  message says how to make it a single file.
* New files (`write_new_entries`) are created without replacing anything, even a file that appears
  between the check and the write.
* Several files in a row (`Batch`): when Ctrl-C or an error stops the run, the message says exactly
  how many files were written, the first and last of them, and that the rest were not.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterator

from .problems import UserError


class Interrupted(UserError):
    """Ctrl-C during a write: the message says exactly what was written and what was not."""


# ---------------------------------------------------------------------------------------------
# Checks (nothing is written)


def check_target(
    path: str | Path, *, root: Path | None = None, stdout_hint: str = "", _probed: set[str] | None = None
) -> Path:
    """The file a write to `path` really replaces or creates, after checking that doing so is safe.

    Returns `path` itself (a regular file, or a new file in a folder that can be written to) or,
    for a symbolic link to a regular file inside `root` (the catalog folder; without one, the
    link's own folder), the file the link points to. Raises UserError, one line naming the path and
    a fix, for anything else. `stdout_hint` (e.g. "leave out -o and redirect stdout") is the fix
    offered for devices and pipes. Nothing is written; a missing folder is only checked, not made.
    """
    raw = os.fspath(path)
    path = Path(path)
    if raw.endswith(("/", os.sep)) and not path.is_dir():
        raise UserError(
            f"{raw} ends with '/', so it names a folder, and there is no such folder; "
            f"give a file path (e.g. {path / 'out.txt'})"
        )
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        _check_folder(path.parent, path, _probed)
        return path
    except OSError as exc:
        raise UserError(f"cannot look at {path}: {exc.strerror}; give another path")
    target = path
    if stat.S_ISLNK(st.st_mode):
        inside = Path(os.path.realpath(root if root is not None else path.parent))
        real = Path(os.path.realpath(path))
        try:
            st = os.stat(path)
        except OSError:
            raise UserError(
                f"{path} is a symbolic link to {os.readlink(path)}, which does not exist; "
                "remove the link or give another path"
            )
        if not _within(real, inside):
            where = "the catalog folder" if root is not None else "its folder"
            raise UserError(
                f"{path} is a symbolic link to {real}, outside {where} ({inside}), and is not written "
                f"through; give {real} itself if you mean it, or replace the link with a file"
            )
        target = real
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{path} is a folder, not a file; give a file path (e.g. {path / 'out.txt'})")
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a named pipe (FIFO)"
            if stat.S_ISFIFO(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "not a regular file"
        )
        fix = f"{stdout_hint} (> {path})" if stdout_hint else "give the path of a regular file"
        raise UserError(f"{path} is {kind}, not a regular file, and is never replaced; {fix}")
    if st.st_nlink > 1:
        raise UserError(
            f"{path} has {st.st_nlink} hard links; replacing it would leave the other links with "
            f"the old text, so it is not written; make it a single file first "
            f"(cp -p {path} {path}.copy && mv {path}.copy {path}) or give another path"
        )
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise UserError(f"{path} is read-only; make it writable (chmod u+w {path}) or give another path")
    _check_folder(target.parent, path, _probed)
    return target


def check_new(path: Path, *, _probed: set[str] | None = None) -> Path:
    """Check that `path` can be created as a new file: nothing there (not even a dangling link), and
    a folder that can be written to. Nothing is written."""
    path = Path(path)
    if os.path.lexists(path):
        raise UserError(f"{path} exists already; nothing was written")
    _check_folder(path.parent, path, _probed)
    return path


def check_folder(folder: Path) -> None:
    """Check that files can be created in `folder` (or in the nearest existing folder above it, when
    it does not exist yet); raises UserError otherwise. Nothing is written."""
    _check_folder(Path(folder), None, None)


def _check_folder(folder: Path, path: Path | None, probed: set[str] | None) -> None:
    """The folder of `path` exists, or can be made, and files can be created in it."""
    existing = folder
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    so = f", so {path} cannot be written" if path is not None else ""
    if not existing.is_dir():
        what = "a file, not a folder" if existing.is_file() else "not a folder"
        raise UserError(f"{existing} is {what}{so}; give another path")
    key = os.path.realpath(existing)
    if probed is not None and key in probed:
        return
    reason = "" if os.access(existing, os.W_OK | os.X_OK) else os.strerror(errno.EACCES)
    if not reason:
        try:  # the only sure test: create (and remove) a file there, as the write will
            with _sigint_held():
                fd, probe = tempfile.mkstemp(dir=existing, prefix=".prunecat-probe-")
                os.close(fd)
                os.unlink(probe)
        except OSError as exc:
            reason = exc.strerror or str(exc)
    if reason:
        fix = (
            "give a path in a folder you can write to" if path is not None else "make the folder writable and run again"
        )
        raise UserError(f"cannot create files in {existing} ({reason}){so}; {fix}")
    if probed is not None:
        probed.add(key)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


# ---------------------------------------------------------------------------------------------
# Writing


def atomic_write(path: str | Path, text: str, *, root: Path | None = None, stdout_hint: str = "") -> Path:
    """Replace or create one file safely (see the module's rules); returns the file written.

    Refusals and failures are UserErrors: one line naming the path, never a traceback.
    """
    target = check_target(path, root=root, stdout_hint=stdout_hint)
    done: list[Path] = []
    try:
        _write_file(target, text, done=done)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}; it was left as it was")
    except KeyboardInterrupt:  # Ctrl-C held back during the write arrives right after it
        raise Interrupted(f"interrupted: {path} was {'written' if done else 'left as it was'}") from None
    return target


@contextlib.contextmanager
def after_writing(what: str) -> Iterator[None]:
    """Around the work that follows a write (printing): Ctrl-C there says what was written,
    instead of the command line's general "nothing was written"."""
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted after {what}") from None


def write_new_entries(
    root: Path,
    entries: dict[str, str],
    *,
    noun: str = "entries",
    report: tuple[Path, str] | None = None,
    report_target: Path | None = None,
    folder_name: str = "papers",
) -> list[Path]:
    """Write new entry files (key -> text) into `folder_name` (papers/, or the incoming/ queue);
    refuses, writing nothing, if any target exists.

    With `report` ((path, text); `report_target` is what check_target returned for it), the report
    is written to a temporary file first and renamed into place only once every entry is written,
    so entries and report are both written or, when the run is stopped, the report is not (and the
    message says so). Ctrl-C or a failure halfway raises Interrupted / UserError saying exactly
    which entries were written.
    """
    folder = root / folder_name
    targets = {key: folder / f"{key}.yml" for key in entries}
    clash = [str(p) for p in targets.values() if os.path.lexists(p)]
    if clash:
        raise UserError(f"these files exist already, nothing was written: {', '.join(clash[:5])}")
    if os.path.lexists(folder) and not folder.is_dir():
        raise UserError(f"{folder} is not a folder, so no entry can be written; move it away and run again")
    probed: set[str] = set()
    if targets:
        _check_folder(folder, next(iter(targets.values())), probed)
    staged: tuple[str, Path] | None = None
    try:
        if report is not None:
            report_path, report_text = report
            target = report_target or check_target(report_path, root=root)
            if os.path.realpath(target) in {os.path.realpath(t) for t in targets.values()}:
                raise UserError(f"the report {report_path} would replace a new entry; give another report path")
            try:
                with _sigint_held():
                    staged = (_write_temp(target, report_text), target)
            except OSError as exc:
                raise UserError(f"cannot write the report {report_path}: {exc.strerror or exc}; nothing was written")
        batch = Batch(len(targets), noun, show=_shower(root))
        try:
            with batch:
                for key, text in entries.items():
                    batch.write(targets[key], text, new=True)
        except UserError as exc:
            if staged:
                exc.args = (f"{exc}; the report was not written",)
            raise
        if staged:
            try:
                with _sigint_held():
                    _install(*staged)
                    staged = None
            except OSError as exc:
                raise UserError(
                    f"all {len(targets):,} {noun} were written, but not the report {report_path}: "
                    f"{exc.strerror or exc}; run the import again with --report to get it"
                )
            except KeyboardInterrupt:
                raise Interrupted(
                    f"interrupted: {batch.summary()}; the report was " + ("not written" if staged else "written")
                ) from None
    finally:
        if staged:
            Path(staged[0]).unlink(missing_ok=True)
    return list(targets.values())


class Batch:
    """Files written one after another. Used as a context manager, it turns Ctrl-C into Interrupted
    and a failed write (OSError, or a refusal) into UserError, each saying how many of `total` files
    were written (the first and last of them) and that the rest were not."""

    def __init__(
        self, total: int, noun: str = "files", *, show: Callable[[Path], str] = str, verb: str = "written"
    ) -> None:
        self.total, self.noun, self.show, self.verb = total, noun, show, verb
        self.done: list[Path] = []
        self.current: Path | None = None

    def write(self, target: Path, text: str, *, new: bool = False) -> None:
        """Write one file: `new` ones are only created, never replacing anything; others replaced
        atomically. `target` must have passed check_target / check_new."""
        self.current = target
        _write_file(target, text, new=new, done=self.done)

    def summary(self) -> str:
        n = len(self.done)
        if n == 0:
            return f"none of the {self.total:,} {self.noun} was {self.verb}"
        shown = [self.show(p) for p in self.done]
        files = shown[0] if n == 1 else ", ".join(shown) if n == 2 else f"{shown[0]} … {shown[-1]}"
        rest = "; the rest were not" if n < self.total else ""
        return f"{n:,} of {self.total:,} {self.noun} {self.verb} ({files}){rest}"

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None:
            return False
        if isinstance(exc, (KeyboardInterrupt, Interrupted)):
            raise Interrupted(f"interrupted: {self.summary()}") from None
        if isinstance(exc, OSError):
            where = self.show(self.current) if self.current is not None else exc.filename
            raise UserError(f"cannot write {where}: {exc.strerror or exc}; {self.summary()}") from None
        if isinstance(exc, UserError) and not isinstance(exc, Interrupted):
            raise UserError(f"{exc}; {self.summary()}") from None
        return False


def _write_file(target: Path, text: str, *, new: bool = False, done: list[Path] | None = None) -> None:
    """Write one file through a temporary file and a rename (for `new`, only if nothing is there),
    and record it in `done`. Ctrl-C is held back meanwhile (delivered right after), so a file is
    either written and recorded or neither, and no temporary file is left behind."""
    with _sigint_held():
        tmp = _write_temp(target, text)
        try:
            _install(tmp, target, new=new)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        if done is not None:
            done.append(target)


def _write_temp(target: Path, text: str) -> str:
    """The text in a temporary file next to `target`, with the mode (and owner) `target` has or a
    new file would get; returns the temporary file's path. Removes it again on any failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        old = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        old = None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if old is None:
            os.chmod(tmp, 0o666 & ~_umask())
        else:
            if hasattr(os, "chown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.chown(tmp, old.st_uid, old.st_gid)
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _install(tmp: str, target: Path, *, new: bool = False) -> None:
    """Rename the temporary file to `target` (for `new`, only if nothing is there); removes `tmp`
    on failure."""
    try:
        if new:
            _create(tmp, target)
        else:
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create(tmp: str, target: Path) -> None:
    try:
        os.link(tmp, target)  # fails if anything is at target: never replaces
    except FileExistsError:
        raise UserError(f"{target} appeared while writing and was left as it was")
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(target):
            raise UserError(f"{target} appeared while writing and was left as it was")
        os.replace(tmp, target)
        return
    os.unlink(tmp)


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) until the block is done, then deliver it. A Python-level handler,
    not a signal mask: a mask holds only the calling thread's signals, and a process with other
    threads would get the signal on one of those, in the middle of the block."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    old = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)
    if pending:  # only reached when the block itself raised nothing
        if callable(old):
            old(signal.SIGINT, None)  # Python's default handler raises KeyboardInterrupt
        elif old == signal.SIG_DFL:
            raise KeyboardInterrupt


def _shower(root: Path) -> Callable[[Path], str]:
    def show(path: Path) -> str:
        try:
            return str(Path(path).relative_to(root))
        except ValueError:
            return str(path)

    return show


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
