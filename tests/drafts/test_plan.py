"""Which entries get drafts and what is written, against a local LibreTranslate-compatible
server: fuzzy labelled drafts, a person's work never touched, engines chosen per locale, names
kept, dry runs. (Settings, engine choices and keys: test_options.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

import drafting
from conftest import LOCALES, edit, requires
from drafting import (
    DRAFTED,
    LABEL,
    PARAGRAPH,
    choose,
    draft,
    drafted,
    entries,
    options,
    size,
)
from fake_libretranslate import google_page, pseudo_translate
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import dump_po, load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.drafts.options import clients
from letter_i18n.drafts.plan import dry_run_lines, make_plan
from letter_i18n.drafts.run import run_plan
from letter_i18n.project import Project

project = pytest.fixture(drafting.catalogs_project, name="project")
server = pytest.fixture(drafting.fake_server, name="server")

needs_gettext = requires(shutil.which("msgfmt"), "GNU gettext (msgfmt)", "apt-get install gettext")



def test_untranslated_entries_get_fuzzy_labelled_drafts(project, server):
    n = size(project)
    report = draft(project, server)
    (fr,) = report.locales
    assert (fr.drafted, fr.rejected, fr.failed, fr.skipped, fr.kept) == \
        (n.entries, 0, 0, n.skipped, 0)
    assert report.written == ["locales/fr/LC_MESSAGES/letter.po"]
    found = entries(project)
    assert found[PARAGRAPH].msgstr == DRAFTED
    assert found["H.E. Ms {name}"].msgstr == "H.E. sM {name}"
    done = [e for e in found.values() if drafted(e)]
    assert len(done) == n.entries
    for entry in done:
        assert entry.flags[0] == "fuzzy"
        assert LABEL.match(entry.tcomment), entry.tcomment
    path = project.po_path("fr")
    assert path.read_text(encoding="utf-8") == dump_po(load_po(path))
    assert entries(project, "es")[PARAGRAPH].msgstr == ""  # only the named locale


def test_plural_forms_are_drafted_from_sample_numbers_of_the_catalog_s_rule(project, server):
    """A new French catalog has GNU's two forms; one with CLDR's three keeps its third."""
    es = project.po_path("es")
    text = es.read_text(encoding="utf-8")
    cldr = LOCALES.target("es").cldr_plural_forms
    header = f'"Plural-Forms: {cldr}\\n"'
    es.write_text(text.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', header),
                  encoding="utf-8")
    needed = sum(size(project, code).requests for code in ("fr", "es", "ru", "zh_Hans"))
    draft(project, server, codes=("fr", "es", "ru", "zh_Hans"))
    sent = {(s.fields["target"], s.fields["q"]) for s in server.translations()}
    assert {("fr", "1 organization"), ("fr", "2 organizations"),
            ("es", "1 organization"), ("es", "1000000 organizations"), ("es", "2 organizations"),
            ("ru", "21 organizations"), ("ru", "5 organizations"),
            ("zh", "2 organizations")} <= sent
    assert ("fr", "1000000 organizations") not in sent
    plural = entries(project)["{count} organization"]
    assert plural.msgstr_plural == {0: "{count} noitazinagro", 1: "{count} snoitazinagro"}
    assert len(entries(project, "es")["{count} organization"].msgstr_plural) == 3
    assert entries(project, "zh_Hans")["{count} organization"].msgstr_plural == {
        0: "{count} snoitazinagro"}
    assert len(server.translations()) == needed


@needs_gettext
def test_drafts_pass_msgfmt_check(project, server):
    draft(project, server, codes=("fr", "ar"))
    for code in ("fr", "ar"):
        result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(project.po_path(code))],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_clearing_the_fuzzy_flag_makes_update_drop_the_label(project, server):
    draft(project, server)
    path = project.po_path("fr")
    catalog = load_po(path)
    reviewed = next(e for e in catalog if e.msgid == PARAGRAPH)
    reviewed.flags.remove("fuzzy")
    path.write_text(dump_po(catalog), encoding="utf-8")
    update_catalogs(project)
    found = entries(project)
    assert found[PARAGRAPH].tcomment == "" and found[PARAGRAPH].msgstr == DRAFTED
    assert LABEL.match(found["Thank you."].tcomment)


def _seed(project: Project) -> None:
    """A catalog with a person's translation, a person's fuzzy entry, a machine draft, and a
    machine draft someone has since edited."""
    path = project.po_path("fr")
    catalog = load_po(path)
    by_id = {e.msgid: e for e in catalog}
    by_id["Dear Chair,"].msgstr = "Madame la Présidente,"
    by_id["Requests"].msgstr, by_id["Requests"].flags = "Demandes", ["fuzzy"]
    by_id["Requests"].tcomment = "draft: translation by the project team; awaiting review"
    model.mark_machine_draft(by_id["Thank you."], ["Merci (ancien brouillon)."], "google",
                             "2021-01-01")
    model.mark_machine_draft(by_id["Council of State"], ["Conseil d’État"], "google",
                             "2021-01-01")
    by_id["Council of State"].msgstr = "Conseil d’État (relu en partie)"
    path.write_text(dump_po(catalog), encoding="utf-8")


def test_a_persons_work_is_never_touched_and_machine_drafts_only_on_refresh(project, server):
    n = size(project)
    _seed(project)
    before = entries(project)
    (fr,) = draft(project, server).locales
    after = entries(project)
    assert (fr.drafted, fr.kept, fr.machine_drafts) == (n.entries - 4, 3, 1)
    for msgid in ("Dear Chair,", "Requests", "Thank you.", "Council of State"):
        assert (after[msgid].msgstr, after[msgid].flags, after[msgid].tcomment) == \
            (before[msgid].msgstr, before[msgid].flags, before[msgid].tcomment), msgid

    (fr,) = draft(project, server, refresh=True).locales
    again = entries(project)
    # every unedited machine draft is redone: this run's from the cache, the old one sent
    assert (fr.drafted, fr.from_cache) == (n.entries - 3, n.entries - 4)
    assert again["Thank you."].msgstr == "knahT uoy."
    assert LABEL.match(again["Thank you."].tcomment)
    for msgid in ("Dear Chair,", "Requests", "Council of State"):
        assert (again[msgid].msgstr, again[msgid].tcomment) == \
            (before[msgid].msgstr, before[msgid].tcomment), msgid


def test_identical_texts_are_sent_once(project, server):
    edit(project.source_dir / "letter.yaml", '- "Council of State"',
         '- "Council of State"\n  - "Thank you."')
    update_catalogs(project)
    draft(project, server)
    assert [s.fields["q"] for s in server.translations()].count("Thank you.") == 1


@responses.activate
def test_a_per_locale_engine_choice(project, server):
    n = size(project)
    responses.add_passthru(server.url)

    def google(request):
        query = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        assert (query["sl"], query["tl"]) == ("en", "th")
        return 200, {"Content-Type": "text/html; charset=UTF-8"}, \
            google_page(pseudo_translate(query["q"], "th"))

    responses.add_callback(responses.GET, "https://translate.google.com/m", callback=google)
    report = draft(project, server, "libre", "th=google", codes=("fr", "th"))
    assert [(r.code, r.engine, r.drafted) for r in report.locales] == [
        ("fr", "libre", n.entries), ("th", "google", n.entries)]
    assert {s.fields["target"] for s in server.translations()} == {"fr"}
    assert len(responses.calls) == n.entries  # Thai has one plural form: a request an entry
    assert entries(project, "th")[PARAGRAPH].msgstr == DRAFTED


def test_do_not_translate_from_the_glossary_and_official_names(project, server):
    (project.source_dir / "glossary.yaml").write_text(
        "terms: {}\ndo_not_translate:\n  - \"Committee\"\n", encoding="utf-8")
    edit(project.source_dir / "letter.yaml", '{name: "Access Now", region: international}',
         '{name: "Access Now", region: international, names: {fr: "Accès Maintenant"}}')
    edit(project.source_dir / "letter.yaml", '- "Council of State"',
         '- "Council of State"\n  - "Copy to Access Now"')
    update_catalogs(project)
    draft(project, server)
    found = entries(project)
    assert found["We ask that the Committee:"].msgstr == "eW ksa taht eht Committee:"
    assert found["Copy to Access Now"].msgstr == "ypoC ot Accès Maintenant"
    assert found["Ad Hoc Committee"].msgstr == "dA coH Committee"


def test_dry_run_counts_and_sends_nothing(project, server):
    n = size(project)
    chosen = choose(["libre"], ["fr", "es"])
    plan = make_plan(project, chosen, options(server))
    lines = dry_run_lines(plan, options(server))
    chars = sum(len(text) for _, _, text in plan.pending) // 2
    assert lines[0] == "dry run: nothing is sent"
    # 2n requests in rounds of 4, each 5 tries of 5 s and 4 waits of at most 0.05 s
    bound = -(-2 * n.requests // 4) * (5 * 5.0 + 4 * 0.05)
    assert lines[-1] == (f"time: at most {int(bound) // 60} min {round(bound) % 60} s, even if "
                         "every request fails (5 s a request, 5 tries, 4 at a time)")
    assert re.fullmatch(rf"fr +libre +{n.entries} +{n.requests} +{chars:,} +0 +0", lines[2])
    assert server.seen == []
    draft(project, server)
    again = dry_run_lines(make_plan(project, choose(["libre"], ["fr"]),
                                             options(server, refresh=True)))
    assert re.fullmatch(rf"fr +libre +{n.entries} +0 +0 +{n.requests} +0", again[2])
    kept = dry_run_lines(make_plan(project, choose(["libre"], ["fr"]),
                                            options(server)))
    assert re.fullmatch(rf"fr +libre +0 +0 +0 +0 +{n.entries}", kept[2])


def test_long_texts_are_sent_in_pieces_within_the_limit(project, server):
    opts = options(server)
    opts.engines["libre"].max_chars = 60
    chosen = choose(["libre"], ["fr"])
    run_plan(project, make_plan(project, chosen, opts),
                  clients(chosen, opts, {}), opts)
    sent = [s.fields["q"] for s in server.translations()]
    assert max(len(text) for text in sent) <= 60
    assert {"We write about [X1X]cybercrime[X2X] and [X3X]a report[X4X].",
            "This paragraph continues on a second line."} <= set(sent)
    assert entries(project)[PARAGRAPH].msgstr == DRAFTED


def test_cli_usage(project, server):
    from click.testing import CliRunner

    from letter_i18n.cli import cli as command
    runner = CliRunner()
    root = ["--root", str(project.root)]
    assert runner.invoke(command, ["draft", "--help"]).exit_code == 0
    assert runner.invoke(command, [*root, "draft"]).exit_code == 2  # no engine named
    assert runner.invoke(command, [*root, "draft", "--engine", "babelfish"]).exit_code == 2
    assert runner.invoke(command, [*root, "draft", "--engine", "fr=nope"]).exit_code == 2
    wrong = runner.invoke(command, [*root, "draft", "--engine", "google", "--engine-url",
                                    server.url, "--dry-run"])
    assert wrong.exit_code == 2 and "--engine-url is for LibreTranslate" in wrong.output
    dry = runner.invoke(command, [*root, "draft", "--engine", "libre", "--engine-url",
                                  server.url, "--locale", "fr", "--dry-run"])
    assert dry.exit_code == 0 and "dry run: nothing is sent" in dry.output
    assert server.seen == []


def test_a_draft_keeps_the_flags_gnu_does_not_know(project, server):
    """Weblate's max-length:80 stays on the entry, after the flags GNU knows."""
    msgid = 'msgid "H.E. Ms {name}"'
    edit(project.po_path("fr"), msgid, f"#, max-length:80\n{msgid}")
    draft(project, server)
    entry = entries(project)["H.E. Ms {name}"]
    assert entry.msgstr == "H.E. sM {name}" and entry.flags[0] == "fuzzy"
    assert entry.flags[-1] == "max-length:80"
    assert '#, fuzzy, python-brace-format, max-length:80\nmsgid "H.E. Ms {name}"' in \
        project.po_path("fr").read_text(encoding="utf-8")
