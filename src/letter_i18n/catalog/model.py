"""Where a catalog entry stands, decided in one place for every stage.

An entry is *untranslated* until every form has text. A translated entry is
*reviewed* only without the ``fuzzy`` flag. A fuzzy one is a draft: a
*machine draft* (labelled ``draft: machine translation (ENGINE, DATE); needs
review [FINGERPRINT]``), a *team draft* (any other ``draft:`` label: a
translator's or an import's), or, with the previous msgid kept and no label,
a translation whose English *source changed* since. Drafts are labelled by
translator-comment lines starting with ``draft:`` so that PO editors show the
label to translators; clearing the fuzzy flag makes the entry reviewed, and
the next merge drops the label (:func:`drop_draft_labels`).

A machine draft's fingerprint is a hash of its text: the entry stays a
machine draft (which a refresh may redo) only while nobody has edited it.
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum

import polib

DRAFT_MARK = "draft:"  # translator-comment lines that label an unreviewed draft
# Translator-comment lines that ask a native reviewer what the translators could not settle.
QUESTION_MARK = "open question:"
FUZZY = "fuzzy"
_MACHINE = re.compile(rf"^{re.escape(DRAFT_MARK)} machine translation \(([^,()]+), "
                      r"(\d{4}-\d{2}-\d{2})\); needs review(?: \[([0-9a-f]{8})\])?$")

Key = tuple[str | None, str]  # (msgctxt, msgid): what identifies an entry in a catalog


class State(StrEnum):
    REVIEWED = "reviewed"
    MACHINE_DRAFT = "machine_draft"
    TEAM_DRAFT = "team_draft"
    SOURCE_CHANGED = "source_changed"
    UNTRANSLATED = "untranslated"

    @property
    def is_draft(self) -> bool:
        return self in (State.MACHINE_DRAFT, State.TEAM_DRAFT)


def new_pofile() -> polib.POFile:
    """An empty catalog as this project keeps them: UTF-8, msgcat's width, no polib checks.

    polib's own duplicate check is quadratic; the reader and the writer refuse
    duplicates themselves.
    """
    return polib.POFile(wrapwidth=79, encoding="utf-8", check_for_duplicates=False)


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def forms(entry: polib.POEntry) -> list[str]:
    """The translated texts: the msgstr, or each plural form in order."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_translated(entry: polib.POEntry) -> bool:
    """Every form has text (a partly translated plural entry is untranslated, as in msgfmt)."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def is_fuzzy(entry: polib.POEntry) -> bool:
    return FUZZY in entry.flags


def draft_label(entry: polib.POEntry) -> str:
    """The ``draft:`` lines of an entry's translator comment (who or what drafted it)."""
    return "\n".join(line for line in (entry.tcomment or "").split("\n")
                     if line.startswith(DRAFT_MARK))


def open_questions(entry: polib.POEntry) -> list[str]:
    """What the translators left for a native reviewer to decide (``open question:`` lines)."""
    return [line.removeprefix(QUESTION_MARK).strip()
            for line in (entry.tcomment or "").split("\n") if line.startswith(QUESTION_MARK)]


def fingerprint(entry: polib.POEntry) -> str:
    return hashlib.sha256("\0".join(forms(entry)).encode("utf-8")).hexdigest()[:8]


def is_machine_draft(entry: polib.POEntry) -> bool:
    """Fuzzy, labelled as a machine draft, and unedited since (its fingerprint still holds)."""
    if not is_fuzzy(entry) or not any(forms(entry)):
        return False
    for line in (entry.tcomment or "").split("\n"):
        found = _MACHINE.match(line)
        if found and found.group(3) in (None, fingerprint(entry)):
            return True
    return False


def is_untranslated(entry: polib.POEntry) -> bool:
    """Nothing in it a person made: no text and no fuzzy flag."""
    return not any(forms(entry)) and not is_fuzzy(entry)


def state(entry: polib.POEntry) -> State:
    if not is_translated(entry):
        return State.UNTRANSLATED
    if not is_fuzzy(entry):
        return State.REVIEWED
    label = draft_label(entry)
    if not label:
        return State.SOURCE_CHANGED if entry.previous_msgid is not None else State.TEAM_DRAFT
    return State.MACHINE_DRAFT if is_machine_draft(entry) else State.TEAM_DRAFT


def imported_label(name: str, day: str) -> str:
    """The label of a translation another tool or file brought in (XLIFF, a partner's
    Word file…): what it came from and when; a person has yet to review it."""
    return f"imported from {name} ({day}); needs review"


def mark_draft(entry: polib.POEntry, label: str, replaces: re.Pattern[str] | None = None,
               keep_previous: bool = False) -> None:
    """Make ``entry`` a fuzzy draft labelled ``draft: LABEL`` (the text is already in it).

    Lines matching ``replaces`` (an earlier label of the same kind) are dropped.
    A machine draft translates the current msgid, so the previous one goes; a
    person's draft may keep it (``keep_previous``) for the reviewer to see what
    changed in the English.
    """
    if not is_fuzzy(entry):
        entry.flags.insert(0, FUZZY)
    if not keep_previous:
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    kept = [line for line in (entry.tcomment or "").split("\n")
            if line and not (replaces and replaces.match(line))]
    entry.tcomment = "\n".join([*kept, f"{DRAFT_MARK} {label}"])


def mark_machine_draft(entry: polib.POEntry, texts: list[str], engine: str, date: str) -> None:
    """Write a machine draft into ``entry``: fuzzy, labelled with engine, date and fingerprint."""
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(texts))
    else:
        entry.msgstr = texts[0]
    mark_draft(entry, f"machine translation ({engine}, {date}); needs review "
                      f"[{fingerprint(entry)}]", replaces=_MACHINE)


def drop_draft_labels(tcomment: str) -> str:
    """A reviewed entry (fuzzy flag cleared) no longer carries its ``draft:`` labels."""
    return "\n".join(line for line in tcomment.split("\n")
                     if not line.startswith(DRAFT_MARK)) if tcomment else tcomment
