"""Answers already received, so that a rerun sends only what is missing.

Keyed by (engine, source language, target language, text): the same text
asked of the same engine for the same language is never paid for twice, and an
answer that was rejected stays too, so a rerun does not ask again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from letter_i18n.drafts.engines import Engine

CACHE_FILE = Path(".cache") / "drafts.sqlite3"
RequestKey = tuple[str, str, str]  # engine, locale, text


def cache_key(request: RequestKey, engine: Engine) -> tuple[str, str, str, str]:
    """What the answer depends on: the engine, and the languages as the engine names them."""
    name, code, text = request
    return (name, engine.source, engine.codes[code], text)



class Cache:
    """Answers already received: (engine, source language, target language, text) -> answer.

    Written by one thread (the one running the plan); every answer is committed
    as it arrives, so a crash loses none.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS answers (engine TEXT, source TEXT, "
                        "target TEXT, text TEXT, answer TEXT, "
                        "PRIMARY KEY (engine, source, target, text))")

    def get(self, engine: str, src: str, target: str, text: str) -> str | None:
        row = self.db.execute("SELECT answer FROM answers WHERE engine=? AND source=? AND "
                              "target=? AND text=?", (engine, src, target, text)).fetchone()
        return row[0] if row else None

    def put(self, engine: str, src: str, target: str, text: str, answer: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                            (engine, src, target, text, answer))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


