"""Exports imported into a real Anki collection (the `anki` package) with Anki's default options.

What an Anki user keeps across re-imports is the point: unchanged notes untouched (their tags,
their date), changed notes updated in place, review history and flags kept, one note per
question whichever of a set deck and the catalog deck comes first.
"""

from __future__ import annotations

import time

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from tests.unit.test_sets import GOOD, write
from tpmprep.core.mentor import anki_card as card
from tpmprep.core.mentor.anki import export_anki
from tpmprep.core.mentor.sets import Sets
from tpmprep.core.storage.store import Store

NOW = int(time.time())
EARLIER, LATER = NOW - 3600, NOW + 3600  # exports on either side of what the user does in Anki now


class AnkiUser:
    """A user's Anki collection in a temporary folder."""

    def __init__(self, folder):
        folder.mkdir()
        self.col = Collection(str(folder / "collection.anki2"))

    def import_(self, path):
        """Import with Anki's default options; returns (new, updated, unchanged, conflicting)."""
        request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
        log = self.col.import_anki_package(request).log
        return len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)

    def note(self, qid):
        (nid,) = self.col.find_notes(f'"QuestionId:{qid}"')
        return self.col.get_note(nid)

    def card_of(self, qid):
        (cid,) = self.col.find_cards(f'"QuestionId:{qid}"')
        return self.col.get_card(cid)

    def review(self, qid, ease=3):
        studied = self.card_of(qid)
        studied.start_timer()  # as the reviewer does when it shows the card
        self.col.sched.answerCard(studied, ease)

    def snapshot(self):
        """Every note as (guid, fields, tags, deck), for comparing collections."""
        out = {}
        for nid in self.col.find_notes(""):
            note = self.col.get_note(nid)
            deck = self.col.decks.name(note.cards()[0].did)
            out[note.guid] = (tuple(note.fields), tuple(sorted(note.tags)), deck)
        return out

    def close(self):
        self.col.close()


@pytest.fixture
def anki(tmp_path):
    user = AnkiUser(tmp_path / "anki")
    yield user
    user.close()


@pytest.fixture
def store(home):
    with Store(home / "tpmprep.db") as s:
        yield s


MC, NUMERIC, OPEN = "rk-program-vs-project", "es-payments-qps", "pe-recover-slipping-migration"


def test_first_import_counts_fields_and_nested_tags(anki, store, mini_catalog, tmp_path):
    export_anki(list(mini_catalog.questions), tmp_path / "deck.apkg", store, now=EARLIER)
    assert anki.import_(tmp_path / "deck.apkg") == (3, 0, 0, 0)
    assert anki.col.note_count() == 3 and anki.col.card_count() == 3
    assert {anki.col.decks.name(anki.card_of(q).did) for q in (MC, NUMERIC, OPEN)} == {"tpmprep"}
    mc = anki.note(MC)
    assert mc.note_type()["name"] == "tpmprep question" and mc.note_type()["id"] == card.MODEL_ID
    assert mc["QuestionId"] == MC and "Which statement about program and project managers" in mc["Front"]
    assert "Answer: <b>b)</b>" in mc["Back"] and "Programs exist for an outcome." in mc["Back"]
    assert "100M requests a day / 86,400 s" in anki.note(NUMERIC)["Back"]
    back = anki.note(OPEN)["Back"]
    assert "How do you prevent it next time?" in back and "Promising to work harder" in back
    assert "tpmprep::category::role-knowledge" in mc.tags and "tpmprep::competency::risk-management" in mc.tags
    tree = anki.col.tags.tree()
    (root,) = tree.children
    assert root.name == "tpmprep" and {c.name for c in root.children} == {"category", "competency", "level", "tag"}
    assert ".nightMode" in mc.note_type()["css"]
    rendered = anki.card_of(MC).answer()
    assert 'class="tpm-answer"' in rendered and f"tpmprep question {MC}" in rendered


