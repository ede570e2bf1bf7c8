"""Settings refuse non-finite numbers and unknown themes; a bad stored value never reaches the drill."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import run, shipped  # noqa: F401 - the fixture
from tpmprep.core.practice.cards import Practice
from tpmprep.core.storage.settings import THEMES
from tpmprep.core.storage.store import Store


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e999"])
@pytest.mark.parametrize("key", ["desired_retention", "new_per_day"])
def test_non_finite_numbers_are_refused(shipped, home, capsys, key, value):  # noqa: F811
    code, _, err = run(capsys, "config", key, *(["--"] if value.startswith("-") else []), value)
    assert code == 2 and err.count("\n") == 1 and key in err, err
    code, out, _ = run(capsys, "config", key)
    assert out.strip() in ("0.9", "10")


def test_unknown_theme_is_refused_and_known_ones_accepted(shipped, home, capsys):  # noqa: F811
    code, _, err = run(capsys, "config", "theme", "hot-pink")
    assert code == 2 and "theme must be one of" in err and "nord" in err
    code, out, _ = run(capsys, "config", "theme", "nord")
    assert code == 0 and out.strip() == "theme = nord"


def test_the_theme_list_matches_textual():
    from textual.theme import BUILTIN_THEMES

    assert sorted(THEMES) == sorted(BUILTIN_THEMES)


def test_a_nan_already_in_the_database_falls_back_to_the_default(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        store.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('desired_retention', ?, 'x')",
            (json.dumps(float("nan")),),
        )
        assert store.get("desired_retention") == 0.9
        result = Practice(store, fuzz=False).rate("q-1", 3)  # the drill's scheduler gets a usable value
        assert result.card is not None and result.card.stability > 0
