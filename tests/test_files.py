"""files.write_if_changed: atomic writes that leave unchanged files untouched."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from letter_i18n import files
from letter_i18n.errors import UserError
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


# --- reading inputs -------------------------------------------------------------------------

def test_an_input_is_read_as_bytes(tmp_path):
    path = tmp_path / "letter.po"
    path.write_bytes(b'msgid ""\n')
    assert files.read_input(path, "letter.po", tmp_path) == b'msgid ""\n'


def test_a_link_out_of_the_project_is_refused_without_showing_the_target(tmp_path):
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "letter.po").symlink_to(secret)
    with pytest.raises(UserError, match="outside the project") as caught:
        files.read_input(project / "letter.po", "letter.po", project)
    assert "root:x" not in str(caught.value)


def test_a_link_inside_the_project_is_followed(tmp_path):
    (tmp_path / "real.po").write_bytes(b"x")
    (tmp_path / "letter.po").symlink_to(tmp_path / "real.po")
    assert files.read_input(tmp_path / "letter.po", "letter.po", tmp_path) == b"x"


def test_a_device_is_refused_before_it_fills_memory(tmp_path):
    (tmp_path / "letter.po").symlink_to("/dev/zero")
    with pytest.raises(UserError, match="is a device, not a regular file"):
        files.read_input(tmp_path / "letter.po", "letter.po")


def test_a_fifo_is_refused_instead_of_hanging(tmp_path):
    os.mkfifo(tmp_path / "letter.po")
    with pytest.raises(UserError, match="is a FIFO, not a regular file"):
        files.read_input(tmp_path / "letter.po", "letter.po")


def test_a_directory_is_refused(tmp_path):
    (tmp_path / "letter.po").mkdir()
    with pytest.raises(UserError, match="is a directory"):
        files.read_input(tmp_path / "letter.po", "letter.po")


def test_an_oversized_input_is_refused(tmp_path):
    (tmp_path / "letter.po").write_bytes(b"#" * 2049)
    with pytest.raises(UserError, match="larger than") as caught:
        files.read_input(tmp_path / "letter.po", "locales/fr/letter.po", limit=2048)
    assert caught.value.path == "locales/fr/letter.po"


def test_a_missing_input_raises_file_not_found_for_the_caller_to_explain(tmp_path):
    with pytest.raises(FileNotFoundError):
        files.read_input(tmp_path / "letter.po", "letter.po")


# --- what a killed writer leaves behind -----------------------------------------------------

def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_writer_s_temporary_file_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "index.html"
    abandoned = tmp_path / f".index.html.{dead_pid()}.k2j4.tmp"
    abandoned.write_text("half a page")
    write_if_changed(path, "<p>whole</p>")
    assert sorted(os.listdir(tmp_path)) == ["index.html"]


def test_a_running_writer_s_temporary_file_is_left_alone(tmp_path):
    path = tmp_path / "index.html"
    live = tmp_path / f".index.html.{os.getppid()}.k2j4.tmp"
    live.write_text("being written")
    other = tmp_path / f".other.html.{dead_pid()}.k2j4.tmp"
    other.write_text("another file's")
    write_if_changed(path, "<p>whole</p>")
    assert live.exists() and other.exists()  # only the target's own abandoned files go


def test_every_new_file_is_on_disk_before_any_is_renamed_into_place(tmp_path, monkeypatch):
    synced, order = set(), []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        synced.add(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def replace(source, target):
        order.append(set(synced))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    outputs = [(tmp_path / f"page{i}.html", f"<p>{i}</p>") for i in range(5)]
    assert len(files.write_all_if_changed(outputs)) == 5
    assert len(order) == 5 and all(len(seen) == 5 for seen in order)
    assert [p.read_text() for p, _ in outputs] == [text for _, text in outputs]
