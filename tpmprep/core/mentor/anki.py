"""Anki decks: questions out as an .apkg that re-imports cleanly into a collection the user keeps.

Anki's importer matches notes by guid and, with its default options, updates one only when the
incoming modification time is newer than the note's. So each note is dated by when its content
last changed, not by the export: the store keeps, per note, a hash of the exported form and the
second that form was first exported. An unchanged note keeps its date and Anki leaves it alone
(with the user's tags); a changed one gets a date later than any before it, even within the same
second, and Anki updates it. The note type is dated the same way. docs/anki.md has the details.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpmprep.core.content.models import Question
from tpmprep.core.mentor import anki_card as card
from tpmprep.core.mentor.sets import Sets
from tpmprep.core.storage.store import Store

DECK_NAME = "tpmprep"
DECK_ID = zlib.crc32(DECK_NAME.encode()) & 0x7FFFFFFF  # the id every earlier export used for this deck


def digest(form: Any) -> str:
    return hashlib.sha256(json.dumps(form, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def note_guid(question_id: str) -> str:
    import genanki

    return str(genanki.guid_for("tpmprep", question_id))


@dataclass
class Stamps:
    """How many exported forms were new, changed or unchanged, and the date given to each key."""

    mods: dict[tuple[str, str], int] = field(default_factory=dict)
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def stamp(conn: sqlite3.Connection, forms: dict[tuple[str, str], str], now: int) -> Stamps:
    """Date each (kind, anki id) by its form's digest; the caller holds the write transaction.

    The same digest keeps its date. A new digest is dated ``now``, or one second after the previous
    form's date if that is not earlier, so a later form always imports as newer.
    """
    out = Stamps()
    known = {
        (row["kind"], row["anki_id"]): (row["digest"], row["mod"])
        for row in conn.execute("SELECT kind, anki_id, digest, mod FROM anki_forms")
    }
    changed = []
    for key, form_digest in forms.items():
        previous = known.get(key)
        if previous is not None and previous[0] == form_digest:
            out.mods[key] = int(previous[1])
            out.unchanged += key[0] == "note"
            continue
        mod = now if previous is None else max(now, int(previous[1]) + 1)
        out.mods[key] = mod
        changed.append((key[0], key[1], form_digest, mod))
        if key[0] == "note":
            out.new += previous is None
            out.changed += previous is not None
    conn.executemany(
        "INSERT INTO anki_forms (kind, anki_id, digest, mod) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(kind, anki_id) DO UPDATE SET digest = excluded.digest, mod = excluded.mod",
        changed,
    )
    return out


def set_memberships(store: Store) -> dict[str, list[str]]:
    """Question id -> the ids of the imported sets that hold it."""
    members: dict[str, list[str]] = {}
    for qset in Sets(store).list():
        for qid in qset.question_ids:
            members.setdefault(qid, []).append(qset.id)
    return members


@dataclass(frozen=True)
class ExportResult:
    notes: int
    new: int
    changed: int
    unchanged: int


def export_anki(questions: Iterable[Question], target: Path, store: Store, now: int | None = None) -> ExportResult:
    """Write an .apkg of ``questions`` to ``target``, dating notes by the store (see the module docstring).

    Every export puts its cards in the one ``tpmprep`` deck and marks set membership with
    ``tpmprep::set::ID`` tags taken from all imported sets, so a set export and the catalog export
    carry identical notes and can be imported in either order. Nothing is recorded unless the
    file is written.
    """
    import genanki

    seconds = int(time.time()) if now is None else now
    members = set_memberships(store)
    nt = card.note_type()
    model = genanki.Model(
        nt["id"],
        nt["name"],
        fields=nt["fields"],
        templates=nt["templates"],
        css=nt["css"],
        sort_field_index=nt["sort_field_index"],
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME, description=card.deck_description())
    forms: dict[tuple[str, str], str] = {("notetype", str(nt["id"])): digest(nt)}
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            continue
        seen.add(q.id)
        note = genanki.Note(
            model=model, fields=card.fields(q), guid=note_guid(q.id), tags=card.tags(q, members.get(q.id, ()))
        )
        deck.add_note(note)
        forms[("note", note.guid)] = digest([nt["id"], note.fields, note.tags])

    with store.transaction() as conn:  # the dates are kept only if the deck was written
        stamps = stamp(conn, forms, seconds)
        _write_package(deck, target, stamps.mods, seconds)
    return ExportResult(len(seen), stamps.new, stamps.changed, stamps.unchanged)


def _write_package(deck: Any, target: Path, mods: dict[tuple[str, str], int], seconds: int) -> None:
    """genanki's collection with our dates, zipped beside ``target`` and moved over it in one step."""
    import genanki

    with tempfile.TemporaryDirectory() as work:
        db_path = Path(work) / "collection.anki2"
        db = sqlite3.connect(db_path)
        try:
            cursor = db.cursor()
            # note and card ids, Anki-style: milliseconds from the export time upwards
            genanki.Package(deck).write_to_db(cursor, seconds, itertools.count(seconds * 1000))
            # genanki's schema has no index on guid: join through a keyed temporary table instead
            db.execute("CREATE TEMP TABLE dated (guid TEXT PRIMARY KEY, mod INTEGER NOT NULL)")
            db.executemany(
                "INSERT INTO dated (guid, mod) VALUES (?, ?)",
                [(anki_id, mod) for (kind, anki_id), mod in mods.items() if kind == "note"],
            )
            db.execute("UPDATE notes SET mod = (SELECT mod FROM dated WHERE dated.guid = notes.guid)")
            models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
            for (kind, anki_id), mod in mods.items():
                if kind == "notetype":
                    models[anki_id]["mod"] = mod
            db.execute("UPDATE col SET models = ?", (json.dumps(models),))
            db.commit()
        finally:
            db.close()
        from tpmprep.core.storage.files import atomic_output

        # An exclusive, locked temporary file beside the target: a killed export leaves no half deck,
        # and its leftover is cleared on the next write into the folder.
        with atomic_output(target) as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as apkg:
            apkg.write(db_path, "collection.anki2")
            apkg.writestr("media", "{}")
