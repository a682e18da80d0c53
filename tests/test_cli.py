"""The command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import edit
from letter_i18n import cli as cli_module
from letter_i18n.catalog.gcpause import SHORT_RUN_THRESHOLD
from letter_i18n.catalog.pofile import load_po
from letter_i18n.cli import cli


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "letter_i18n", *args],
                          capture_output=True, text=True)


@pytest.mark.parametrize("command", [[], ["update"], ["check"], ["stats"], ["diff"], ["init"],
                                     ["xliff"], ["xliff", "export"], ["xliff", "import"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.slow
def test_update_then_up_to_date(small_project):
    first = run("--root", str(small_project.root), "update")
    assert first.returncode == 0, first.stderr
    assert "wrote locales/letter.pot" in first.stdout
    second = run("--root", str(small_project.root), "update")
    assert (second.returncode, second.stdout.strip()) == (0, "catalogs are up to date")
    assert run("--root", str(small_project.root), "--quiet", "update").stdout == ""


@pytest.mark.slow
def test_verbose_reports_merge_counts(small_project):
    run("--root", str(small_project.root), "update")
    result = run("--root", str(small_project.root), "--verbose", "update", "--locale", "fr")
    entries = len(load_po(small_project.pot_path))
    assert f"fr: {entries} kept, 0 fuzzy, 0 new, 0 obsoleted, 0 revived" in result.stdout


@pytest.mark.slow
def test_user_mistake_is_one_clear_line_and_exit_1(small_project):
    run("--root", str(small_project.root), "update")
    edit(small_project.po_path("fr"), 'msgid "Dear Chair,"', 'msgid "Dear Chair,"\nmsgid "x"')
    result = run("--root", str(small_project.root), "update")
    assert result.returncode == 1
    assert result.stderr.startswith("error: locales/fr/LC_MESSAGES/letter.po:")
    assert "msgid appears twice in one entry" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_source_mistake_names_file_and_line(small_project):
    edit(small_project.source_dir / "letter.yaml", "country: SE", "country: XX")
    result = run("--root", str(small_project.root), "update")
    assert result.returncode == 1
    assert "error: source/letter.yaml:24: unknown country code 'XX'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_usage_errors_exit_2(small_project):
    assert run("--root", str(small_project.root), "update", "--locale", "de").returncode == 2
    assert run("no-such-command").returncode == 2


@pytest.mark.slow
def test_render_writes_editions_then_nothing(small_project):
    run("--root", str(small_project.root), "update")
    first = run("--root", str(small_project.root), "render")
    assert first.returncode == 0, first.stderr
    assert "wrote build/editions/ar/index.html" in first.stdout
    assert (small_project.root / "build/editions/zh_Hans/letter.txt").exists()
    second = run("--root", str(small_project.root), "render")
    assert second.stdout.strip() == "editions are up to date"


@pytest.mark.slow
def test_render_holds_back_incomplete_editions_with_a_reason(small_project):
    run("--root", str(small_project.root), "update")
    result = run("--root", str(small_project.root), "render", "--reviewed-only",
                 "--min-complete", "90", "--locale", "fr", "--locale", "en")
    assert result.returncode == 0
    assert "fr: not written: 0% reviewed, below --min-complete 90%" in result.stderr
    assert not (small_project.root / "build/editions/fr/index.html").exists()
    assert run("--root", str(small_project.root), "render", "--min-complete", "5").returncode == 2


@pytest.mark.slow
def test_a_catalog_linked_out_of_the_project_is_refused_not_shown(small_project,
                                                                  tmp_path_factory):
    assert run("--root", str(small_project.root), "update").returncode == 0
    secret = tmp_path_factory.mktemp("elsewhere") / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    fr = small_project.po_path("fr")
    fr.unlink()
    fr.symlink_to(secret)
    for command in ("check", "update", "stats"):
        result = run("--root", str(small_project.root), command)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "locales/fr/LC_MESSAGES/letter.po" in result.stdout + result.stderr
        assert "outside the project" in result.stdout + result.stderr
        assert "root:x" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("make", [lambda p: os.mkfifo(p), lambda p: p.symlink_to("/dev/zero")],
                         ids=["fifo", "dev-zero"])
def test_a_special_file_as_catalog_is_an_error_not_a_hang(small_project, make):
    assert run("--root", str(small_project.root), "update").returncode == 0
    fr = small_project.po_path("fr")
    fr.unlink()
    make(fr)
    result = subprocess.run([sys.executable, "-m", "letter_i18n", "--root",
                             str(small_project.root), "check"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "locales/fr/LC_MESSAGES/letter.po: error" in result.stdout
    assert "not a regular file" in result.stdout or "outside the project" in result.stdout


@pytest.mark.slow
def test_a_nul_escape_in_a_catalog_is_a_file_line_error_in_update_and_check(small_project):
    assert run("--root", str(small_project.root), "update").returncode == 0
    fr = small_project.po_path("fr")
    text = fr.read_text(encoding="utf-8")
    fr.write_text(text.replace('msgid "Dear Chair,"\nmsgstr ""',
                               'msgid "Dear Chair,"\nmsgstr "Madame\\0"'), encoding="utf-8")
    line = fr.read_text(encoding="utf-8").split("\n").index('msgstr "Madame\\0"') + 1
    for command in ("update", "check"):
        result = run("--root", str(small_project.root), command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"locales/fr/LC_MESSAGES/letter.po:{line}: " in result.stdout + result.stderr


@pytest.mark.slow
def test_from_a_subdirectory_the_project_is_found_upwards(small_project):
    assert run("--root", str(small_project.root), "update").returncode == 0
    inside = small_project.root / "locales" / "fr" / "LC_MESSAGES"
    result = subprocess.run([sys.executable, "-m", "letter_i18n", "check"], cwd=inside,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout and "does not exist" not in result.stdout


@pytest.mark.slow
def test_outside_a_project_the_command_says_so(tmp_path):
    result = subprocess.run([sys.executable, "-m", "letter_i18n", "check"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not inside a letter-i18n project" in result.stderr
    assert "--root" in result.stderr
    helped = subprocess.run([sys.executable, "-m", "letter_i18n", "check", "--help"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert helped.returncode == 0 and "Usage:" in helped.stdout


def test_run_returns_the_exit_code_and_prints_no_traceback(small_project, capsys):
    from letter_i18n.cli import run as run_in_process

    assert run_in_process(["--root", str(small_project.root), "update"]) == 0
    assert run_in_process(["--root", str(small_project.root), "stats", "-l", "xx"]) == 2
    (small_project.root / "source" / "letter.md").write_text("<div>raw</div>\n")
    assert run_in_process(["--root", str(small_project.root), "update"]) == 1
    err = capsys.readouterr().err
    assert "source/letter.md:1: " in err and "Traceback" not in err


@pytest.mark.slow
def test_the_english_edition_renders_without_any_catalog(small_project):
    result = run("--root", str(small_project.root), "render", "-l", "en")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in small_project.locales_dir.iterdir()] == ["locales.toml"]
    edition = small_project.root / "build" / "editions" / "en"
    assert sorted(p.name for p in edition.iterdir() if not p.name.startswith(".")) == [
        "index.html", "letter.md", "letter.txt"]


@pytest.mark.slow
def test_review_pages_have_their_own_command(small_project):
    assert run("--root", str(small_project.root), "update").returncode == 0
    rendered = run("--root", str(small_project.root), "render")
    assert rendered.returncode == 0 and "review.html" not in rendered.stdout
    out = small_project.root / "build" / "editions"
    result = run("--root", str(small_project.root), "review", "-l", "fr")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wrote", "build/editions/fr/review.html",
                                     "wrote", "build/editions/status.html"]
    assert not (out / "ru" / "review.html").exists()
    again = run("--root", str(small_project.root), "review", "-l", "fr")
    assert again.stdout.strip() == "review pages are up to date"


def build_in_process(root, capsys) -> str:
    from letter_i18n.cli import run as run_in_process

    assert run_in_process(["--root", str(root), "build", "--no-pdf"]) == 0
    return capsys.readouterr().out


@pytest.mark.slow
def test_build_cuts_the_fonts_in_another_process_while_it_writes_the_review_pages(
        translated_project, forking, capsys, monkeypatch):
    """The fonts shipped from the forked process are what `letter-i18n fonts` would ship:
    run after the build, it finds nothing to write; what it reports comes back too."""
    from letter_i18n import parallel
    from letter_i18n.cli import run as run_in_process

    forked = []
    fork_call = parallel.fork_call
    monkeypatch.setattr(parallel, "fork_call",
                        lambda function: forked.append(function) or fork_call(function))
    written = build_in_process(translated_project.root, capsys)
    assert [f.func.__name__ for f in forked] == ["ship"]
    assert "wrote build/editions/fr/fonts" in written
    assert (translated_project.root / "build" / "editions" / "fr" / "fonts").is_dir()
    assert run_in_process(["--root", str(translated_project.root), "fonts"]) == 0
    assert capsys.readouterr().out.strip() == "fonts are up to date"


def tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.parts[len(root.parts)] in ("build", "locales")}


@pytest.mark.slow
def test_an_incremental_build_after_edits_equals_a_clean_build(translated_project, tmp_path,
                                                               capsys, monkeypatch):
    # One "now" for both builds: a header minute rolling over between them is no difference.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = translated_project.root
    build_in_process(root, capsys)
    fr, ru = translated_project.po_path("fr"), translated_project.po_path("ru")
    edits = [
        lambda: edit(fr, 'msgstr "Une courte lettre"', 'msgstr "Une lettre courte"'),
        lambda: edit(ru, "#, fuzzy\n", ""),
        lambda: edit(root / "source" / "letter.md", "We write about", "We wrote about"),
        lambda: edit(root / "source" / "letter.yaml", '"Council of State"',
                     '"Council of State of Thailand"'),
    ]
    for step, change in enumerate(edits):
        change()
        clean = tmp_path / f"clean-{step}"
        shutil.copytree(root / "source", clean / "source")
        shutil.copytree(root / "locales", clean / "locales")
        written = build_in_process(root, capsys)
        if step == 0:  # one French entry: only the French files (and nothing else) change
            assert sorted(line for line in written.split("\n") if line.startswith("wrote")) \
                == ["wrote build/editions/fr/index.html", "wrote build/editions/fr/letter.md",
                    "wrote build/editions/fr/letter.txt", "wrote build/editions/fr/review.html"]
        build_in_process(clean, capsys)
        assert tree(root) == tree(clean), f"after edit {step}"


@pytest.mark.slow
def test_build_links_the_pdfs_it_prints_and_none_when_printing_fails(translated_project,
                                                                    monkeypatch, capsys):
    """A link to a PDF that will not exist is worse than none: build links the PDFs it is
    about to print, and renders again without them when printing fails."""
    from letter_i18n.cli import run as run_in_process
    from letter_i18n.editions import pdf

    root, out = translated_project.root, translated_project.root / "build" / "editions"
    monkeypatch.setattr(pdf, "printers", lambda jobs=None: None)
    monkeypatch.setattr(pdf, "printable", lambda project, codes=None: frozenset({"fr", "en"}))
    seen = {}

    def fail(project, out_dir, *args, **kwargs):
        seen["linked"] = 'href="letter.pdf"' in (out_dir / "fr" / "index.html").read_text()
        raise pdf.Unavailable("no font for the test", hint="Install one.")

    monkeypatch.setattr(pdf, "start_pdfs", fail)
    assert run_in_process(["--root", str(root), "build"]) == 0
    assert seen == {"linked": True}  # linked while it was to be printed
    assert "PDF editions not made: no font for the test" in capsys.readouterr().err
    assert not any('href="letter.pdf"' in (out / code / "index.html").read_text()
                   for code in ("en", "fr", "ru"))
    (out / "ru" / "letter.pdf").write_bytes(b"%PDF-1.7\n")  # --no-pdf: what exists
    assert run_in_process(["--root", str(root), "build", "--no-pdf"]) == 0
    assert 'href="letter.pdf"' in (out / "ru" / "index.html").read_text()
    assert 'href="letter.pdf"' not in (out / "fr" / "index.html").read_text()


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, False),  # not a terminal
    (["--color"], {}, True),
    (["--color"], {"NO_COLOR": "1"}, True),  # the option wins
    (["--no-color"], {}, False),
])
def test_colour_follows_the_option_then_no_color(small_project, monkeypatch, args, env,
                                                 coloured):
    from letter_i18n.catalog.update import update_catalogs

    update_catalogs(small_project)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["--root", str(small_project.root), "stats", *args])
    assert result.exit_code == 0
    assert ("\x1b[" in result.output) == coloured


def test_no_color_turns_colour_off_on_a_terminal(monkeypatch):
    from letter_i18n import cli as command

    monkeypatch.setattr(command.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert command._use_color(None) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert command._use_color(None) is False


def test_locale_options_check_and_complete_the_project_s_own_codes(translated_project):
    from letter_i18n.cli import LocaleCode

    root = str(translated_project.root)
    ctx = cli.make_context("letter-i18n", ["--root", root, "stats"], resilient_parsing=True)
    assert [item.value for item in LocaleCode(False).shell_complete(ctx, None, "")] == \
        ["ar", "es", "fr", "ru", "th", "zh_Hans"]
    assert [item.value for item in LocaleCode(True).shell_complete(ctx, None, "e")] == \
        ["en", "es"]
    bad = CliRunner().invoke(cli, ["--root", root, "update", "-l", "en"])
    assert bad.exit_code == 2 and "'en' is not one of the project's locales" in bad.output


def test_a_command_runs_with_rare_cycle_collections(monkeypatch):
    seen = []
    monkeypatch.setattr(cli_module.cli, "main",
                        lambda **_: seen.append(gc.get_threshold()[0]) or 0)
    assert cli_module.run(["stats"]) == 0
    assert seen == [SHORT_RUN_THRESHOLD]
    assert gc.get_threshold()[0] != SHORT_RUN_THRESHOLD
