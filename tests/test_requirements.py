"""The guard of tests that need something installed (conftest.requires, conftest.unavailable):
skipped on a machine without it, failed in CI, whose .ci/run must install everything."""

from __future__ import annotations

import pytest

import conftest
from conftest import in_ci, unavailable


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), ("", False), ("0", False), ("false", False), ("False", False),
    ("true", True), ("1", True), ("yes", True)])
def test_ci_is_the_environment_variable(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_unavailable_skips_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        unavailable("GNU frob", "apt-get install frob")
    assert str(skipped.value) == ("missing: GNU frob (install: apt-get install frob; "
                                  "in CI this test fails)")


def test_unavailable_fails_in_ci_saying_what_and_how_to_install(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        unavailable("GNU frob", "apt-get install frob")
    assert str(failed.value) == ("missing in CI (CI=true), where this test must run: GNU frob\n"
                                 ".ci/run should install it: apt-get install frob")
    assert not failed.value.pytrace  # the message alone, no traceback of the helper


TESTS = '''
import pytest
from conftest import requires

pytestmark = requires(True, "a module requirement that is met", "nothing")


@requires(False, "GNU frob", "apt-get install frob")
def test_needs_frob(never_set_up):
    raise AssertionError("a test whose requirement is missing must not run")


@requires(1, "python", "nothing")
def test_has_what_it_needs():
    pass


@pytest.fixture
def never_set_up():
    raise AssertionError("the fixtures of a test whose requirement is missing are not set up")
'''


def run_inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.RunResult:
    """Run TESTS in a fresh pytest session, with this conftest as a plugin (its hook)."""
    pytester.makepyfile(test_inner=TESTS)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")  # saves most of a second
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rsE", plugins=[conftest])


def test_requires_skips_a_test_outside_ci(pytester, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    result = run_inner(pytester, monkeypatch)
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED * missing: GNU frob (install: apt-get install frob;*"])


def test_requires_fails_a_test_in_ci(pytester, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = run_inner(pytester, monkeypatch)
    result.assert_outcomes(passed=1, errors=1)  # failed in setup, before its fixtures
    result.stdout.fnmatch_lines([
        "*missing in CI (CI=true), where this test must run: GNU frob",
        "*.ci/run should install it: apt-get install frob"])
    assert "must not run" not in result.stdout.str()
    assert "are not set up" not in result.stdout.str()
