"""The cyclic garbage collector is paused while a catalog is built, and left as it was."""

from __future__ import annotations

import gc
import weakref

import pytest

from letter_i18n.catalog.gcpause import (
    DEFAULT_THRESHOLD,
    SHORT_RUN_THRESHOLD,
    no_cyclic_gc,
    rare_cyclic_gc,
    usual_cyclic_gc,
)


@pytest.fixture(autouse=True)
def gc_restored():
    """Whatever a test does to the collector, the rest of the suite gets it back."""
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_enabled_again_after():
    gc.enable()
    with no_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_enabled_again_after_an_exception():
    gc.enable()
    with pytest.raises(ValueError, match="broken catalog"), no_cyclic_gc():
        assert not gc.isenabled()
        raise ValueError("broken catalog")
    assert gc.isenabled()


def test_left_disabled_when_it_was_disabled():
    gc.disable()
    with no_cyclic_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()
    with pytest.raises(KeyboardInterrupt), no_cyclic_gc():
        raise KeyboardInterrupt
    assert not gc.isenabled()


def test_nested_pauses_restore_only_at_the_outermost():
    gc.enable()
    with no_cyclic_gc():
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_reference_counting_still_frees_objects_inside():
    class Entry:
        pass

    with no_cyclic_gc():
        entry = Entry()
        gone = weakref.ref(entry)
        del entry
        assert gone() is None


def test_a_command_collects_rarely_and_leaves_the_threshold_as_it_was():
    before = gc.get_threshold()
    with pytest.raises(KeyError), rare_cyclic_gc():
        assert gc.get_threshold() == (SHORT_RUN_THRESHOLD, *before[1:])
        assert gc.isenabled()  # cycles are still collected
        raise KeyError("a failing command")
    assert gc.get_threshold() == before


def test_a_worker_process_goes_back_to_the_usual_collections():
    before = gc.get_threshold()
    with rare_cyclic_gc():
        usual_cyclic_gc()
        assert gc.get_threshold() == DEFAULT_THRESHOLD
    assert gc.get_threshold() == before
