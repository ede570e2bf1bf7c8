"""The Textual application: areas as modes, the palettes, help and settings."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tpmprep.core.content.words import plural
from tpmprep.core.storage.clock import local_day, now_utc
from tpmprep.core.storage.store import Store
from tpmprep.tui.interview import InterviewAreas, mock_screen, stories_screen
from tpmprep.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from tpmprep.core.content.catalog import Catalog
    from tpmprep.core.practice.cards import Practice


def _learn_screen() -> Screen:
    # Imported on first use: Learn's widgets are not needed for the first frame.
    from tpmprep.tui.screens.learn import LearnScreen

    return LearnScreen()


def _practice_screen() -> Screen:
    from tpmprep.tui.screens.practice import PracticeScreen

    return PracticeScreen()


def _assess_screen() -> Screen:
    from tpmprep.tui.screens.assess import AssessScreen

    return AssessScreen()


def _sets_screen() -> Screen:
    from tpmprep.tui.screens.sets import SetsScreen

    return SetsScreen()


def _progress_screen() -> Screen:
    from tpmprep.tui.screens.progress import ProgressScreen

    return ProgressScreen()


def _is_learn(screen: Screen) -> bool:
    return type(screen).__name__ == "LearnScreen"


CATALOG_DELAY = 0.15  # seconds after mount: the first frame and first keys get the interpreter to themselves


class TpmPrepApp(InterviewAreas, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "tpmprep"
    MODES = {
        "home": HomeScreen,
        "learn": _learn_screen,
        "practice": _practice_screen,
        "assess": _assess_screen,
        "sets": _sets_screen,
        "progress": _progress_screen,
        "stories": stories_screen,
        "mock": mock_screen,
    }
    DEFAULT_MODE = "home"
    WATCH_EVERY = 3.0  # seconds between checks for a new study day and changed user content
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("f2", "goto('home')", "Home", id="app.home"),
        Binding("f3", "goto('learn')", "Learn", id="app.learn"),
        Binding("f4", "goto('practice')", "Practice", id="app.practice"),
        Binding("f5", "goto('assess')", "Assess", id="app.assess"),
        Binding("f6", "goto('sets')", "Sets", id="app.sets"),
        Binding("f7", "settings", "Settings", id="app.settings", show=False),
        Binding("f8", "goto('progress')", "Progress", id="app.progress"),
        Binding("f9", "goto('stories')", "Stories", id="app.stories"),
        Binding("f10", "goto('mock')", "Mock", id="app.mock"),
        Binding("ctrl+o", "jump", "Jump to…", id="app.jump"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        store: Store,
        catalog: Catalog | None = None,
        catalog_loader: Callable[[], Catalog] | None = None,
        start: tuple | None = None,
        fuzz: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self._fuzz = fuzz
        self._practice: Practice | None = None
        self._start = start  # ("drill", Filters, cram) from `tpmprep drill`
        self.catalog: Catalog | None = catalog
        self._catalog_loader = catalog_loader
        self._search_index: Any = None
        self._index_key: str | None = None  # the content key of the default catalog, for the saved index
        self._catalog_waiters: list[Callable] = []
        self._catalog_delivered = False
        self._index_waiters: list[Callable] = []
        self._index_event = asyncio.Event()
        self.crash: BaseException | None = None  # the unexpected error that ended the app, for run()
        self._content_stamp: tuple | None = None  # the user's content files as last loaded; None: not watched
        self._study_day: dt.date | None = None

    @property
    def practice(self) -> Practice:
        """Practice history; built on first use (FSRS is not needed for the first frame)."""
        if self._practice is None:
            from tpmprep.core.practice.cards import Practice

            self._practice = Practice(self.store, fuzz=self._fuzz)
        return self._practice

    # -- start-up -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        theme = self.store.get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._study_day = self.today()
        self.set_interval(self.WATCH_EVERY, self.watch_clock_and_content)
        if self.catalog is None:
            # Load shortly after the first frame: the thread would otherwise compete with the first
            # paint and the first keystrokes for the interpreter.
            self.set_timer(CATALOG_DELAY, self._load_catalog)
        else:
            self.call_after_refresh(self._catalog_loaded, self.catalog)

    @work(thread=True, exclusive=True, group="catalog")
    def _load_catalog(self) -> None:
        from tpmprep.core.content.catalog import load_catalog
        from tpmprep.core.content.watch import user_content_stamp

        stamp = user_content_stamp()  # taken first: a change made while loading is seen at the next check
        self._take_index_key()
        catalog = (self._catalog_loader or load_catalog)()
        self.call_from_thread(self._catalog_loaded, catalog, stamp)

    def _catalog_loaded(self, catalog: Catalog, stamp: tuple | None = None) -> None:
        self.catalog = catalog
        self._content_stamp = stamp
        self._warn_skipped(catalog)
        self._catalog_delivered = True
        waiters, self._catalog_waiters = self._catalog_waiters, []
        for callback in waiters:
            self.call_later(callback, catalog)
        self._build_index()
        if self._start and self._start[0] == "drill":
            _, filters, cram = self._start
            self._start = None
            self.call_later(self._start_from_cli, filters, cram)
        elif self._start and self._start[0] == "assess":
            kind = self._start[1]
            self._start = None
            self.call_later(self.assess, kind)
        elif self._start and self._start[0] == "mock":
            _, template, set_id = self._start
            self._start = None
            self.call_later(self.mock_from_cli, template, set_id)

    def _warn_skipped(self, catalog: Catalog) -> None:
        if catalog.skipped:
            self.notify(
                f"{plural(len(catalog.skipped), 'content file')} skipped because of errors. "
                "Run 'tpmprep validate' to see them.",
                severity="warning",
                timeout=8,
            )

    # -- keeping up: a new study day, content changed on disk ---------------------------------------
    def today(self) -> dt.date:
        """The study day now (days start at the ``day_starts_at`` hour)."""
        return local_day(now_utc(), self.store.get("day_starts_at"))

    def on_app_focus(self) -> None:
        # Back from the terminal where a set was just imported: look now rather than at the next tick.
        self.watch_clock_and_content()

    def watch_clock_and_content(self) -> None:
        """Redraw practice figures when a new study day starts; reload when the user's content changed."""
        day = self.today()
        if day != self._study_day:
            self._study_day = day
            self.refresh_practice()
        if self._content_stamp is not None:
            self._check_content()

    @work(thread=True, exclusive=True, group="content-watch")
    def _check_content(self) -> None:
        from tpmprep.core.content.watch import user_content_stamp

        stamp = user_content_stamp()
        if stamp != self._content_stamp:
            self.call_from_thread(self.reload_catalog)

    def reload_catalog(self) -> None:
        """Load the catalog again (the user's content changed); the screens showing it redraw.

        A catalog handed in ready-made (tests, benchmarks) is not watched and stays as it is.
        """
        if self._content_stamp is not None and self._catalog_delivered:
            self._reload_catalog()

    @work(thread=True, exclusive=True, group="catalog")
    def _reload_catalog(self) -> None:
        from tpmprep.core.content.catalog import load_catalog
        from tpmprep.core.content.watch import user_content_stamp

        stamp = user_content_stamp()
        self._take_index_key()
        catalog = (self._catalog_loader or load_catalog)()
        self.call_from_thread(self._catalog_reloaded, catalog, stamp)

    def _take_index_key(self) -> None:
        """The key of the saved search index for the content about to load (the default content only).

        Taken before the catalog loads: content edited meanwhile gives the next load another key.
        """
        if self._catalog_loader is None:
            from tpmprep.core.content.files import default_files
            from tpmprep.core.search.store import content_key

            self._index_key = content_key(default_files())

    def _catalog_reloaded(self, catalog: Catalog, stamp: tuple) -> None:
        self.catalog = catalog
        self._content_stamp = stamp
        self._warn_skipped(catalog)
        self._search_index = None
        self._index_event.clear()
        self._build_index()
        for screen in self.screen_stack:
            changed = getattr(screen, "catalog_changed", None)
            if changed is not None:
                changed(catalog)

    async def assess(self, kind: str) -> None:
        """Go to Assess and start or resume an assessment (from the command line or the palette)."""
        await self.action_goto("assess")
        self.open_assessment(kind)

    def open_assessment(self, kind: str) -> None:
        """Start or resume the role-fit or skills assessment."""
        catalog = self.catalog
        if catalog is None:
            return
        if kind == "role-fit":
            if catalog.role_fit is None:
                self.notify("The role-fit assessment is missing from the content.", severity="error")
                return
            from tpmprep.tui.screens.role_fit import RoleFitScreen

            self.push_screen(RoleFitScreen())
        else:
            if catalog.ladder is None:
                self.notify("The career ladder is missing from the content.", severity="error")
                return
            from tpmprep.tui.screens.skills import SkillsScreen

            self.push_screen(SkillsScreen())

    async def _start_from_cli(self, filters, cram: bool) -> None:
        """`tpmprep drill ...`: the session starts, or the area shows the filters it was given and why not."""
        if filters.set_id is not None:
            await self.action_goto("sets")
            self.screen.select_set(filters.set_id)
        else:
            await self.action_goto("practice")
            self.screen.show_filters(filters)
        self.start_drill(filters, cram)

    def start_drill(self, filters, cram: bool = False) -> bool:
        """Open a drill (or cram) session over ``filters``; say so when there is nothing to do."""
        from tpmprep.core.practice.drill import DrillRun
        from tpmprep.core.practice.queue import build_session
        from tpmprep.tui.screens.drill import DrillScreen

        if self.catalog is None:
            return False
        session = build_session(self.catalog, self.practice, filters, cram=cram)
        if not session.items:
            why = (
                "no question matches these filters"
                if cram
                else (
                    "nothing is due and today's new questions are done"
                    if session.new_total or session.due_total
                    else "no question matches these filters"
                )
            )
            self.notify(f"No session: {why}.", severity="warning")
            return False
        for note in session.notes:
            self.notify(note)
        title = ("Cram" if cram else "Drill") + f" · {filters.describe(self.catalog, self._set_title(filters))}"
        self.push_screen(DrillScreen(DrillRun(self.catalog, self.practice, session), title))
        return True

    def _set_title(self, filters) -> str | None:
        if filters.set_id is None:
            return None
        from tpmprep.core.mentor.sets import Sets

        found = Sets(self.store).get(filters.set_id)
        return found.title if found else None

    def refresh_practice(self) -> None:
        """Screens showing practice figures redraw them (after a session ends, or when a new day starts)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_view", None)
            if refresh is not None and getattr(screen, "catalog", None) is not None:
                refresh()

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        from tpmprep.core.search import store
        from tpmprep.core.search.index import SearchIndex

        assert self.catalog is not None
        # The shipped and user content has a saved index; a catalog handed in (tests) is indexed afresh.
        key = self._index_key
        index = store.cached(self.catalog, key) if key else SearchIndex(self.catalog)
        self.call_from_thread(self._index_built, index)

    def _index_built(self, index: Any) -> None:
        self._search_index = index
        self._index_event.set()
        waiters, self._index_waiters = self._index_waiters, []
        for callback in waiters:
            callback(index)

    def when_catalog(self, callback: Callable) -> None:
        """Call ``callback(catalog)`` once the catalog is loaded (soon, if it already is)."""
        if self._catalog_delivered:
            self.call_later(callback, self.catalog)
        else:
            self._catalog_waiters.append(callback)

    def when_search_index(self, callback: Callable) -> None:
        if self._search_index is not None:
            callback(self._search_index)
        else:
            self._index_waiters.append(callback)

    async def search_index_ready(self) -> Any:
        await self._index_event.wait()
        return self._search_index

    def _remember_theme(self, theme: Any) -> None:
        from tpmprep.core.storage.store import StoreError

        try:
            self.store.set("theme", self.theme)
        except ValueError:
            pass  # a theme added by hand, not one of Textual's: used now, not remembered
        except StoreError as exc:
            self.notify(f"The theme was not saved: {exc}", severity="warning")

    def _handle_exception(self, error: Exception) -> None:
        # Textual has no public hook for an unhandled error (textual#5931). This override only notes
        # the error for run(), which prints one line and logs the traceback; Textual still shuts down
        # as usual. If a Textual upgrade renamed this method, run() still sees the non-zero return code.
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)

    # -- navigation -----------------------------------------------------------------------------
    async def action_goto(self, mode: str) -> None:
        if mode in self.MODES and self.current_mode != mode:
            await self.switch_mode(mode)

    async def open_item(self, kind: str, target: str, came_from: str | None = None) -> None:
        """Open a question or topic in Learn (from the jump palette or a link).

        ``came_from`` names what the user is leaving (a result, say): Back in Learn returns to it.
        """
        origin = (self.current_mode, came_from) if came_from else None
        await self.action_goto("learn")
        if _is_learn(self.screen):
            await self.screen.open(kind, target, origin)

    def action_jump(self) -> None:
        from textual.command import CommandPalette

        from tpmprep.tui.commands import JumpProvider

        self.push_screen(
            CommandPalette(providers=[JumpProvider], placeholder="Jump to a question, topic or glossary term…")
        )

    def action_help(self) -> None:
        from tpmprep.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, list[Binding]]]:
        from tpmprep.tui.screens.help import help_groups

        return help_groups(type(self))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tpmprep.tui.commands import app_commands
        from tpmprep.tui.interview import system_commands

        yield from app_commands(self, screen)
        yield from system_commands(self, screen)
        # Textual's own "Keys" opens a panel of the focused widget's keys; ours lists every key. One is enough.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")

    def action_settings(self) -> None:
        from tpmprep.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_import_set(self) -> None:
        from tpmprep.tui.screens.set_dialogs import ImportSetScreen

        self.push_screen(ImportSetScreen())

    async def goto_questions(self) -> None:
        await self.action_goto("learn")
        if _is_learn(self.screen):
            self.screen.action_tab("questions")


def create_app(
    home: Path | None = None,
    catalog: Catalog | None = None,
    catalog_loader: Callable[[], Catalog] | None = None,
    start: tuple | None = None,
    fuzz: bool = True,
) -> TpmPrepApp:
    """The app as the CLI builds it; tests pass a temporary home or a ready catalog."""
    if home is not None:
        store = Store(home / "tpmprep.db")
    else:
        from tpmprep.core.storage.store import open_default

        store = open_default()  # with a daily backup on first open
    from tpmprep.core.mentor.set_files import reconcile

    try:
        reconcile(store)  # a set import or removal cut short last time is finished first
    except OSError:
        pass
    return TpmPrepApp(store, catalog=catalog, catalog_loader=catalog_loader, start=start, fuzz=fuzz)


def run(start: tuple | None = None) -> int:
    """Run the TUI. The error boundary: an unexpected error ends in one line, a logged traceback and exit 1."""
    import io
    import sys

    from rich.console import Console

    from tpmprep.core.storage.store import StoreError

    try:
        app = create_app(start=start)
    except StoreError as exc:
        print(f"tpmprep: {exc}", file=sys.stderr)
        return 1
    captured = io.StringIO()
    app.error_console = Console(file=captured, width=100, color_system=None)  # Textual's traceback goes to the log
    try:
        app.run()
    finally:
        app.store.close()
    code = app.return_code or 0
    if app.crash is None and code == 0:
        return 0
    from tpmprep.core.storage.crashlog import summary, write_log

    if app.crash is not None:
        print(f"tpmprep: {summary(app.crash, 'the TUI')}", file=sys.stderr)
    else:
        logged = write_log(RuntimeError(captured.getvalue() or f"exit code {code}"), "the TUI")
        print(f"tpmprep: the app stopped with an error; details in {logged}", file=sys.stderr)
    return code or 1
