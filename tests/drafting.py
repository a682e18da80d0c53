"""Helpers for the tests of drafts and draft_run: their two fixtures, fast options, a run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass

import polib

from conftest import LOCALES
from fake_libretranslate import FakeServer
from letter_i18n.catalog.pofile import load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.drafts.engines import Engine
from letter_i18n.drafts.options import (
    EngineSettings,
    Options,
    choose_engines,
    clients,
    parse_engine_specs,
)
from letter_i18n.drafts.plan import make_plan, requests_of
from letter_i18n.drafts.run import Report, run_plan
from letter_i18n.project import Project

EPOCH = "1640131200"  # 2021-12-22
LABEL = re.compile(r"^draft: machine translation \(libre, 2021-12-22\); needs review "
                   r"\[[0-9a-f]{8}\]$")
PARAGRAPH = ("We write about *cybercrime* and [a report][report]. This paragraph continues on "
             "a second line.")
DRAFTED = "eW etirw tuoba *emircrebyc* dna [a troper][report]. sihT hpargarap seunitnoc no a " \
          "dnoces enil."
SECRET = "s3cr3t-key-0123456789"


def catalogs_project(small_project, monkeypatch):
    """Fixture ``project``: the small fixture letter with fresh catalogs of it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    update_catalogs(small_project)
    return small_project


def fake_server():
    """Fixture ``server``: a fake LibreTranslate on 127.0.0.1, stopped after the test."""
    fake = FakeServer().start()
    yield fake
    fake.stop()


def options(server: FakeServer | None = None, **overrides) -> Options:
    found = Options(backoff=0.01, backoff_cap=0.05, save_interval=60.0, timeout=5.0)
    if server is not None:
        found.engines["libre"] = EngineSettings(url=server.url)
    found.engines["google"] = EngineSettings(rate_limit=1000.0)  # 5/s by default
    for name, value in overrides.items():
        setattr(found, name, value)
    return found


@dataclass
class Size:
    entries: int  # entries that get a draft
    requests: int  # texts sent for them (a plural entry sends one per CLDR sample number)
    skipped: int  # entries with nothing to translate (only names or placeholders)


def size(project: Project, code: str = "fr") -> Size:
    """What one locale of the small project needs (the edition templates add entries)."""
    chosen = choose(["libre"], [code])
    (here,) = make_plan(project, chosen, options()).locales
    return Size(len(here.jobs), len(requests_of(here)),
                sum(p.kind == "skipped" for p in here.problems))


def draft(project: Project, server: FakeServer | None, *specs: str, codes=("fr",),
          environ=None, progress=None, **overrides) -> Report:
    chosen = choose(list(specs or ["libre"]), list(codes))
    opts = options(server, **overrides)
    made = clients(chosen, opts, environ or {})
    return run_plan(project, make_plan(project, chosen, opts), made, opts, progress)


def entries(project: Project, code: str = "fr") -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in load_po(project.po_path(code)) if e.msgid}


def drafted(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def snapshot(project: Project) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(project.locales_dir.rglob("*.po"))}


def cli(project: Project, *args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "letter_i18n", "--root", str(project.root),
                             *args], env=environment, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def choose(specs: list[str], codes: list[str]) -> dict[str, Engine]:
    """The engines named as on the command line (``--engine``), for this repository's locales."""
    return choose_engines(parse_engine_specs(specs, LOCALES.codes), codes, LOCALES)
