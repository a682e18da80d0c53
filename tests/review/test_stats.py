"""Translation progress: four categories, in segments and in source words."""

from __future__ import annotations

import json
import subprocess
import sys

import polib
import pytest
from click.testing import CliRunner

from conftest import LOCALES, edit
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import parse_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.cli import cli
from letter_i18n.review import stats

CATALOG = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgid "Dear Chair,"
msgstr "Madame la Présidente,"

# draft: machine translation (libre, 2026-11-28)
#, fuzzy
msgid "We write about *cybercrime* and [a report][report]."
msgstr "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."

#, fuzzy
msgid "Thank you."
msgstr "Merci."

#, fuzzy
#| msgid "Accredit experts."
msgid "Accredit the experts."
msgstr "Accréditer des experts."

# draft: translation by the project team
#, fuzzy
#| msgid "Publish documents."
msgid "Publish the documents."
msgstr "Publier les documents."

#, fuzzy
msgid "Requests"
msgstr ""

msgid "{count} organization"
msgid_plural "{count} organizations"
msgstr[0] "{count} organisation"
msgstr[1] ""
msgstr[2] ""

#~ msgid "Gone"
#~ msgstr "Parti"
'''


@pytest.fixture
def fr() -> stats.LocaleStats:
    return stats.of_catalog(LOCALES.target("fr"), parse_po(CATALOG.encode()))


def test_each_entry_falls_in_one_category(fr):
    assert fr.segments == {"reviewed": 1, "draft": 3, "source_changed": 1, "untranslated": 2}


def test_words_are_the_reader_s_words_of_the_source(fr):
    assert stats.words("We write about *cybercrime* and [a report][report].") == 7
    assert fr.words == {"reviewed": 2, "draft": 7 + 2 + 3, "source_changed": 3,
                        "untranslated": 1 + 2}
    assert (fr.total("segments"), fr.total("words")) == (7, 20)
    assert fr.percent("segments", "draft") == 42.9
    assert fr.percent("words", "reviewed") == 10.0


def test_draft_labels_are_the_draft_lines_of_the_translator_comment():
    entry = parse_po(CATALOG.encode())[1]
    assert model.draft_label(entry) == "draft: machine translation (libre, 2026-11-28)"


@pytest.mark.parametrize(("counts", "width", "cells"), [
    ({"reviewed": 1, "draft": 1, "source_changed": 1, "untranslated": 0}, 10,
     [("reviewed", 4), ("draft", 3), ("source_changed", 3)]),
    ({"reviewed": 0, "draft": 0, "source_changed": 0, "untranslated": 0}, 5,
     [("untranslated", 5)]),
    ({"reviewed": 999, "draft": 1, "source_changed": 0, "untranslated": 0}, 20,
     [("reviewed", 20)]),
])
def test_bars_fill_exactly_their_width(counts, width, cells):
    assert stats.bar(counts, width) == cells


def test_formats(fr):
    assert json.loads(stats.to_json([fr]))["schema"] == "letter-i18n/stats/1"
    data = json.loads(stats.to_json([fr]))["locales"][0]
    assert data["locale"] == "fr"
    assert data["segments"]["total"] == 7 and data["segments"]["percent"]["draft"] == 42.9
    assert data["words"]["reviewed"] == 2
    table = stats.to_table([fr], width=7)
    assert "fr       █▓▓▓▒░░" in table
    assert stats.to_markdown([fr]).splitlines()[2] == (
        "| French (`fr`) | 1 (14.3 %) | 3 (42.9 %) | 1 (14.3 %) | 2 (28.6 %) | 2/20 (10.0 %) |")


@pytest.mark.slow
def test_cli_on_a_project(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    update_catalogs(small_project)
    edit(small_project.po_path("es"), 'msgid "Thank you."\nmsgstr ""',
         'msgid "Thank you."\nmsgstr "Gracias."')
    result = subprocess.run([sys.executable, "-m", "letter_i18n", "--root",
                             str(small_project.root), "stats", "--format", "json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    by_code = {s["locale"]: s for s in json.loads(result.stdout)["locales"]}
    assert list(by_code) == [t.code for t in LOCALES.targets]
    assert by_code["es"]["segments"]["reviewed"] == 1
    assert by_code["fr"]["segments"]["reviewed"] == 0
    assert by_code["es"]["segments"]["total"] == by_code["fr"]["segments"]["total"]


def test_below_names_the_locales_reviewed_less_than_required(fr):
    # fr: 1 of 7 segments reviewed (14.29 %), 2 of 20 source words (10 %)
    assert stats.below([fr], 14.2) == []
    [short] = stats.below([fr], 80)
    assert (short.code, round(short.share, 2), short.minimum) == ("fr", 14.29, 80)
    assert str(short) == "fr: 14.3% reviewed, below --fail-under 80"
    assert stats.below([fr], 0) == []


def test_below_compares_the_exact_share_not_the_rounded_one(fr):
    # 14.2857 % shows as 14.3 % in the tables, yet it is below 14.3
    [short] = stats.below([fr], 14.3)
    assert str(short) == "fr: 14.29% reviewed, below --fail-under 14.3"


def test_below_by_words(fr):
    assert stats.below([fr], 10, "words") == []  # exactly 10 % is not below 10
    [short] = stats.below([fr], 12.5, "words")
    assert str(short) == "fr: 10.0% reviewed, below --fail-under 12.5"
    assert stats.below([fr], 12.5, "segments") == []


def test_below_keeps_the_order_and_skips_complete_or_empty_catalogs(fr):
    complete = model.new_pofile()
    complete.append(polib.POEntry(msgid="Dear Chair,", msgstr="Уважаемая госпожа Председатель,"))
    done = stats.of_catalog(LOCALES.target("ru"), complete)
    empty = stats.of_catalog(LOCALES.target("th"), model.new_pofile())
    es = stats.LocaleStats(LOCALES.target("es"), dict(fr.segments), dict(fr.words))
    assert [s.code for s in stats.below([es, done, empty, fr], 100)] == ["es", "fr"]


def _gate_project(small_project):
    """The small letter with catalogs: es has one reviewed entry, the others none."""
    update_catalogs(small_project)
    edit(small_project.po_path("es"), 'msgid "Thank you."\nmsgstr ""',
         'msgid "Thank you."\nmsgstr "Gracias."')
    return small_project


def test_cli_fail_under(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    root = str(_gate_project(small_project).root)
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", root, "stats", "--format", "json", "--fail-under", "1",
                                 "-l", "es", "-l", "fr"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["locales"][1]["locale"] == "fr"  # output as without it
    assert result.stderr == "fr: 0.0% reviewed, below --fail-under 1\n"

    share = json.loads(result.stdout)["locales"][0]["segments"]["percent"]["reviewed"]
    passed = runner.invoke(cli, ["--root", root, "stats", "--fail-under", f"{share - 0.1:.1f}",
                                 "-l", "es"])
    assert (passed.exit_code, passed.stderr) == (0, "")
    assert passed.stdout.startswith("█ reviewed")


def test_cli_fail_under_by_words(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    root = str(_gate_project(small_project).root)
    found = {s.info.code: s for s in stats.collect(small_project, ["es"])}["es"]
    by_words, by_segments = found.percent("words", "reviewed"), found.percent("segments",
                                                                                "reviewed")
    assert by_words < by_segments  # "Thank you." is shorter than the average segment
    between = str(round((by_words + by_segments) / 2, 1))
    runner = CliRunner()
    args = ["--root", root, "stats", "-l", "es", "--fail-under", between]
    assert runner.invoke(cli, args).exit_code == 0
    assert runner.invoke(cli, [*args, "--by", "segments"]).exit_code == 0
    result = runner.invoke(cli, [*args, "--by", "words"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"es: {by_words:.1f}% reviewed, below --fail-under")


@pytest.mark.parametrize("args", [["--by", "words"], ["--fail-under", "101"],
                                  ["--fail-under", "-1"], ["--fail-under", "80", "--by", "lines"]])
def test_cli_fail_under_usage_errors(small_project, args):
    result = CliRunner().invoke(cli, ["--root", str(small_project.root), "stats", *args])
    assert result.exit_code == 2
