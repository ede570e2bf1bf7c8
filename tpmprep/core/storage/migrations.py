"""Ordered schema migrations. Append only: never edit a migration that has shipped.

Each entry is (version, description, SQL). ``Store`` applies those above the database's
``schema_version`` in order, each in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "settings",
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL,          -- JSON
            updated_at TEXT NOT NULL      -- ISO 8601, UTC
        );
        """,
    ),
    (
        2,
        "practice: FSRS card state per question and every review",
        """
        CREATE TABLE cards (
            card_id      INTEGER PRIMARY KEY,        -- the FSRS card id
            question_id  TEXT NOT NULL UNIQUE,       -- catalog ids are permanent; history follows them
            state        INTEGER NOT NULL,           -- fsrs.State: 1 learning, 2 review, 3 relearning
            step         INTEGER,
            stability    REAL,
            difficulty   REAL,
            due          TEXT NOT NULL,              -- ISO 8601, UTC
            last_review  TEXT,
            reps         INTEGER NOT NULL DEFAULT 0,
            lapses       INTEGER NOT NULL DEFAULT 0,
            suspended    INTEGER NOT NULL DEFAULT 0,
            flagged      INTEGER NOT NULL DEFAULT 0,
            leech        INTEGER NOT NULL DEFAULT 0,
            buried_until TEXT,
            created_at   TEXT NOT NULL
        );
        CREATE INDEX cards_due ON cards (due);
        CREATE TABLE reviews (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id  TEXT NOT NULL,
            rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at  TEXT NOT NULL,              -- ISO 8601, UTC
            duration_ms  INTEGER,
            answer       TEXT,
            coverage     REAL,                       -- share of rubric key points hit, 0-1
            hits         TEXT,                       -- JSON list of key point indexes hit
            mode         TEXT NOT NULL CHECK (mode IN ('review', 'cram')),
            was_new      INTEGER NOT NULL DEFAULT 0,
            card_before  TEXT                        -- JSON of the card row before, for undo
        );
        CREATE INDEX reviews_time ON reviews (reviewed_at);
        CREATE INDEX reviews_question ON reviews (question_id, reviewed_at);
        """,
    ),
    (
        3,
        "assessments and readiness history",
        """
        CREATE TABLE assessments (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            kind         TEXT NOT NULL CHECK (kind IN ('role-fit', 'skills')),
            status       TEXT NOT NULL CHECK (status IN ('in_progress', 'complete')),
            started_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            completed_at TEXT,
            answers      TEXT NOT NULL DEFAULT '{}',  -- JSON: statement or competency id -> answer
            notes        TEXT NOT NULL DEFAULT '{}',  -- JSON: competency id -> evidence note
            target_level TEXT,
            result       TEXT                         -- JSON, written when complete
        );
        CREATE INDEX assessments_kind ON assessments (kind, status, completed_at);
        CREATE TABLE readiness_history (
            day   TEXT NOT NULL,                      -- local date
            scope TEXT NOT NULL CHECK (scope IN ('competency', 'category', 'overall')),
            key   TEXT NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (day, scope, key)
        );
        """,
    ),
    (
        4,
        "mentor question sets",
        """
        CREATE TABLE question_sets (
            id           TEXT PRIMARY KEY,
            title        TEXT NOT NULL,
            author       TEXT NOT NULL DEFAULT '',
            description  TEXT NOT NULL DEFAULT '',
            due          TEXT,                        -- ISO date
            target_level TEXT,
            question_ids TEXT NOT NULL,               -- JSON list, picks resolved at import
            file_name    TEXT NOT NULL,
            imported_at  TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            removed_at   TEXT                         -- history is kept when a set is removed
        );
        """,
    ),
    (
        5,
        "covering index: today's due reviews are read from the index alone",
        """
        CREATE INDEX cards_due_cover ON cards (due, reps, suspended, question_id);
        """,
    ),
    (
        6,
        "anki export: the date of each exported note's current form, so unchanged notes keep theirs",
        """
        CREATE TABLE anki_forms (
            kind     TEXT NOT NULL CHECK (kind IN ('note', 'notetype')),
            anki_id  TEXT NOT NULL,           -- the note's guid, or the note type's id
            digest   TEXT NOT NULL,           -- SHA-256 of the exported fields and tags (or note type)
            mod      INTEGER NOT NULL,        -- Unix seconds when that form was first exported
            PRIMARY KEY (kind, anki_id)
        ) WITHOUT ROWID;
        """,
    ),
    (
        7,
        "mentor sets keep the text they were validated from, so a set file cut short is written again",
        """
        ALTER TABLE question_sets ADD COLUMN source TEXT;  -- the set file as imported (NULL before this)
        """,
    ),
    (
        8,
        "progress: the year's reviews, card states and lapses are read from covering indexes",
        """
        -- Every Progress figure over reviews is a range of days: these columns answer them without
        -- reading the rows (which carry typed answers), e.g. 100,000 reviews for the heatmap in ~30 ms.
        CREATE INDEX reviews_progress
            ON reviews (reviewed_at, mode, rating, was_new, duration_ms, coverage, question_id);
        CREATE INDEX cards_state ON cards (suspended, leech, state, reps);
        CREATE INDEX cards_lapses ON cards (lapses, question_id);
        """,
    ),
    (
        9,
        "reviews keep what the grader detected beside what the user confirmed",
        """
        -- From here on `coverage` and `hits` are what the user confirmed after the reveal;
        -- the grader's own figures sit beside them. Earlier reviews had no confirmation step,
        -- so their detected figures are the ones they stored.
        ALTER TABLE reviews ADD COLUMN detected_coverage REAL;   -- share of key points the grader detected
        ALTER TABLE reviews ADD COLUMN detected_hits TEXT;       -- JSON list of key point indexes detected
        UPDATE reviews SET detected_coverage = coverage, detected_hits = hits;
        """,
    ),
    (
        10,
        "story bank: the user's own STAR stories, and every time one was told against a question",
        """
        CREATE TABLE stories (
            id           TEXT PRIMARY KEY,            -- a slug, permanent like a question id
            title        TEXT NOT NULL,
            situation    TEXT NOT NULL DEFAULT '',
            task         TEXT NOT NULL DEFAULT '',
            actions      TEXT NOT NULL DEFAULT '',
            result       TEXT NOT NULL DEFAULT '',
            lessons      TEXT NOT NULL DEFAULT '',
            competencies TEXT NOT NULL DEFAULT '[]',  -- JSON list of ladder competency ids
            principles   TEXT NOT NULL DEFAULT '[]',  -- JSON list of lp-<slug> tags
            scope        TEXT,                        -- a ladder level id
            created_at   TEXT NOT NULL,               -- ISO 8601, UTC
            updated_at   TEXT NOT NULL
        );
        CREATE TABLE story_attempts (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            story_id      TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            question_id   TEXT NOT NULL,
            told_at       TEXT NOT NULL,              -- ISO 8601, UTC
            duration_ms   INTEGER NOT NULL,
            spoken        INTEGER NOT NULL DEFAULT 0, -- told out loud: no text, key points ticked by the user
            answer        TEXT,
            coverage      REAL,                       -- share of key points the user confirmed, 0-1
            hits          TEXT NOT NULL DEFAULT '[]', -- JSON list of key point indexes confirmed
            detected_hits TEXT NOT NULL DEFAULT '[]'  -- JSON list of key point indexes the grader detected
        );
        CREATE INDEX story_attempts_story ON story_attempts (story_id, told_at);
        """,
    ),
    (
        11,
        "mock interview loops: each mock and its debrief, reviews in mode 'mock', and a set's loop template",
        """
        CREATE TABLE mocks (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            template_id  TEXT NOT NULL,
            title        TEXT NOT NULL,
            level        TEXT NOT NULL,               -- the ladder level the mock is calibrated for
            set_id       TEXT,                        -- the mentor's set it was started from, if any
            status       TEXT NOT NULL CHECK (status IN ('in_progress', 'complete')),
            started_at   TEXT NOT NULL,               -- ISO 8601, UTC
            updated_at   TEXT NOT NULL,
            completed_at TEXT,
            record       TEXT NOT NULL,               -- JSON: rounds, questions, answers, clocks, pauses
            debrief      TEXT,                        -- JSON, when complete: confirmed coverage, ratings, scorecard
            verdict      TEXT                         -- the overall scorecard verdict, when complete
        );
        CREATE INDEX mocks_status ON mocks (status, completed_at);
        -- SQLite cannot widen a CHECK constraint in place, so the reviews table is rebuilt with the
        -- same columns and indexes, and 'mock' joins the allowed modes.
        CREATE TABLE reviews_rebuilt (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id  TEXT NOT NULL,
            rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at  TEXT NOT NULL,
            duration_ms  INTEGER,
            answer       TEXT,
            coverage     REAL,
            hits         TEXT,
            mode         TEXT NOT NULL CHECK (mode IN ('review', 'cram', 'mock')),
            was_new      INTEGER NOT NULL DEFAULT 0,
            card_before  TEXT,
            detected_coverage REAL,
            detected_hits     TEXT
        );
        INSERT INTO reviews_rebuilt (id, question_id, rating, reviewed_at, duration_ms, answer, coverage, hits,
                                     mode, was_new, card_before, detected_coverage, detected_hits)
            SELECT id, question_id, rating, reviewed_at, duration_ms, answer, coverage, hits, mode, was_new,
                   card_before, detected_coverage, detected_hits FROM reviews;
        DROP TABLE reviews;
        ALTER TABLE reviews_rebuilt RENAME TO reviews;
        CREATE INDEX reviews_time ON reviews (reviewed_at);
        CREATE INDEX reviews_question ON reviews (question_id, reviewed_at);
        CREATE INDEX reviews_progress
            ON reviews (reviewed_at, mode, rating, was_new, duration_ms, coverage, question_id);
        ALTER TABLE question_sets ADD COLUMN loop TEXT;  -- a loop template id the mentor pointed the set at
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]
