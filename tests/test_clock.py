"""clock: the one reader of SOURCE_DATE_EPOCH, and the time every recorded date comes from."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from letter_i18n import clock
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.errors import UserError

UTC = dt.UTC


@pytest.mark.parametrize("value", [None, "", "   "])
def test_unset_or_empty_is_now_in_utc_to_the_minute(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    before = dt.datetime.now(UTC).replace(second=0, microsecond=0)
    found = clock.now()
    after = dt.datetime.now(UTC)
    assert clock.source_date_epoch() is None
    assert found.utcoffset() == dt.timedelta(0)
    assert (found.second, found.microsecond) == (0, 0)
    assert before <= found <= after


@pytest.mark.parametrize(("value", "expected"), [
    ("1640131200", dt.datetime(2021, 12, 22, tzinfo=UTC)),
    ("1640131259", dt.datetime(2021, 12, 22, 0, 0, 59, tzinfo=UTC)),  # exact, not to the minute
    (" 1640131200\n", dt.datetime(2021, 12, 22, tzinfo=UTC)),
    ("0", dt.datetime(1970, 1, 1, tzinfo=UTC)),
    ("0" * 5000 + "86400", dt.datetime(1970, 1, 2, tzinfo=UTC)),
    ("253402300799", dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
])
def test_a_valid_value_is_that_time(monkeypatch, value, expected):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert clock.now() == expected
    assert clock.now().utcoffset() == dt.timedelta(0)
    assert clock.source_date_epoch() == int(expected.timestamp())


@pytest.mark.parametrize("value", ["yesterday", "-5", "+5", "1.5", "1e9", "1_000", "0x10",
                                   "١٢٣", "๑๒๓", "²", "253402300800", "9" * 30, "9" * 5000])
def test_an_invalid_value_is_a_user_error_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for read in (clock.now, clock.source_date_epoch):
        with pytest.raises(UserError) as caught:
            read()
        assert caught.value.message.startswith("SOURCE_DATE_EPOCH must be a whole number")
        assert len(caught.value.message) < 150  # a huge value is cut, not printed whole
        assert "SOURCE_DATE_EPOCH=$(date +%s)" in caught.value.hint


def _files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _run(root, *args: str, epoch: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run([sys.executable, "-m", "letter_i18n", "--root", str(root), *args],
                          capture_output=True, text=True, env=env)


def _assert_one_error_naming_the_variable(result: subprocess.CompletedProcess, value: str):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first, *rest = result.stderr.splitlines()
    assert first == ("error: SOURCE_DATE_EPOCH must be a whole number of seconds since "
                     f"1970-01-01 UTC, not '{value}'")
    assert all(line.startswith("  ") for line in rest)  # only the hint follows, indented


@pytest.mark.slow
def test_cli_update_with_a_bad_value_fails_cleanly_and_writes_nothing(small_project):
    before = _files(small_project.root)
    result = _run(small_project.root, "update", epoch="yesterday")
    _assert_one_error_naming_the_variable(result, "yesterday")
    assert result.stdout == ""
    assert _files(small_project.root) == before
    assert [p.name for p in small_project.locales_dir.iterdir()] == ["locales.toml"]  # no .pot


@pytest.mark.slow
def test_cli_draft_dates_its_labels_by_the_same_clock(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    update_catalogs(small_project)
    before = _files(small_project.root)
    # The engine URL is never reached: the date is read before anything is sent.
    result = _run(small_project.root, "draft", "--engine", "libre", "--engine-url",
                  "http://127.0.0.1:9", "--locale", "fr", epoch="1.5")
    _assert_one_error_naming_the_variable(result, "1.5")
    assert _files(small_project.root) == before
