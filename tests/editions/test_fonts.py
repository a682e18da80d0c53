"""Font coverage: which characters no installed font has, by script, and what to install."""

from __future__ import annotations

import shutil

import pytest

from conftest import LOCALES, requires
from letter_i18n.editions import fonts
from printing import font_config

needs_fontconfig = requires(shutil.which("fc-match"), "fontconfig (fc-match)",
                            "apt-get install fontconfig")
LATIN_ONLY = fonts.InstalledFonts((0x20, 0xA0), (0x7E, 0x17F), frozenset({"Some Serif"}))


def test_coverage_is_a_set_of_ranges():
    assert LATIN_ONLY.covers(ord("A")) and LATIN_ONLY.covers(0x17F)
    assert not LATIN_ONLY.covers(0x1F) and not LATIN_ONLY.covers(0x7F)
    assert not LATIN_ONLY.covers(0x180) and not LATIN_ONLY.covers(0x10FFFF)


def test_missing_characters_are_grouped_by_script_with_their_package():
    text = "Été ملف ไทย 中文《》 \U00011F04 \U0001F600 ሀ"
    found = {gap.script: gap for gap in fonts.missing(text, LATIN_ONLY)}
    assert set(found) == {"Arab", "Thai", "Hani", "Zyyy", "Kawi", "Emoji", "Ethi"}
    assert found["Arab"].chars == "فلم" and found["Arab"].package == "fonts-noto-core"
    assert found["Hani"].chars == "中文" and found["Hani"].package == "fonts-noto-cjk"
    assert found["Zyyy"].chars == "《》"  # CJK punctuation is of the Common script
    assert found["Emoji"].package == "fonts-noto-color-emoji"
    assert found["Kawi"].package is None
    assert str(found["Thai"]) == "Thai script (U+0E17 ท, U+0E22 ย, U+0E44 ไ)"


def test_long_lists_of_characters_are_cut_short():
    gap = fonts.missing("ابتثجحخدذر", LATIN_ONLY)[0]
    assert str(gap).endswith("U+062B ث, U+062C ج and 5 more)")


def test_controls_and_invisible_characters_need_no_glyph():
    for char in "\n\t\u200d\u200c\u200f\u2066\u00ad\ufe0f":
        assert not fonts.needs_glyph(char), repr(char)
    assert fonts.missing("a\u200db\u202ec\n", LATIN_ONLY) == []
    assert fonts.needs_glyph("\u00a0") and fonts.needs_glyph("\u0e33")


def test_install_hint_names_packages_and_admits_unknown_scripts():
    gaps = fonts.missing("中 ม \U00011F04", LATIN_ONLY)
    hint = fonts.install_hint(gaps)
    assert "apt-get install fonts-noto-cjk fonts-noto-core" in hint
    assert "No Debian package known here has a font for Kawi" in hint
    assert "fc-list :charset=HEX" in hint


def test_first_family_of_each_font_stack():
    assert fonts.first_family(LOCALES.font_stack("Arab")) == "Noto Naskh Arabic"
    assert fonts.first_family(LOCALES.font_stack("Hans")) == "Noto Serif CJK SC"
    assert fonts.first_family("Georgia, serif") == "Georgia"


@needs_fontconfig
def test_installed_fonts_come_from_fontconfig(tmp_path, monkeypatch):
    """With a configuration holding only Noto Serif, Latin is covered and Arabic is not."""
    monkeypatch.setenv("FONTCONFIG_FILE", str(font_config(tmp_path, "Noto Serif")))
    fonts.installed.cache_clear()
    try:
        found = fonts.installed()
    finally:
        fonts.installed.cache_clear()
    assert "Noto Serif" in found.families and "Noto Naskh Arabic" not in found.families
    assert found.covers(ord("é")) and found.covers(ord("Ж")) and found.covers(0x2019)
    assert not found.covers(ord("م")) and not found.covers(ord("中"))


def test_without_fc_list_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    fonts.installed.cache_clear()
    try:
        with pytest.raises(fonts.UserError, match="fc-list is not installed") as caught:
            fonts.installed()
    finally:
        fonts.installed.cache_clear()
    assert "apt-get install fontconfig" in caught.value.hint


def test_a_missing_family_names_its_debian_package_or_what_to_do():
    core = "Install it: apt-get install fonts-noto-core"
    assert fonts.family_hint("Noto Serif Devanagari") == core
    assert fonts.family_hint("Noto Serif CJK SC") == "Install it: apt-get install fonts-noto-cjk"
    hint = fonts.family_hint("Sakal Marathi")
    assert "Install a font named Sakal Marathi" in hint and "locales/locales.toml" in hint
