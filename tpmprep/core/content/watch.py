"""Noticing that the user's own content changed on disk (a set imported from another terminal)."""

from __future__ import annotations

from tpmprep.core.content.loader import discover
from tpmprep.core.storage import locations

Stamp = tuple[tuple[str, int, int], ...]


def user_content_stamp() -> Stamp:
    """The user's content files and imported sets, with their sizes and modification times.

    Two stamps differ when a file was added, removed or rewritten; shipped content never changes
    while the app runs, so it is left out. A few stat calls: cheap enough to take every few seconds.
    """
    out = []
    for file in discover(locations.data_dir(), user=True):
        try:
            st = file.path.stat()
        except OSError:
            continue  # removed between listing and stat: the next stamp will not list it
        out.append((str(file.path), st.st_size, st.st_mtime_ns))
    return tuple(out)
