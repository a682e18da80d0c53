"""files.write_if_changed: atomic writes that leave unchanged files untouched."""

from __future__ import annotations

import os
import stat

import pytest

from letter_i18n import files
from letter_i18n.files import write_if_changed

OLD_TIME = 1_000_000_000  # 2001: far from now, so a rewrite would show in the mtime


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_written_with_its_directories(tmp_path):
    path = tmp_path / "build" / "editions" / "fr" / "letter.txt"
    assert write_if_changed(path, "Madame la Présidente,\n") is True
    assert path.read_bytes() == "Madame la Présidente,\n".encode()
    assert mode(path) == 0o644
    assert os.listdir(path.parent) == ["letter.txt"]  # no temporary file left


def test_bytes_are_written_as_they_are(tmp_path):
    path = tmp_path / "letter.pdf"
    assert write_if_changed(path, b"%PDF-1.7\r\n\x00\xff") is True
    assert path.read_bytes() == b"%PDF-1.7\r\n\x00\xff"


def test_unchanged_content_is_not_touched(tmp_path):
    path = tmp_path / "letter.po"
    path.write_text("msgid \"\"\n", encoding="utf-8")
    os.utime(path, (OLD_TIME, OLD_TIME))
    inode = path.stat().st_ino
    assert write_if_changed(path, "msgid \"\"\n") is False
    assert write_if_changed(path, b"msgid \"\"\n") is False
    assert path.stat().st_mtime == OLD_TIME
    assert path.stat().st_ino == inode


def test_changed_content_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "letter.po"
    path.write_text("old\n", encoding="utf-8")
    os.utime(path, (OLD_TIME, OLD_TIME))
    os.link(path, tmp_path / "reader-still-open")  # the old file as a reader holds it
    assert write_if_changed(path, "new\n") is True
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mtime > OLD_TIME
    # renamed over, not rewritten in place: the old inode still holds the whole old text
    assert (tmp_path / "reader-still-open").read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["letter.po", "reader-still-open"]


@pytest.mark.parametrize("file_mode", [0o600, 0o664, 0o755])
def test_the_file_keeps_its_mode(tmp_path, file_mode):
    path = tmp_path / "run.sh"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(file_mode)
    assert write_if_changed(path, "new\n") is True
    assert mode(path) == file_mode


@pytest.mark.parametrize("failing", ["replace", "fsync"])
@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
        tmp_path, monkeypatch, failing, error):
    path = tmp_path / "letter.po"
    path.write_text("old\n", encoding="utf-8")

    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(files.os, failing, fail)
    with pytest.raises(type(error)):
        write_if_changed(path, "new\n")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["letter.po"]


def test_a_failed_first_write_leaves_nothing(tmp_path, monkeypatch):
    def fail(*_args):
        raise OSError("no space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError, match="no space"):
        write_if_changed(tmp_path / "new.txt", "text")
    assert os.listdir(tmp_path) == []
