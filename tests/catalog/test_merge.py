"""Catalog merging has GNU msgmerge's semantics: compared with msgmerge on the same files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from conftest import requires
from letter_i18n.catalog.merge import FUZZY_THRESHOLD, FuzzySearch, merge
from letter_i18n.catalog.pofile import parse_po

HEADER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

'''
OLD = HEADER + '''#. kept
msgid "Background"
msgstr "Contexte"

msgid "We therefore ask that the process includes robust civil society participation."
msgstr "Nous demandons donc que le processus inclue une participation robuste."

msgid "The laws are especially problematic when they include content-related crimes."
msgstr "Ces lois sont particulièrement problématiques lorsqu’elles incluent des contenus."

msgid "Police around the world are using an increasingly intrusive set of tools."
msgstr "Partout dans le monde, la police utilise des outils de plus en plus intrusifs."

msgid "Meaningful Participation"
msgstr "Participation effective"

#, fuzzy
#| msgid "Thank you."
msgid "Thank you!"
msgstr "Merci."

msgid "Untranslated and removed."
msgstr ""

#~ msgid "Scope of Substantive Criminal Provisions"
#~ msgstr "Portée des dispositions pénales de fond"
'''
NEW = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. kept, new comment
msgid "Background"
msgstr ""

msgid "We therefore ask that the process includes strong civil society participation."
msgstr ""

msgid "The laws are not especially problematic when they include content-related crimes."
msgstr ""

msgid "Scope of Substantive Criminal Provisions"
msgstr ""

msgid "Thank you!"
msgstr ""

msgid "An entirely new sentence about something else."
msgstr ""
'''


def classify(catalog) -> dict[str, str]:
    kinds = {}
    for e in catalog:
        if e.obsolete:
            kinds[e.msgid] = "obsolete"
        elif "fuzzy" in e.flags:
            kinds[e.msgid] = "fuzzy"
        elif e.msgstr:
            kinds[e.msgid] = "translated"
        else:
            kinds[e.msgid] = "empty"
    return kinds


@pytest.fixture
def merged():
    result, stats = merge(parse_po(NEW.encode()), parse_po(OLD.encode()), 2)
    return result, stats


@requires(shutil.which("msgmerge"), "GNU msgmerge", "apt-get install gettext")
def test_same_classification_as_gnu_msgmerge(tmp_path: Path, merged):
    (tmp_path / "old.po").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.pot").write_text(NEW, encoding="utf-8")
    out = subprocess.run(["msgmerge", "--quiet", "--previous", "-o", "-", "old.po", "new.pot"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    gnu = parse_po(out.encode())
    ours, _ = merged
    assert classify(ours) == classify(gnu)
    for theirs, mine in zip(gnu, ours, strict=True):
        assert (mine.msgid, mine.msgstr, mine.previous_msgid) == \
            (theirs.msgid, theirs.msgstr, theirs.previous_msgid)


def test_semantics(merged):
    result, stats = merged
    by_id = {e.msgid: e for e in result}
    assert by_id["Background"].msgstr == "Contexte"
    assert by_id["Background"].comment == "kept, new comment"
    negated = by_id["The laws are not especially problematic when they include "
                    "content-related crimes."]
    assert "fuzzy" in negated.flags  # gained a "not": never carried over as translated
    assert negated.previous_msgid.startswith("The laws are especially problematic")
    assert by_id["Thank you!"].flags == ["fuzzy"]
    assert by_id["Thank you!"].previous_msgid == "Thank you."  # still the reviewed source
    assert by_id["Scope of Substantive Criminal Provisions"].msgstr.startswith("Portée")
    assert not by_id["Scope of Substantive Criminal Provisions"].obsolete  # revived
    assert by_id["An entirely new sentence about something else."].msgstr == ""
    assert by_id["Police around the world are using an increasingly intrusive set of tools."] \
        .obsolete
    assert "Untranslated and removed." not in by_id
    assert (stats.kept, stats.fuzzy, stats.new, stats.revived) == (2, 2, 1, 1)


def test_merging_twice_changes_nothing(merged):
    once, _ = merged
    twice, stats = merge(parse_po(NEW.encode()), once, 2)
    assert [(e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete) for e in twice] == \
        [(e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete) for e in once]
    assert stats.fuzzy == 0


def test_draft_labels_are_dropped_once_reviewed():
    old = HEADER + """# draft: machine translation (libre, 2026-11-28); needs review
# kept note
msgid "Background"
msgstr "Contexte"

# draft: machine translation (libre, 2026-11-28); needs review
#, fuzzy
msgid "Meaningful Participation"
msgstr "Participation significative"
"""
    new = HEADER + 'msgid "Background"\nmsgstr ""\n\nmsgid "Meaningful Participation"\nmsgstr ""\n'
    result, _ = merge(parse_po(new.encode()), parse_po(old.encode()), 2)
    reviewed, draft = list(result)
    assert reviewed.tcomment == "kept note"
    assert draft.tcomment.startswith("draft: machine translation")
    assert draft.flags == ["fuzzy"]


WORDS = ("rights", "human", "convention", "not", "States", "cybercrime", "should", "online",
         "the", "of", "a", "safeguards", "Committee", "privacy", "2019", "and")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_fuzzy_search_finds_what_an_exhaustive_search_finds(data):
    """The same-place shortcut and the length window never change the answer."""
    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
    old = data.draw(st.lists(sentence, min_size=1, max_size=30, unique=True))
    places = [[("source/letter.md", str(data.draw(st.integers(1, 12))))] for _ in old]
    search = FuzzySearch(old, places)
    for _ in range(5):
        query = data.draw(sentence)
        place = [("source/letter.md", str(data.draw(st.integers(1, 12))))]
        full = process.extractOne(query, old, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        assert search.best(query, place) == (full[2] if full else None)
