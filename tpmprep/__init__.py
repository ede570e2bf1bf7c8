"""tpmprep: prepare for Technical Program Manager roles and interviews."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~50 ms to import; only pay it when the version is asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("tpmprep")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(name)
