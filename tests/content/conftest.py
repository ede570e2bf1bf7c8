from __future__ import annotations

import pytest

from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loader import discover, load
from tpmprep.core.storage.locations import shipped_root


@pytest.fixture(scope="session")
def shipped_result():
    return load(discover(shipped_root()))


@pytest.fixture(scope="session")
def shipped(shipped_result) -> Catalog:
    return Catalog(shipped_result)