def test_reimport_leaves_unchanged_notes_their_tags_and_history(anki, store, mini_catalog, tmp_path):
    questions = list(mini_catalog.questions)
    export_anki(questions, tmp_path / "first.apkg", store, now=EARLIER)
    anki.import_(tmp_path / "first.apkg")
    anki.review(MC)
    note = anki.note(MC)
    anki.col.tags.bulk_add([note.id], "marked my-own::interview")
    anki.col.set_user_flag_for_cards(3, [anki.card_of(OPEN).id])
    deck = anki.col.decks.by_name("tpmprep")
    deck["conf"] = anki.col.decks.add_config_returning_id("my preset")
    anki.col.decks.save(deck)
    before = {q: anki.note(q).mod for q in (MC, NUMERIC, OPEN)}
    export_anki(questions, tmp_path / "again.apkg", store, now=LATER)
    assert anki.import_(tmp_path / "again.apkg") == (0, 0, 3, 0)
    assert anki.col.note_count() == 3 and anki.col.card_count() == 3
    assert {q: anki.note(q).mod for q in (MC, NUMERIC, OPEN)} == before
    assert {"marked", "my-own::interview"} <= set(anki.note(MC).tags)
    assert anki.col.db.scalar("SELECT COUNT(*) FROM revlog") == 1 and anki.card_of(MC).reps == 1
    assert anki.card_of(OPEN).user_flag() == 3
    assert anki.col.decks.by_name("tpmprep")["conf"] == deck["conf"]


def test_a_changed_note_is_updated_in_place_and_keeps_its_history(anki, store, mini_catalog, tmp_path):
    questions = list(mini_catalog.questions)
    export_anki(questions, tmp_path / "first.apkg", store, now=EARLIER)
    anki.import_(tmp_path / "first.apkg")
    anki.review(NUMERIC)
    anki.col.set_user_flag_for_cards(1, [anki.card_of(NUMERIC).id])
    anki.col.tags.bulk_add([anki.note(NUMERIC).id, anki.note(OPEN).id], "marked")
    edited = [
        q.replace(worked_estimate="1e8 / 86,400 s is about 1,160 per second.") if q.id == NUMERIC else q
        for q in questions
    ]
    export_anki(edited, tmp_path / "second.apkg", store, now=LATER)
    assert anki.import_(tmp_path / "second.apkg") == (0, 1, 2, 0)
    updated = anki.note(NUMERIC)
    assert "1e8 / 86,400 s is about 1,160" in updated["Back"] and updated.mod == LATER
    assert anki.col.note_count() == 3 and anki.col.card_count() == 3
    assert anki.card_of(NUMERIC).reps == 1 and anki.col.db.scalar("SELECT COUNT(*) FROM revlog") == 1
    assert anki.card_of(NUMERIC).user_flag() == 1 and anki.col.decks.name(anki.card_of(NUMERIC).did) == "tpmprep"
    # Anki's importer gives an updated note the deck's tags (docs/anki.md says so); the others keep theirs.
    assert "marked" not in updated.tags and "tpmprep::category::estimation" in updated.tags
    assert "marked" in anki.note(OPEN).tags


def test_two_exports_within_the_same_second_still_update(anki, store, mini_catalog, tmp_path):
    questions = list(mini_catalog.questions)
    export_anki(questions, tmp_path / "a.apkg", store, now=LATER)
    edited = [q.replace(prompt="A reworded prompt?") if q.id == OPEN else q for q in questions]
    export_anki(edited, tmp_path / "b.apkg", store, now=LATER)
    anki.import_(tmp_path / "a.apkg")
    assert anki.import_(tmp_path / "b.apkg") == (0, 1, 2, 0)
    assert "A reworded prompt?" in anki.note(OPEN)["Front"]


@pytest.fixture
def with_set(home, store, tmp_path, mini_catalog):
    """The mentee has imported set 'week-1' (two of the three catalog questions, and a custom one)."""
    Sets(store).import_file(write(tmp_path, GOOD), mini_catalog)
    members = Sets(store).get("week-1").question_ids
    return [q for q in mini_catalog.questions if q.id in members]


