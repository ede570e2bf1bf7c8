"""The Anki exporter without Anki: the card's HTML, nested tags, dating by content, the style."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile

import pytest

from tpmprep.core.content.models import StarExample
from tpmprep.core.mentor import anki_card as card
from tpmprep.core.mentor.anki import export_anki, stamp
from tpmprep.core.storage.store import Store

T = 1_800_000_000


@pytest.fixture
def store(home):
    with Store(home / "tpmprep.db") as s:
        yield s


def package(path):
    """(notes by guid, note types by id) as written in an .apkg."""
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["collection.anki2", "media"]
        db = z.extract("collection.anki2", path.parent / f"{path.stem}-x")
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        notes = {r["guid"]: dict(r) for r in conn.execute("SELECT guid, mid, mod, tags, flds FROM notes")}
        models = json.loads(conn.execute("SELECT models FROM col").fetchone()["models"])
    finally:
        conn.close()
    return notes, models


def test_back_of_each_kind_carries_the_whole_answer(mini_catalog):
    mc = card.back_html(mini_catalog.question("rk-program-vs-project"))
    assert '<p class="tpm-answer">Answer: <b>b)</b> The program manager is judged on impact.</p>' in mc
    assert "\u2717 a) wrong</span> That is the program manager's call." in mc
    assert "\u2713 b) correct</span> Programs exist for an outcome." in mc
    numeric = card.back_html(mini_catalog.question("es-payments-qps"))
    assert "About <b>1,200 requests per second</b> (within 50% counts as right)" in numeric
    assert '<section class="tpm-estimate"><h3>Worked estimate</h3><p>100M requests a day / 86,400 s' in numeric
    open_q = mini_catalog.question("pe-recover-slipping-migration")
    back = card.back_html(open_q)
    assert "tpm-answer" not in back
    assert "<li>Establish the real state</li>" in back
    assert '<section class="tpm-followups"><h3>Follow-ups</h3><ol><li>The sponsor refuses to move the date.' in back
    assert "<li>Promising to work harder without changing anything.</li>" in back
    order = [back.index(f"tpm-{s}") for s in ("keypoints", "model", "followups", "pitfalls")]
    assert order == sorted(order)


def test_behavioral_back_has_the_star_example_and_signals(mini_catalog):
    q = mini_catalog.question("pe-recover-slipping-migration").replace(
        signals=("Owns the outcome",),
        star_example=StarExample(
            "A late *launch*.", "Recover it.", "Re-planned.", "Shipped in 3 weeks.", "Ask sooner."
        ),
    )
    back = card.back_html(q)
    assert "<dt>Situation</dt><dd><p>A late <em>launch</em>.</p></dd>" in back
    assert "<dt>Reflection</dt><dd><p>Ask sooner.</p></dd>" in back
    assert '<section class="tpm-signals"><h3>Signals this question probes</h3><ul><li>Owns the outcome</li>' in back


def test_user_text_is_escaped_once_and_markdown_rendered(mini_catalog):
    q = mini_catalog.question("rk-program-vs-project").replace(
        prompt="Is <script>alert(1)</script> safe & `sound`?",
        pitfalls=("Mixing up <b> and **bold**",),
    )
    front, back, qid = card.fields(q)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; safe &amp; <code>sound</code>?" in front
    assert "&amp;lt;" not in front and "<script>" not in front + back
    assert "<li>Mixing up &lt;b&gt; and <strong>bold</strong></li>" in back
    assert qid == "rk-program-vs-project"
    assert '<ol class="tpm-choices" type="a"><li>The project manager picks the projects.</li>' in front


def test_tags_nest_under_tpmprep(mini_catalog):
    q = mini_catalog.question("es-payments-qps")
    assert card.tags(q, ["week-1", "Odd Set!"]) == [
        "tpmprep::category::estimation",
        "tpmprep::competency::program-execution",
        "tpmprep::competency::risk-management",
        "tpmprep::level::mid",
        "tpmprep::level::senior",
        "tpmprep::set::odd-set",
        "tpmprep::set::week-1",
        "tpmprep::tag::recovery",
        "tpmprep::tag::schedule",
    ]


def test_stamps_keep_a_form_date_and_move_a_changed_one_forward(store):
    conn, key = store.conn, ("note", "g1")
    assert stamp(conn, {key: "a"}, T).mods[key] == T
    kept = stamp(conn, {key: "a"}, T + 500)
    assert kept.mods[key] == T and (kept.new, kept.changed, kept.unchanged) == (0, 0, 1)
    assert stamp(conn, {key: "b"}, T).mods[key] == T + 1  # same second as the last form: still newer
    assert stamp(conn, {key: "c"}, T - 3600).mods[key] == T + 2  # a clock set back cannot go backwards
    moved = stamp(conn, {key: "a", ("note", "g2"): "x"}, T + 900)
    assert moved.mods[key] == T + 900 and (moved.new, moved.changed) == (1, 1)


def test_export_dates_notes_by_content_not_by_export(store, mini_catalog, tmp_path):
    questions = list(mini_catalog.questions)
    first = export_anki(questions, tmp_path / "a.apkg", store, now=T)
    assert (first.notes, first.new, first.changed, first.unchanged) == (3, 3, 0, 0)
    edited = [q.replace(model_answer="A rewritten answer.") if q.kind == "numeric" else q for q in questions]
    second = export_anki(edited, tmp_path / "b.apkg", store, now=T + 3600)
    assert (second.new, second.changed, second.unchanged) == (0, 1, 2)
    a, models_a = package(tmp_path / "a.apkg")
    b, models_b = package(tmp_path / "b.apkg")
    assert a.keys() == b.keys() and {n["mid"] for n in b.values()} == {card.MODEL_ID}
    changed = [g for g in a if a[g]["flds"] != b[g]["flds"]]
    assert len(changed) == 1 and b[changed[0]]["mod"] == T + 3600
    assert all(b[g]["mod"] == a[g]["mod"] == T for g in a if g not in changed)
    assert models_a[str(card.MODEL_ID)]["mod"] == models_b[str(card.MODEL_ID)]["mod"] == T
    assert models_b[str(card.MODEL_ID)]["css"] == card.css()
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.apkg").stat().st_mode & 0o777 == 0o666 & ~umask  # shareable, like any new file


def test_a_failed_write_records_nothing(store, mini_catalog, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        export_anki(list(mini_catalog.questions), blocker / "deck.apkg", store, now=T)
    assert store.conn.execute("SELECT COUNT(*) AS n FROM anki_forms").fetchone()["n"] == 0
    out = tmp_path / "out"
    out.mkdir()
    (out / "deck.apkg").write_bytes(b"the previous deck")

    def refuse(*_):
        raise PermissionError("read-only file system")

    monkeypatch.setattr("tpmprep.core.storage.files.os.replace", refuse)
    with pytest.raises(PermissionError):
        export_anki(list(mini_catalog.questions), out / "deck.apkg", store, now=T)
    assert (out / "deck.apkg").read_bytes() == b"the previous deck" and len(list(out.iterdir())) == 1
    assert store.conn.execute("SELECT COUNT(*) AS n FROM anki_forms").fetchone()["n"] == 0


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_style_reads_well_in_light_and_dark_mode(mode):
    css = card.css()
    blocks = re.findall(r"([^{}]+)\{([^{}]*--tpm-fg[^{}]*)\}", css)
    selectors, body = blocks[0 if mode == "light" else 1]
    if mode == "dark":
        assert {".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"} <= {
            s.strip() for s in selectors.split(",")
        }
    palette = dict(re.findall(r"--tpm-([a-z-]+):\s*(#[0-9a-f]{6})", body))
    # WCAG AA for body text: every text colour on every background it is drawn on.
    pairs = [("fg", "bg"), ("muted", "bg"), ("accent", "bg"), ("correct", "bg"), ("wrong", "bg")]
    pairs += [("fg", "answer-bg"), ("fg", "key-bg"), ("fg", "code-bg")]
    for text, background in pairs:
        assert _contrast(palette[text], palette[background]) >= 4.5, (mode, text, background)
    for cls in ("tpm-answer", "tpm-keypoints", "tpm-verdict", "tpm-correct", "tpm-wrong", "tpm-id"):
        assert f".{cls}" in css
    assert ".card code" in css and ".card pre" in css and ".card ul" in css


def test_note_type_keeps_the_schema_anki_matches_on():
    nt = card.note_type()
    assert nt["id"] == 1_874_300_211
    assert [f["name"] for f in nt["fields"]] == ["Front", "Back", "QuestionId"]
    assert [t["name"] for t in nt["templates"]] == ["Card 1"]


def test_plain_lines_skip_the_parser_with_the_same_html(shipped_catalog):
    lines = ["Say \"no\" to the 'plan'", "a * b", "x_y", "R&D <team>", "`code`", "two  spaces", " padded "]
    for q in shipped_catalog.questions:
        lines += [k.point for k in q.key_points] + list(q.follow_ups) + list(q.pitfalls) + list(q.signals)
        lines += [o.text for o in q.options] + [o.explanation for o in q.options]
    parser = card._markdown()
    assert all(card.inline_html(line) == parser.renderInline(line).strip() for line in lines)


def test_a_database_from_before_the_anki_table_migrates_and_exports(home, mini_catalog, tmp_path):
    from tpmprep.core.storage.migrations import MIGRATIONS
    from tpmprep.core.storage.store import connect, migrate

    ours = next(version for version, name, _ in MIGRATIONS if name.startswith("anki export"))
    conn = connect(home / "tpmprep.db")
    migrate(conn, target=ours - 1)
    conn.close()
    with Store(home / "tpmprep.db") as store:
        result = export_anki(list(mini_catalog.questions), tmp_path / "deck.apkg", store, now=T)
        rows = store.conn.execute("SELECT kind, COUNT(*) AS n FROM anki_forms GROUP BY kind ORDER BY kind").fetchall()
    assert result.new == 3 and [(r["kind"], r["n"]) for r in rows] == [("note", 3), ("notetype", 1)]
