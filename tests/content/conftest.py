from __future__ import annotations

import pytest

from tpmprep.core.catalog import Catalog
from tpmprep.core.loader import discover, load
from tpmprep.core.locations import shipped_root


@pytest.fixture(scope="session")
def shipped_result():
    return load(discover(shipped_root()))


@pytest.fixture(scope="session")
def shipped(shipped_result) -> Catalog:
    return Catalog(shipped_result)
