"""Walk files and folders lazily: a 50 GB tree is never listed into memory.

Folders are walked depth-first with os.scandir (one directory's entries at a time, sorted so
runs are reproducible); symlinks inside folders are not followed unless Limits.follow_symlinks
(each one to a folder or a supported file is refused with that reason, so that nothing is skipped unsaid), and
loops are cut by remembering (device, inode) of the folders entered. A path named on the command
line is taken as given (a symlink there is the user's explicit choice). Entries with a supported
name that are not regular files (FIFOs, devices, sockets) are refused with a reason: opening a
FIFO would hang the run.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from storyline.model import ReadError
from storyline.read.limits import Limits
from storyline.read.names import refuse

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".warc": "warc", ".jsonl": "jsonl",
            ".warc.gz": "warc", ".jsonl.gz": "jsonl"}


def format_of(path: str | os.PathLike) -> str | None:
    name = os.fspath(path).lower()
    for suffix in (".warc.gz", ".jsonl.gz"):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return SUFFIXES.get(os.path.splitext(name)[1])


def walk(paths: list[str], limits: Limits = Limits()) -> Iterator[Path | ReadError]:
    """Yield input files (supported formats) under ``paths``, or a ReadError per unusable path.
    A fault while walking one path (however deep its folders) costs that path's remaining entries, not the run."""
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                yield from _walk_dir(p, limits)
            elif p.exists() or p.is_symlink():
                if not p.exists():
                    yield refuse(str(p), "broken symbolic link")
                elif format_of(p) is None:
                    yield refuse(str(p), "unsupported file type (expected .txt, .html, .htm, .warc, .warc.gz, .jsonl)")
                else:
                    yield p
            else:
                yield refuse(str(p), "no such file or folder")
        except OSError as exc:
            yield refuse(str(p), f"cannot read: {exc.strerror or exc}")
        except (RecursionError, MemoryError, ValueError) as exc:
            yield refuse(str(p), f"cannot walk: {exc.__class__.__name__}: {exc}")


def _walk_dir(top: Path, limits: Limits) -> Iterator[Path | ReadError]:
    """Depth-first, in name order, with an explicit stack (a folder nested thousands deep needs no recursion).
    Each stack frame holds a folder's sorted entries still to visit and the (device, inode) keys of the folders
    above it, so a symbolic link back to a parent is cut."""
    opened = _open_dir(top, frozenset())
    if isinstance(opened, ReadError):
        yield opened
        return
    stack = [opened]
    while stack:
        entries, seen = stack[-1]
        if not entries:
            stack.pop()
            continue
        e = entries.pop()
        path = Path(e.path)
        try:
            if e.is_symlink() and not limits.follow_symlinks:
                # named, not dropped in silence: a folder of linked WARC files would otherwise read as empty
                if format_of(path) or e.is_dir():
                    yield refuse(path, "symbolic link inside a folder: not followed (--follow-symlinks reads it)")
                continue
            if e.is_dir(follow_symlinks=limits.follow_symlinks):
                opened = _open_dir(path, seen)
                if isinstance(opened, ReadError):
                    yield opened
                else:
                    stack.append(opened)
            elif e.is_file(follow_symlinks=limits.follow_symlinks) and format_of(path):
                yield path
            elif format_of(path) and not e.is_symlink():
                yield refuse(path, "not a regular file (a FIFO, device or socket): skipped")
        except OSError as exc:
            yield refuse(str(path), f"cannot read: {exc.strerror or exc}")


def _open_dir(d: Path, seen: frozenset[tuple[int, int]]) -> tuple[list[os.DirEntry], frozenset] | ReadError:
    """The folder's entries (reversed name order, popped from the end) and the keys of it and its parents."""
    try:
        st = d.stat()
    except OSError as exc:
        return refuse(str(d), f"cannot open folder: {exc.strerror or exc}")
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return refuse(str(d), "folder loop (symbolic link back to a parent): skipped")
    try:
        with os.scandir(d) as it:
            entries = sorted(it, key=lambda e: e.name, reverse=True)
    except OSError as exc:
        return refuse(str(d), f"cannot list folder: {exc.strerror or exc}")
    return entries, seen | {key}
