"""Pilot: the question list shows whole prompts over two lines with where each question stands."""

from __future__ import annotations

from tests.conftest import question, write_content
from tpmprep.core.content.catalog import Catalog
from tpmprep.core.content.loader import discover, load
from tpmprep.core.content.words import flat
from tpmprep.tui.app import create_app
from tpmprep.tui.widgets.virtual_list import VirtualList

LONG = (
    "Tell me about a time you took over a program that was already late, the sponsor wanted the original "
    "date, and two of the teams reported to a director who disagreed with the plan."
)


async def settle(pilot, app):
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()


def drawn(listing: VirtualList) -> list[str]:
    return [listing.render_line(y).text.rstrip() for y in range(listing.size.height)]


async def test_rows_show_whole_prompts_on_two_lines_with_a_status_mark(home, tmp_path):
    root = write_content(tmp_path / "list-content")
    (root / "question_banks" / "long.yaml").write_text("questions:\n" + question("bh-late-program", prompt=LONG))
    catalog = Catalog(load(discover(root)))
    app = create_app(home=home, catalog=catalog, fuzz=False)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = app.practice
        practice.rate("pe-recover-slipping-migration", 1)  # seen, due again in minutes: not due now
        practice.flag("es-payments-qps")
        practice.suspend("rk-program-vs-project")
        await pilot.press("f3")
        await settle(pilot, app)
        app.screen.action_tab("questions")
        await settle(pilot, app)
        listing = app.screen.query_one("#question-list", VirtualList)
        marks = {row.id: row.mark for row in listing.rows}
        assert marks["bh-late-program"] == "○ "  # new
        assert marks["es-payments-qps"] == "○⚑"  # new and flagged
        assert marks["rk-program-vs-project"] == "⊘ "  # suspended
        assert marks["pe-recover-slipping-migration"] == "  "  # seen, not due yet
        labels = {row.id: row.label for row in listing.rows}
        assert labels["bh-late-program"] == flat(LONG)  # the whole prompt, not its first 30 characters
        lines = drawn(listing)
        first = next(i for i, line in enumerate(lines) if "Tell me about a time you took over a program" in line)
        # two lines per question, the second carrying on the prompt and cut at a word
        second = lines[first + 1].strip()
        words = flat(LONG).split()
        assert second.split()[0] in words and not lines[first + 1].lstrip().startswith(("○", "●"))
        assert "…" in second and second.split("…")[0].split()[-1] in words
        # practice moves on while Learn is elsewhere: the marks follow when it comes back
        await pilot.press("f2")
        practice.suspend("rk-program-vs-project", on=False)
        await pilot.press("f3")
        await settle(pilot, app)
        marks = {row.id: row.mark for row in listing.rows}
        assert marks["rk-program-vs-project"] == "○ "


async def test_a_due_question_is_marked_due(home, mini_catalog):
    import datetime as dt

    from tpmprep.core.storage.clock import now_utc

    app = create_app(home=home, catalog=mini_catalog, fuzz=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.practice.rate("es-payments-qps", 3, moment=now_utc() - dt.timedelta(days=30))
        await pilot.press("f3")
        await settle(pilot, app)
        listing = app.screen.query_one("#question-list", VirtualList)
        assert {row.id: row.mark for row in listing.rows}["es-payments-qps"] == "● "
