"""Thai words: newmm with the project's words decides where a line of Thai may break."""

from __future__ import annotations

import os
import subprocess
import sys

import polib
import pytest

from conftest import REPO
from letter_i18n.editions import thaiwords
from letter_i18n.editions.thaiwords import Words, project_words, read_word_list
from letter_i18n.errors import UserError
from letter_i18n.project import Project
from letter_i18n.source.letter import load_letter


@pytest.fixture(scope="module")
def words() -> Words:
    project = Project(REPO)
    return Words(project_words(project, load_letter(project.source_dir, REPO), "th"))


@pytest.mark.parametrize(("run", "units"), [
    ("สิทธิมนุษยชนกว่า", ["สิทธิมนุษยชน", "กว่า"]),  # ICU: "สิทธิมนุษยชนก|ว่า"
    ("การต่อต้าน", ["การ", "ต่อต้าน"]),  # ICU: "การต่อ|ต้าน"
    ("สารบัญญัติและวิธีสบัญญัติ", ["สารบัญญัติ", "และ", "วิธีสบัญญัติ"]),  # thai-words.txt
    ("มหาวิทยาลัยแคลิฟอร์เนียเออร์ไวน์", ["มหาวิทยาลัย", "แคลิฟอร์เนีย", "เออร์ไวน์"]),
    ("ภาคประชาสังคม", ["ภาคประชาสังคม"]),  # the glossary's rendering of "civil society"
])
def test_compounds_and_names_stay_whole(words, run, units):
    assert words.units(run) == units


def test_the_project_words_are_what_keeps_some_of_them_whole():
    assert Words().units("วิธีสบัญญัติ") != ["วิธีสบัญญัติ"]
    assert Words(["วิธีสบัญญัติ"]).units("วิธีสบัญญัติ") == ["วิธีสบัญญัติ"]


def test_names_in_thai_script_break_only_between_their_parts(words):
    for name in ("เกลม็อง ญาเลตโซซี วูล", "ฟาวเซีย บูไมซา เมบาร์กี"):  # from letter.yaml
        assert words.breaks(name) == set(), name  # lines break at its spaces only
        assert Words().breaks(name), name  # which the dictionary alone would not keep


def test_mai_yamok_stays_with_the_word_it_repeats(words):
    assert "ต่าง ๆ" in words.units("คณะผู้แทนต่าง ๆ")
    text = "การริเริ่มต่าง ๆ ว่าด้วย"
    assert text.index("ๆ") not in words.breaks(text)


def test_breaks_and_inside_are_offsets_between_thai_letters_only(words):
    text = "Clément Voule ผู้รายงานพิเศษ (2019) สิทธิมนุษยชน"
    thai = {i for i in range(1, len(text)) if "\u0e01" <= text[i - 1] <= "\u0e4e"
            and "\u0e01" <= text[i] <= "\u0e4e"}
    breaks, inside = words.breaks(text), words.inside(text)
    assert breaks and inside and not breaks & inside
    assert breaks | inside == thai
    assert text.index("พิเศษ") in breaks
    assert not any(text.index("สิทธิมนุษยชน") < i < text.index("สิทธิมนุษยชน") + 12
                   for i in breaks)


def test_segmentation_is_the_same_every_time(words):
    text = "".join(e.msgstr for e in polib.pofile(str(REPO / "locales/th/LC_MESSAGES/letter.po")))
    again = Words(words.extra)
    assert again.breaks(text) == words.breaks(text)


def test_the_word_set_answers_newmm_as_pythainlps_trie_does(words):
    """newmm is given a set in place of its trie (no 0.4 s build): same words, same cuts."""
    from pythainlp.util import Trie

    segment, dictionary = thaiwords._newmm(words.extra)
    trie = Trie(dictionary.words)
    catalog = polib.pofile(str(REPO / "locales/th/LC_MESSAGES/letter.po"))
    runs = [m.group() for e in catalog for m in thaiwords.RUN.finditer(e.msgstr)]
    assert len(runs) > 200
    assert [segment(run, dictionary) for run in runs] == [segment(run, trie) for run in runs]
    assert dictionary.prefixes("สิทธิมนุษยชนกว่า") == trie.prefixes("สิทธิมนุษยชนกว่า")


