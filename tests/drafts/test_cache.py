"""Answers already received, kept in SQLite so that a rerun sends only what is missing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import LOCALES
from letter_i18n.drafts import engines
from letter_i18n.drafts.cache import CACHE_FILE, Cache, cache_key

TEXT = "We write about *cybercrime*\nand [a report][report]: «{name}» 中文"


def test_an_answer_put_is_got_back_exactly(tmp_path):
    with Cache(tmp_path / ".cache" / "drafts.sqlite3") as cache:  # the directory is made
        assert cache.get("libre", "en", "fr", TEXT) is None
        cache.put("libre", "en", "fr", TEXT, "Nous écrivons\n« {name} »")
        assert cache.get("libre", "en", "fr", TEXT) == "Nous écrivons\n« {name} »"
        cache.put("libre", "en", "fr", "", "")  # an empty answer is an answer too
        assert cache.get("libre", "en", "fr", "") == ""


def test_every_part_of_the_key_counts_and_a_new_answer_replaces_the_old(tmp_path):
    with Cache(tmp_path / "drafts.sqlite3") as cache:
        cache.put("libre", "en", "fr", TEXT, "fr answer")
        for other in (("google", "en", "fr", TEXT), ("libre", "en-US", "fr", TEXT),
                      ("libre", "en", "es", TEXT), ("libre", "en", "fr", TEXT + " ")):
            assert cache.get(*other) is None, other
        cache.put("libre", "en", "fr", TEXT, "better fr answer")
        assert cache.get("libre", "en", "fr", TEXT) == "better fr answer"


def test_a_second_cache_on_the_same_file_sees_committed_answers(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with Cache(path) as writer, Cache(path) as reader:
        writer.put("libre", "en", "fr", TEXT, "answer")
        assert reader.get("libre", "en", "fr", TEXT) == "answer"  # no close needed


def test_a_rerun_after_close_finds_every_answer(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    first = Cache(path)
    for n in range(3):
        first.put("google", "en", "th", f"{TEXT} {n}", f"answer {n}")
    first.close()
    with pytest.raises(sqlite3.ProgrammingError):
        first.get("google", "en", "th", TEXT)  # closed means closed
    with Cache(path) as rerun:
        assert [rerun.get("google", "en", "th", f"{TEXT} {n}") for n in range(3)] == [
            "answer 0", "answer 1", "answer 2"]


def test_keys_use_each_engines_own_language_codes():
    known = engines.for_locales(LOCALES)
    assert cache_key(("libre", "zh_Hans", TEXT), known["libre"]) == ("libre", "en", "zh", TEXT)
    assert cache_key(("google", "zh_Hans", TEXT), known["google"]) == (
        "google", "en", "zh-CN", TEXT)
    assert cache_key(("mymemory", "fr", TEXT), known["mymemory"]) == (
        "mymemory", "en-US", "fr-FR", TEXT)
    assert Path(".cache", "drafts.sqlite3") == CACHE_FILE  # relative to the project
