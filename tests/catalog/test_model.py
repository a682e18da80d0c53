"""catalog.model: where an entry stands (reviewed, drafts, source changed, untranslated)."""

from __future__ import annotations

import copy
import re

import polib
import pytest

from letter_i18n.catalog import model
from letter_i18n.catalog.model import State
from letter_i18n.catalog.pofile import parse_po

HEADER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;\\n"

'''


def entry(po: str) -> polib.POEntry:
    """The one entry of a small catalog, read as the project reads catalogs."""
    [found] = parse_po((HEADER + po).encode("utf-8"))
    return found


def machine_label(text: str, engine: str = "libre", date: str = "2026-11-28") -> str:
    stamp = model.fingerprint(polib.POEntry(msgid="x", msgstr=text))
    return f"draft: machine translation ({engine}, {date}); needs review [{stamp}]"


@pytest.mark.parametrize(("po", "state"), [
    ('msgid "Thank you."\nmsgstr ""\n', State.UNTRANSLATED),
    ('#, fuzzy\nmsgid "Thank you."\nmsgstr ""\n', State.UNTRANSLATED),
    ('msgid "Thank you."\nmsgstr "Merci."\n', State.REVIEWED),
    # a label left behind does not make a reviewed entry a draft
    ('# draft: translation by the team\nmsgid "Thank you."\nmsgstr "Merci."\n', State.REVIEWED),
    (f'# {machine_label("Merci.")}\n#, fuzzy\nmsgid "Thank you."\nmsgstr "Merci."\n',
     State.MACHINE_DRAFT),
    # a label from before fingerprints: still a machine draft
    ('# draft: machine translation (google, 2025-01-31); needs review\n#, fuzzy\n'
     'msgid "Thank you."\nmsgstr "Merci."\n', State.MACHINE_DRAFT),
    # edited since the engine wrote it: the fingerprint no longer holds
    (f'# {machine_label("Merci.")}\n#, fuzzy\nmsgid "Thank you."\nmsgstr "Merci beaucoup."\n',
     State.TEAM_DRAFT),
    ('# draft: translation by the project team\n#, fuzzy\nmsgid "Thank you."\n'
     'msgstr "Merci."\n', State.TEAM_DRAFT),
    # a labelled draft stays a draft even with the previous English kept
    ('# draft: translation by the project team\n#, fuzzy\n#| msgid "Thanks."\n'
     'msgid "Thank you."\nmsgstr "Merci."\n', State.TEAM_DRAFT),
    ('#, fuzzy\n#| msgid "Thanks."\nmsgid "Thank you."\nmsgstr "Merci."\n',
     State.SOURCE_CHANGED),
    ('#, fuzzy\nmsgid "Thank you."\nmsgstr "Merci."\n', State.TEAM_DRAFT),
    # a comment that merely mentions drafts is no label
    ('# see the draft: it is ours\n#, fuzzy\n#| msgid "Thanks."\nmsgid "Thank you."\n'
     'msgstr "Merci."\n', State.SOURCE_CHANGED),
])
def test_state(po, state):
    assert model.state(entry(po)) is state


PLURAL = 'msgid "{count} organization"\nmsgid_plural "{count} organizations"\n'


@pytest.mark.parametrize(("forms", "state"), [
    (["{count} organisation", "", ""], State.UNTRANSLATED),
    (["{count} organisation", "{count} d’organisations", ""], State.UNTRANSLATED),
    (["", "", ""], State.UNTRANSLATED),
    (["{count} organisation", "{count} d’organisations", "{count} organisations"],
     State.REVIEWED),
])
def test_state_of_plural_entries(forms, state):
    po = PLURAL + "".join(f'msgstr[{i}] "{text}"\n' for i, text in enumerate(forms))
    found = entry(po)
    assert model.forms(found) == forms
    assert model.is_translated(found) is (state is State.REVIEWED)
    assert model.state(found) is state


def test_is_draft():
    assert {s for s in State if s.is_draft} == {State.MACHINE_DRAFT, State.TEAM_DRAFT}


def test_mark_machine_draft_labels_and_fingerprints():
    found = entry('#. paragraph 2 of section "Background"\n#: source/letter.md:12\n'
                  '#, no-wrap\nmsgid "Thank you."\nmsgstr ""\n')
    model.mark_machine_draft(found, ["Merci."], "libre", "2026-11-28")
    assert found.msgstr == "Merci."
    assert found.flags == ["fuzzy", "no-wrap"]
    assert found.tcomment == machine_label("Merci.")
    assert re.fullmatch(r".*needs review \[[0-9a-f]{8}\]", found.tcomment)
    assert found.comment == 'paragraph 2 of section "Background"'
    assert model.draft_label(found) == found.tcomment
    assert model.state(found) is State.MACHINE_DRAFT
    found.msgstr = "Merci beaucoup."  # a translator edits it
    assert model.state(found) is State.TEAM_DRAFT


def test_mark_machine_draft_replaces_an_earlier_machine_label_and_keeps_other_comments():
    found = entry('# Keep it short: it closes the letter.\n'
                  '# draft: machine translation (google, 2025-01-31); needs review [0badf00d]\n'
                  '# draft: checked by Ana\n'
                  '#, fuzzy\n#| msgid "Thanks."\nmsgid "Thank you."\nmsgstr "Merci bien."\n')
    model.mark_machine_draft(found, ["Merci."], "deepl", "2026-11-28")
    assert found.tcomment.split("\n") == [
        "Keep it short: it closes the letter.",
        "draft: checked by Ana",
        machine_label("Merci.", "deepl"),
    ]
    assert found.flags == ["fuzzy"]  # not twice
    assert found.previous_msgid is None  # the draft translates the current English
    assert model.state(found) is State.MACHINE_DRAFT
    model.mark_machine_draft(found, ["Merci."], "deepl", "2026-11-29")
    assert found.tcomment.count("machine translation") == 1


def test_mark_machine_draft_of_a_plural_entry():
    found = entry(PLURAL + 'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n')
    texts = ["{count} organisation", "{count} d’organisations", "{count} organisations"]
    model.mark_machine_draft(found, texts, "libre", "2026-11-28")
    assert found.msgstr_plural == dict(enumerate(texts))
    assert model.fingerprint(found) in found.tcomment
    assert model.state(found) is State.MACHINE_DRAFT
    found.msgstr_plural[2] = "{count} ONG"
    assert model.state(found) is State.TEAM_DRAFT


def test_fingerprint_depends_on_every_form():
    one = polib.POEntry(msgid="a", msgid_plural="b", msgstr_plural={0: "x", 1: "yz"})
    other = polib.POEntry(msgid="a", msgid_plural="b", msgstr_plural={0: "xy", 1: "z"})
    assert model.fingerprint(one) != model.fingerprint(other)
    assert re.fullmatch("[0-9a-f]{8}", model.fingerprint(one))


@pytest.mark.parametrize(("tcomment", "kept"), [
    ("draft: machine translation (libre, 2026-11-28); needs review [a99c2d78]", ""),
    ("Keep it short.\ndraft: by Ana\nCheck the name.", "Keep it short.\nCheck the name."),
    ("No label here.", "No label here."),
    ("A draft: not at the start.", "A draft: not at the start."),
    ("", ""),
])
def test_drop_draft_labels(tcomment, kept):
    assert model.drop_draft_labels(tcomment) == kept


def test_open_questions_are_the_translator_comment_lines_that_ask():
    entry = polib.POEntry(msgid="x", msgstr="y", tcomment=(
        "open question: Вуль or Вуле?\ndraft: translation by the project team\n"
        "a note\nopen question:  en dash or hyphen? "))
    assert model.open_questions(entry) == ["Вуль or Вуле?", "en dash or hyphen?"]
    assert model.open_questions(polib.POEntry(msgid="x")) == []


def test_a_draft_label_replaces_its_kind_and_drops_or_keeps_the_previous_msgid():
    entry = polib.POEntry(msgid="new", msgstr="nouveau", previous_msgid="old",
                          tcomment="a note\ndraft: machine translation (libre, 2026-11-28); "
                                   "needs review")
    kept = copy.deepcopy(entry)
    model.mark_draft(kept, "imported from fr.xlf (2027-01-15); needs review",
                     replaces=re.compile("^draft:"), keep_previous=True)
    assert kept.flags == ["fuzzy"] and kept.previous_msgid == "old"
    assert kept.tcomment == "a note\ndraft: imported from fr.xlf (2027-01-15); " \
        "needs review"
    assert model.state(kept) is model.State.TEAM_DRAFT
    model.mark_draft(entry, "by the team")
    assert entry.previous_msgid is None
    assert entry.tcomment.split("\n")[-1] == "draft: by the team"