def test_project_words_come_from_the_glossary_names_and_the_word_list(tmp_path):
    project = Project(REPO)
    found = project_words(project, load_letter(project.source_dir, REPO), "th")
    assert "สิทธิมนุษยชน" in found and "ภาคประชาสังคม" in found  # glossary
    assert "มูลนิธิมานุษยะ" in found  # an organization's Thai name in letter.yaml
    assert "เออร์ไวน์" in found  # source/thai-words.txt
    # A rendering longer than a word is a phrase, broken between its words.
    assert not any(len(word) > thaiwords.LONGEST_WORD for word in found)
    assert "สมัชชาใหญ่แห่งสหประชาชาติ" not in found


def test_the_word_list_reports_a_line_that_is_not_a_thai_word(tmp_path):
    path = tmp_path / "source" / "thai-words.txt"
    path.parent.mkdir()
    path.write_text("# comment\nสารบัญญัติ  # substantive\n\nIrvine\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        read_word_list(path, Project(tmp_path))
    assert raised.value.line == 4 and "Irvine" in raised.value.message
    path.write_text("สารบัญญัติ  # substantive\n\nเออร์ไวน์\n", encoding="utf-8")
    assert read_word_list(path, Project(tmp_path)) == ["สารบัญญัติ", "เออร์ไวน์"]
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(UserError, match="not UTF-8"):
        read_word_list(path, Project(tmp_path))
    assert read_word_list(tmp_path / "missing.txt", Project(tmp_path)) == []


@pytest.mark.slow
def test_pythainlp_is_loaded_only_for_thai_and_never_downloads_or_writes(tmp_path):
    """Rendering the other editions does not import PyThaiNLP; the Thai edition does, with
    no network (proxies lead nowhere) and nothing written to the home directory."""
    code = ("import sys; from pathlib import Path; from letter_i18n.project import Project; "
            "from letter_i18n.editions.render import render_editions; "
            "render_editions(Project(Path(sys.argv[1])), Path(sys.argv[2]), sys.argv[3:]); "
            "print('pythainlp' in sys.modules)")
    (tmp_path / "tmp").mkdir()  # a cache of its own: another run's segmentations would do
    env = {**os.environ, "HOME": str(tmp_path / "home"), "HTTP_PROXY": "http://127.0.0.1:9",
           "HTTPS_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "http://127.0.0.1:9",
           "TMPDIR": str(tmp_path / "tmp")}
    env.pop("PYTHAINLP_DATA", None)

    def run(*codes: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, str(REPO), str(tmp_path / "out"),
                               *codes], capture_output=True, text=True, env=env, check=True)
        return done.stdout.strip()

    assert run("en", "fr", "ar", "zh_Hans") == "False"
    assert run("th") == "True"
    assert "สิทธิมนุษยชน" in (tmp_path / "out" / "th" / "letter.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "home").exists()


def test_segmentations_are_kept_between_runs_and_need_no_pythainlp_then(tmp_path, monkeypatch):
    run = "สิทธิมนุษยชนและวิธีสบัญญัติ"
    first = Words(["วิธีสบัญญัติ"], tmp_path)
    units = first.units(run)
    first.save()
    [kept] = tmp_path.glob("letter-i18n-thai-*.json")

    def no_pythainlp(extra):
        raise AssertionError("segmented again instead of read from the cache")

    monkeypatch.setattr(thaiwords, "_newmm", no_pythainlp)
    again = Words(["วิธีสบัญญัติ"], tmp_path)
    assert again.units(run) == units
    again.save()  # nothing new: the file is not rewritten
    assert list(tmp_path.glob("letter-i18n-thai-*.json")) == [kept]
    with pytest.raises(AssertionError, match="segmented again"):
        Words(["สิทธิมนุษยชน"], tmp_path).units(run)  # other words: another segmentation


def test_a_damaged_cache_is_ignored(tmp_path):
    words = Words([], tmp_path)
    right = words.units("การต่อต้าน")
    words.save()
    [kept] = tmp_path.glob("letter-i18n-thai-*.json")
    kept.write_text('{"การต่อต้าน": ["การ", "ต่อต้าน", "x"]}', encoding="utf-8")
    assert Words([], tmp_path).units("การต่อต้าน") == right
    kept.write_text("{not json", encoding="utf-8")
    assert Words([], tmp_path).units("การต่อต้าน") == right
