"""Word-level diffs: words where a script has spaces, characters where it has none."""

from __future__ import annotations

from letter_i18n.review import worddiff


def test_words_in_english_and_french():
    assert worddiff.plain(worddiff.diff("the right to privacy", "the rights to privacy")) == (
        "the [-right-]{+rights+} to privacy")
    assert worddiff.diff("l’Assemblée générale", "l’Assemblée plénière") == [
        ("equal", "l’Assemblée "), ("delete", "générale"), ("insert", "plénière")]


def test_characters_in_chinese_and_thai():
    assert worddiff.plain(worddiff.diff("保护隐私权", "保护人权")) == "保护[-隐私-]{+人+}权"
    assert worddiff.plain(worddiff.diff("สิทธิมนุษยชน", "สิทธิพลเมือง")) == (
        "สิทธิ[-มนุษยชน-]{+พลเมือง+}")


def test_no_change_and_empty_sides():
    assert worddiff.diff("same", "same") == [("equal", "same")]
    assert worddiff.diff("", "new text") == [("insert", "new text")]
    assert worddiff.diff("old", "") == [("delete", "old")]