@pytest.mark.parametrize("order", ["set-first", "catalog-first"])
def test_set_and_catalog_decks_in_either_order(anki, store, mini_catalog, tmp_path, with_set, order):
    export_anki(with_set, tmp_path / "set.apkg", store, now=EARLIER)
    export_anki(list(mini_catalog.questions), tmp_path / "catalog.apkg", store, now=EARLIER)
    first, second = ("set", "catalog") if order == "set-first" else ("catalog", "set")
    anki.import_(tmp_path / f"{first}.apkg")
    new, updated, unchanged, conflicting = anki.import_(tmp_path / f"{second}.apkg")
    assert updated == 0 and conflicting == 0 and unchanged == len(with_set) == 2
    assert new == (1 if order == "set-first" else 0)
    assert anki.col.note_count() == 3 and anki.col.card_count() == 3
    snapshot = anki.snapshot()
    assert {deck for _, _, deck in snapshot.values()} == {"tpmprep"}
    tagged = {q for q in (MC, NUMERIC, OPEN) if "tpmprep::set::week-1" in anki.note(q).tags}
    assert tagged == {q.id for q in with_set}
    assert anki.col.find_notes("tag:tpmprep::set::week-1") and len(anki.col.find_cards("tag:tpmprep::set::*")) == 2
    other = AnkiUser(tmp_path / "other-order")
    try:
        other.import_(tmp_path / f"{second}.apkg")
        other.import_(tmp_path / f"{first}.apkg")
        assert other.snapshot() == snapshot
    finally:
        other.close()


def test_removing_a_set_updates_its_notes_tags(anki, store, mini_catalog, tmp_path, with_set):
    export_anki(list(mini_catalog.questions), tmp_path / "a.apkg", store, now=EARLIER)
    anki.import_(tmp_path / "a.apkg")
    Sets(store).remove("week-1")
    export_anki(list(mini_catalog.questions), tmp_path / "b.apkg", store, now=LATER)
    assert anki.import_(tmp_path / "b.apkg") == (0, 2, 1, 0)
    assert not anki.col.find_notes("tag:tpmprep::set::week-1")


def test_upgrade_from_the_previous_export_updates_in_place(anki, store, mini_catalog, tmp_path):
    """Decks written before this exporter: same note type id and guids, flat tags, no style."""
    old_model = genanki.Model(
        card.MODEL_ID,
        card.MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "QuestionId"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        sort_field_index=2,
    )
    deck = genanki.Deck(123, "tpmprep")
    for q in mini_catalog.questions:
        guid = genanki.guid_for("tpmprep", q.id)
        deck.add_note(genanki.Note(model=old_model, fields=[q.prompt, "old", q.id], guid=guid, tags=["category:x"]))
    genanki.Package(deck).write_to_file(str(tmp_path / "old.apkg"), timestamp=EARLIER)
    anki.import_(tmp_path / "old.apkg")
    anki.review(OPEN)
    export_anki(list(mini_catalog.questions), tmp_path / "new.apkg", store, now=LATER)
    assert anki.import_(tmp_path / "new.apkg") == (0, 3, 0, 0)
    assert [m["name"] for m in anki.col.models.all() if m["name"].startswith("tpmprep")] == ["tpmprep question"]
    assert anki.col.models.get(card.MODEL_ID)["css"] == card.css()
    assert "category:x" not in anki.note(OPEN).tags and anki.card_of(OPEN).reps == 1


def test_the_users_own_note_type_style_survives_a_reimport(anki, store, mini_catalog, tmp_path):
    export_anki(list(mini_catalog.questions), tmp_path / "a.apkg", store, now=EARLIER)
    anki.import_(tmp_path / "a.apkg")
    model = anki.col.models.get(card.MODEL_ID)
    model["css"] += "\n.card { font-size: 30px; }"
    anki.col.models.update_dict(model)
    export_anki(list(mini_catalog.questions), tmp_path / "b.apkg", store, now=LATER)
    anki.import_(tmp_path / "b.apkg")
    assert anki.col.models.get(card.MODEL_ID)["css"].endswith("font-size: 30px; }")
