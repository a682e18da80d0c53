"""The ``letter-i18n`` command: a thin click layer over the pipeline's modules.

Exit codes: 0 success, 1 failure (a user mistake is reported as
``file:line: what is wrong`` with a hint, never a traceback), 2 usage error.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

# Stage modules are imported inside the commands that use them, so that every
# command (and the pre-commit hook) starts fast; `engines` names the choices
# of `draft --engine` in its help.
from letter_i18n import __version__, localetable, parallel
from letter_i18n.catalog.gcpause import rare_cyclic_gc
from letter_i18n.drafts.engines import ENGINES
from letter_i18n.errors import UserError
from letter_i18n.project import Project, find_root


class Context:
    def __init__(self, root: Path | None, verbosity: int) -> None:
        self.root = root
        self.verbosity = verbosity

    @property
    def project(self) -> Project:
        """The project the command works on; asked for only by commands that need one."""
        if self.root is None:
            raise UserError("not inside a letter-i18n project: no source/letter.yaml here or "
                            "in any directory above", hint="Run the command inside the "
                            "project, or name it with --root DIR.")
        return Project(self.root)

    def say(self, message: str, level: int = 1) -> None:
        """Print progress unless --quiet (level 1) or only with --verbose (level 2)."""
        if self.verbosity >= level:
            click.echo(message)

    def out(self, out_dir: Path) -> Path:
        """An output directory as given: absolute, or relative to the project."""
        return out_dir if out_dir.is_absolute() else self.project.root / out_dir

    def report_written(self, written: list[str], nothing: str) -> None:
        for path in written:
            self.say(f"wrote {path}")
        if not written:
            self.say(nothing)


DEFAULT_OUT = "build/editions"


class LocaleCode(click.ParamType):
    """A locale of the project (locales/locales.toml), checked when the project is known."""

    name = "locale"

    def __init__(self, source: bool) -> None:
        self.source = source

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        table = localetable.load(ctx.find_object(Context).project)
        codes = [info.code for info in (table.all if self.source else table.targets)]
        if value not in codes:
            self.fail(f"'{value}' is not one of the project's locales ({', '.join(codes)}); "
                      f"`letter-i18n init {value}` adds a language", param, ctx)
        return value

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str):
        from click.shell_completion import CompletionItem
        root = ctx.find_root().params.get("root") or find_root(Path.cwd())  # no callback ran
        try:
            table = localetable.load(Project(root)) if root else None
        except UserError:
            table = None
        if table is None:
            return []
        return [CompletionItem(info.code) for info in (table.all if self.source else table.targets)
                if info.code.startswith(incomplete)]


LOCALE_CHOICE = LocaleCode(source=False)
EDITION_CHOICE = LocaleCode(source=True)


def _use_color(option: bool | None) -> bool:
    """--color/--no-color if given; else none when NO_COLOR is set (no-color.org); else a tty."""
    if option is not None:
        return option
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


COLOR_OPTION = click.option("--color/--no-color", default=None,
                            help="Colour the output (default: on a terminal, unless NO_COLOR "
                                 "is set).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letter-i18n")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Project directory (holds source/ and locales/). Default: the nearest "
                   "directory, from here upwards, that holds source/letter.yaml.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print details of what was done.")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, quiet: bool, verbose: bool) -> None:
    """Keep the seven editions of the 22 December 2021 open letter true to one source."""
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    ctx.obj = Context(root or find_root(Path.cwd()), 0 if quiet else 2 if verbose else 1)


def out_option(help_text: str = "Output directory (relative to --root)."):
    return click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path(DEFAULT_OUT), show_default=True, help=help_text)


def locale_option(choice: click.Choice, help_text: str):
    return click.option("-l", "--locale", "codes", multiple=True, type=choice, help=help_text)


@cli.command()
@out_option()
@locale_option(EDITION_CHOICE, "Render only this edition (repeatable). Default: all.")
@click.option("--reviewed-only", is_flag=True,
              help="For publication: leave drafts out (shown as untranslated English).")
@click.option("--min-complete", type=click.FloatRange(0, 100), default=0.0, show_default=True,
              help="With --reviewed-only: do not write an edition whose reviewed share (%) "
                   "is below this.")
@click.pass_obj
def render(obj: Context, out_dir: Path, codes: tuple[str, ...], reviewed_only: bool,
           min_complete: float, pdf_links: frozenset[str] | None = None) -> None:
    """Render the editions: index.html, letter.md and letter.txt per locale, and the picker.

    Files whose content does not change are not touched. The English edition
    needs no catalog (render -l en works on a project without locales/). An
    edition links its PDF when letter.pdf is beside it (`build` links the PDFs
    it is about to print).
    """
    from letter_i18n.editions.render import render_editions

    if min_complete and not reviewed_only:
        raise click.UsageError("--min-complete only applies with --reviewed-only")
    report = render_editions(obj.project, obj.out(out_dir), list(codes) or None,
                             reviewed_only=reviewed_only, min_complete=min_complete,
                             pdf=pdf_links)
    for result in report.editions:
        for problem in result.rejected:
            click.echo(f"warning: {result.code}: translation not used, {problem}", err=True)
        if result.skipped:
            click.echo(f"{result.code}: not written: {result.skipped}", err=True)
        else:
            counts = ", ".join(f"{n} {status}" for status, n in result.counts.items())
            obj.say(f"{result.code}: {counts}", 2)
    obj.report_written(report.written, "editions are up to date")


@cli.command()
@out_option()
@locale_option(LOCALE_CHOICE, "Write only this locale's review page (repeatable). Default: all.")
@click.pass_obj
def review(obj: Context, out_dir: Path, codes: tuple[str, ...]) -> None:
    """Write the reviewers' pages: <locale>/review.html and status.html.

    A review page sets source and translation side by side with each segment's
    status, the word diff of changed English, check findings and the .po line to
    edit; the status page shows each language's progress.
    """
    from letter_i18n.review.pages import write_review_pages

    written = write_review_pages(obj.project, obj.out(out_dir), list(codes) or None)
    obj.report_written([obj.project.shown(path) for path in written],
                       "review pages are up to date")


@cli.command()
@out_option()
@click.option("--pdf/--no-pdf", "with_pdf", default=None,
              help="Require the PDFs (--pdf), or leave them out (--no-pdf). Default: print "
                   "them when WeasyPrint and the fonts are installed, else say how to get them.")
@click.pass_context
def build(ctx: click.Context, out_dir: Path, with_pdf: bool | None) -> None:
    """Everything `make editions` makes, in one process: update, render, review, fonts, pdf.

    Each step writes only what changed, so after one edit only that locale's
    files are rewritten, and nothing at all when nothing changed.
    """
    obj: Context = ctx.obj
    printers = printing = None
    if with_pdf is not False:
        from letter_i18n.editions import pdf

        # Printing processes load WeasyPrint while this one updates and renders; they
        # print while it writes the review pages.
        printers = pdf.printers()
    fonts_ahead = None
    try:
        ctx.invoke(update)
        # The editions link the PDFs about to be printed (with --no-pdf, those that exist).
        linked = None if with_pdf is False else pdf.printable(obj.project)
        ctx.invoke(render, out_dir=out_dir, pdf_links=linked)
        # Another process (where one can be forked) cuts the fonts from the rendered pages,
        # mostly waiting for the disk, while this one composes the review pages.
        fonts_ahead = _fonts_ahead(obj, out_dir)
        printed = False
        if with_pdf is not False:
            with _pdfs_if_available(with_pdf is None):
                printing = pdf.start_pdfs(obj.project, obj.out(out_dir), background=True,
                                          printers=printers)
        ctx.invoke(review, out_dir=out_dir)
        _ship_fonts(obj, out_dir, if_available=True, ahead=fonts_ahead)
        if printing is not None:
            with _pdfs_if_available(with_pdf is None):
                _report_pdfs(obj, printing.finish())
                printed = True
        if linked and not printed:  # printing failed: link only the PDFs that exist
            ctx.invoke(render, out_dir=out_dir)
    finally:
        if fonts_ahead is not None:  # stops it if something failed before its result
            fonts_ahead.cancel()
        if printers is not None:
            printers.shutdown()


@cli.command("fonts")
@out_option("Directory of the rendered editions (relative to --root).")
@click.option("--if-available", is_flag=True,
              help="If fontTools or the fonts are missing, say how to get them in one line "
                   "and succeed (what `build` does).")
@click.pass_obj
def fonts_command(obj: Context, out_dir: Path, if_available: bool = False) -> None:
    """Ship the web fonts with each rendered page: WOFF2 subsets in <locale>/fonts/.

    The regular and bold Noto faces of each script, cut to the page's characters,
    with the fonts' licence. Cut again only when a page's characters or the fonts
    change. Without them the pages use the reader's fonts.
    """
    _ship_fonts(obj, out_dir, if_available)


def _fonts_ahead(obj: Context, out_dir: Path) -> parallel.Forked | None:
    from letter_i18n.editions import webfonts

    return parallel.fork_call(functools.partial(webfonts.ship, obj.project, obj.out(out_dir)))


def _ship_fonts(obj: Context, out_dir: Path, if_available: bool,
                ahead: parallel.Forked | None = None) -> None:
    """Ship the fonts (or take what ``ahead`` shipped) and say what was written."""
    from letter_i18n.editions import webfonts

    try:
        report = ahead.result() if ahead else webfonts.ship(obj.project, obj.out(out_dir))
    except webfonts.Unavailable as error:
        if not if_available:
            raise
        click.echo(f"Fonts not shipped with the pages: {error.message}. {error.hint}.",
                   err=True)
        return
    for family in report.missing:
        click.echo(f"warning: {family} is not installed: pages set in it use the reader's "
                   f"fonts ({webfonts.INSTALL_HINT})", err=True)
    for page, chars in report.uncovered.items():
        if chars:
            click.echo(f"warning: {page}: no shipped font has {chars!r}: left to the "
                       "reader's fonts", err=True)
    for path in report.removed:
        obj.say(f"removed {path}: its edition has no HTML")
    obj.report_written(report.written, "fonts are up to date")


@cli.command("pdf")
@out_option("Directory of the rendered editions (relative to --root).")
@locale_option(EDITION_CHOICE, "Print only this edition (repeatable). Default: every rendered "
               "edition.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64),
              help="Editions printed at once, one process each (default: one per core).")
@click.option("--if-available", is_flag=True,
              help="If WeasyPrint, Pango or a font is missing, say how to get them in one "
                   "line and succeed (what `make editions` does).")
@click.pass_obj
def pdf_command(obj: Context, out_dir: Path, codes: tuple[str, ...] = (),
                jobs: int | None = None, if_available: bool = False) -> None:
    """Print each rendered edition to letter.pdf: A4, tagged (PDF/UA-1), fonts embedded.

    Reads <out>/<locale>/index.html, so run `render` first. Stops, writing
    nothing, if an installed font lacks a character of an edition. Needs
    WeasyPrint (pip install -e '.[pdf]'), Pango and the Noto fonts. Files whose
    bytes do not change are not touched; SOURCE_DATE_EPOCH dates the PDFs.
    """
    from letter_i18n.editions import pdf

    with _pdfs_if_available(if_available):
        _report_pdfs(obj, pdf.render_pdfs(obj.project, obj.out(out_dir), list(codes) or None,
                                          jobs))


@contextlib.contextmanager
def _pdfs_if_available(if_available: bool) -> Iterator[None]:
    """Without WeasyPrint, Pango or a font: an error, or (``if_available``) one line."""
    from letter_i18n.editions import pdf

    try:
        yield
    except pdf.Unavailable as error:
        if not if_available:
            raise
        where = f"{error.location}: " if error.location else ""
        click.echo(f"PDF editions not made: {where}{error.message}. {error.hint}", err=True)


def _report_pdfs(obj: Context, report: Any) -> None:
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for code, pages in report.pages.items():
        obj.say(f"{code}: {pages} pages", 2)
    for path in report.written:
        obj.say(f"wrote {path}")
    for path in report.removed:
        obj.say(f"removed {path}: its edition has no HTML")
    if not report.written and not report.removed:
        obj.say("PDF editions are up to date")


@cli.command()
@locale_option(LOCALE_CHOICE, "Update only this locale's catalog (repeatable). Default: all.")
@click.pass_obj
def update(obj: Context, codes: tuple[str, ...]) -> None:
    """Extract locales/letter.pot from the source and merge it into every catalog.

    Like GNU msgmerge: unchanged messages keep their translation, changed ones
    become fuzzy with the previous text kept, new ones are empty, removed ones
    become obsolete (#~). Files whose content does not change are not touched.
    """
    from letter_i18n.catalog.update import update_catalogs
    report = update_catalogs(obj.project, list(codes) or None)
    for problem in [*report.repairs, *report.strays]:
        click.echo(f"warning: {problem}", err=True)
    for code, stats in report.stats.items():
        obj.say(f"{code}: {stats.kept} kept, {stats.fuzzy} fuzzy, {stats.new} new, "
                f"{stats.obsoleted} obsoleted, {stats.revived} revived", 2)
        for msgid in stats.fuzzy_ids:
            obj.say(f"  fuzzy: {msgid[:70]}", 2)
    obj.report_written(report.written, "catalogs are up to date")


@cli.command()
@click.argument("code", metavar="LOCALE")
@click.pass_obj
def init(obj: Context, code: str) -> None:
    """Add a language: LOCALE (pt_BR, hi, sw…) joins locales/locales.toml and gets its catalog.

    The catalog is written from the template with complete headers; Plural-Forms is
    GNU's for the language (as Poedit and Weblate write it). A catalog already there
    (made by Weblate or msginit) is kept and merged. Then the language is in update,
    check, stats, drafts and the editions, with nothing else to change.
    """
    from letter_i18n.catalog.init import init_locale
    from letter_i18n.drafts.engines import suggested_codes
    from letter_i18n.locales import LocaleInfo
    from letter_i18n.localetable import code_problem

    engines = () if code_problem(code) else suggested_codes(LocaleInfo(code))
    report = init_locale(obj.project, code, engines)
    for repair in report.update.repairs:
        click.echo(f"warning: {repair}", err=True)
    info, shown = report.info, localetable.path(obj.project)
    obj.say(f"added {info.english_name} ({info.code}) to "
            f"{obj.project.shown(shown)}: Plural-Forms {info.plural_forms}")
    obj.say("drafts: " + (", ".join(f"{name} ({code})" for name, code in info.engines)
                          if info.engines else "no engine has the language"))
    catalog = obj.project.shown(obj.project.po_path(code))
    obj.say(f"{'kept and merged' if report.adopted else 'wrote'} {catalog}")


@cli.command()
@click.argument("catalogs_", metavar="[CATALOG]...", nargs=-1,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: one object with every finding, for machines.")
@click.option("--list", "list_checks", is_flag=True, help="List the checks and exit.")
@click.pass_obj
def check(obj: Context, catalogs_: tuple[Path, ...], fmt: str, list_checks: bool) -> None:
    """Check catalogs: in sync with the source, headers, and every translated or draft entry.

    Without CATALOG: the template and every locale's catalog. Naming catalogs
    (as a pre-commit hook does) checks only those; the template is compared with
    the source when it is among them. Errors exit 1; warnings alone exit 0.
    """
    from letter_i18n.review import checks
    if list_checks:
        for item in checks.CHECKS:
            click.echo(f"{item.name:<17}{item.severity:<9}{item.verifies}")
        return
    codes, template = checks.named_catalogs(obj.project, catalogs_)
    report = checks.run(obj.project, codes, template)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        obj.say(f"{report.errors} errors, {report.warnings} warnings in "
                f"{len(report.checked)} catalogs")
    if report.errors:
        raise click.exceptions.Exit(1)


@cli.command("glossary")
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx",
              show_default=True, help="tbx: TBX-Basic, for Weblate and CAT tools; csv: a sheet.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: print).")
@click.pass_obj
def glossary_command(obj: Context, fmt: str, output: Path | None) -> None:
    """The glossary (source/glossary.yaml) for translators' tools.

    One concept per term: its English forms and, per language, the agreed rendering
    (preferred), accepted variants (admitted), their source and whether verified;
    names never translated as such.
    """
    from letter_i18n.files import write_if_changed
    from letter_i18n.source import glossary, termbase

    terms = glossary.for_project(obj.project)
    languages = localetable.load(obj.project)
    data = termbase.to_tbx(terms, languages) if fmt == "tbx" \
        else termbase.to_csv(terms, languages).encode("utf-8")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    elif write_if_changed(output, data):
        obj.say(f"wrote {output}")


@cli.group("xliff")
def xliff_group() -> None:
    """Exchange a catalog with CAT tools (Trados, memoQ, Phrase, OmegaT) as XLIFF 1.2.

    Markup and {placeholders} travel as inline codes a tool cannot break; only
    units set to final or signed-off come back reviewed.
    """


@xliff_group.command("export")
@click.option("-l", "--locale", "code", required=True, type=LOCALE_CHOICE,
              help="The catalog to export.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: print).")
@click.pass_obj
def xliff_export(obj: Context, code: str, output: Path | None) -> None:
    """Write a locale's catalog as XLIFF 1.2: one unit per entry, obsolete ones left out."""
    from letter_i18n.catalog import xliff_export as export

    if output is None:
        click.echo(export.export_xliff(obj.project, code)[0], nl=False)
        return
    written, count = export.write_xliff(obj.project, code, output)
    obj.say(f"wrote {output} ({count} entries)" if written else f"{output} is up to date")


@xliff_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-l", "--locale", "code", type=LOCALE_CHOICE,
              help="The catalog to import into, when the file's target-language names none.")
@click.option("-n", "--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.pass_obj
def xliff_import(obj: Context, file: Path, code: str | None, dry_run: bool) -> None:
    """Bring a CAT tool's translations back into the catalog, entry by entry.

    Units whose English changed since the export, whose codes do not match the
    English, or that break a rule of `check` are refused and listed (exit 1); the
    others are imported. Unchanged units change nothing.
    """
    from letter_i18n.catalog.xliff_import import import_xliff

    report = import_xliff(obj.project, file, code, dry_run)
    for problem in report.refused:
        click.echo(f"error: {problem}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for msgid in report.reviewed:
        obj.say(f"  reviewed: {msgid[:70]}", 2)
    for msgid in report.drafts:
        obj.say(f"  draft: {msgid[:70]}", 2)
    drafts = len(report.drafts)
    summary = (f"{report.catalog}: {len(report.reviewed)} reviewed, {drafts} "
               f"draft{'' if drafts == 1 else 's'}, {report.unchanged} unchanged, "
               f"{len(report.refused)} refused")
    if dry_run:
        obj.say(f"{summary} (dry run: nothing written)")
    else:
        obj.say(f"{summary}; " + ("written" if report.written else "catalog unchanged"))
    if report.refused:
        raise click.exceptions.Exit(1)


@cli.command("stats")
@locale_option(LOCALE_CHOICE, "Only this locale (repeatable). Default: all.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 if a locale's reviewed share is below PERCENT (for CI).")
@click.option("--by", "unit", type=click.Choice(["segments", "words"]),
              help="With --fail-under: the share of segments (default) or of source words.")
@COLOR_OPTION
@click.pass_obj
def stats_command(obj: Context, codes: tuple[str, ...], fmt: str, fail_under: float | None,
                  unit: str | None, color: bool | None) -> None:
    """How far each translation is: reviewed, draft, fuzzy after a source change, untranslated.

    Counted in segments and in source words, with percentages. With
    --fail-under, also exit 1 naming each locale reviewed less than required.
    """
    from letter_i18n.review import stats
    if unit and fail_under is None:
        raise click.UsageError("--by only applies with --fail-under")
    found = stats.collect(obj.project, list(codes) or None)
    if fmt == "json":
        click.echo(stats.to_json(found))
    elif fmt == "markdown":
        click.echo(stats.to_markdown(found))
    else:
        click.echo(stats.to_table(found, color=_use_color(color)), color=_use_color(color))
    if fail_under is not None:
        shortfalls = stats.below(found, fail_under, unit or "segments")
        for shortfall in shortfalls:
            click.echo(str(shortfall), err=True)
        if shortfalls:
            raise click.exceptions.Exit(1)


@cli.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="markdown: a summary for a pull-request comment.")
@COLOR_OPTION
@click.option("--textconv", "textconv", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE", help="Print FILE as git's textconv filter wants it and exit.")
@click.pass_obj
def diff(obj: Context, base: str | None, head: str | None, fmt: str, color: bool | None,
         textconv: Path | None) -> None:
    """What changed in the catalogs, message by message.

    BASE and HEAD are git revisions (default: the merge base with the main
    branch, and the working tree), or two catalog files. Lists per locale the
    newly translated entries, changed translations, drafts reviewed and added,
    source entries new/changed/removed, and check findings the change introduces.
    Re-wrapping or reordering alone is no change.
    """
    from letter_i18n.review import changes
    from letter_i18n.review import textconv as git_textconv
    if textconv is not None:
        if base or head:
            raise click.UsageError("--textconv takes one FILE and no revisions")
        click.echo(git_textconv.textconv(textconv), nl=False)
        return
    if base and head and Path(base).is_file() and Path(head).is_file():
        found = changes.diff_files(obj.project, Path(base), Path(head))
    else:
        found = changes.diff_revisions(obj.project, base, head)
    if fmt == "json":
        click.echo(json.dumps({"schema": changes.JSON_SCHEMA,
                               "catalogs": [d.to_dict() for d in found]}, ensure_ascii=False,
                              indent=2))
    elif fmt == "markdown":
        click.echo(changes.to_markdown(found))
    else:
        use_color = _use_color(color)
        click.echo(changes.to_text(found, use_color), color=use_color)


@cli.command()
@click.option("-e", "--engine", "engine_specs", multiple=True, required=True,
              metavar="NAME|LOCALE=NAME", callback=lambda c, _p, v: _engine_specs(c, v),
              help=f"Engine to use ({', '.join(ENGINES)}); LOCALE=NAME picks one for "
                   "a locale (repeatable). No engine is ever used unless named here.")
@locale_option(LOCALE_CHOICE, "Draft only this locale (repeatable). Default: all.")
@click.option("--engine-url", metavar="URL", help="Your LibreTranslate server.")
@click.option("--concurrency", type=click.IntRange(1, 64),
              help="Requests in flight at once (default 4).")
@click.option("--timeout", type=click.FloatRange(min=0.1), metavar="SECONDS",
              help="Deadline of each request as a whole: connecting, waiting and reading "
                   "the answer (default 30).")
@click.option("--rate-limit", type=click.FloatRange(min=0), metavar="PER_SECOND",
              help="At most this many requests per second to each engine.")
@click.option("--refresh-drafts", is_flag=True,
              help="Also redo earlier machine drafts nobody has edited.")
@click.option("--dry-run", is_flag=True,
              help="Print what would be sent (segments, characters) and send nothing.")
@click.pass_obj
def draft(obj: Context, engine_specs: list[tuple[str | None, str]], codes: tuple[str, ...],
          engine_url: str | None, concurrency: int | None, timeout: float | None,
          rate_limit: float | None, refresh_drafts: bool, dry_run: bool) -> None:
    """Machine drafts for untranslated entries, written fuzzy and marked for review.

    Entries with a translation, and fuzzy entries a person made, are never
    touched. Finished drafts are saved as they come; Ctrl-C keeps them and a
    rerun resumes (answers are cached in .cache/). API keys come only from the
    environment: LIBRETRANSLATE_API_KEY, DEEPL_API_KEY, MICROSOFT_API_KEY.
    """
    from letter_i18n import settings
    from letter_i18n.drafts.options import OptionError, Overrides, clients, resolve
    from letter_i18n.drafts.plan import dry_run_lines, make_plan
    from letter_i18n.drafts.run import run_plan, summary_lines

    try:
        table = localetable.load(obj.project)
        chosen, options = resolve(
            settings.load(obj.project), engine_specs, list(codes) or table.codes,
            Overrides(engine_url, concurrency, timeout, rate_limit, refresh_drafts), table)
    except OptionError as exc:
        raise click.UsageError(exc.message) from None
    made = clients(chosen, options)
    plan = make_plan(obj.project, chosen, options)
    if dry_run:
        for line in dry_run_lines(plan, options):
            click.echo(line)
        return
    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(click.progressbar(
            length=len(plan.pending), label="drafting", show_eta=True, show_pos=True,
            file=sys.stderr)) if obj.verbosity and sys.stderr.isatty() and plan.pending else None
        report = run_plan(obj.project, plan, made, options, bar.update if bar else None)
    for line, level in summary_lines(report):
        obj.say(line, level)
    if report.interrupted:
        click.echo("interrupted: finished drafts are saved; run the same command to resume",
                   err=True)
        raise click.exceptions.Exit(130)
    failed = sum(locale.failed for locale in report.locales)
    if failed:
        raise UserError(f"{failed} segments got no draft: the engine failed",
                        hint="Run the same command again to retry them; finished drafts are "
                             "saved and every answer is cached.")


@cli.command("import")
@click.option("-l", "--locale", "code", required=True, type=LOCALE_CHOICE,
              help="The language of the file (its catalog is written).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@click.option("--overwrite-drafts", is_flag=True,
              help="Replace drafts (machine, team or imported) too. Reviewed translations "
                   "are never replaced.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="json: the whole report, for machines.")
@click.pass_obj
def import_command(obj: Context, code: str, file: Path, dry_run: bool, overwrite_drafts: bool,
                   fmt: str) -> None:
    """Import a translated letter (.docx, .odt, .html, .md, .txt) into a catalog as drafts.

    Aligns the file's blocks to the letter's segments (headings, lists, the date and
    the signatory list first, then numbers, link addresses, names and glossary terms,
    then lengths), rebuilds links and emphasis, and writes each confident match as a
    fuzzy draft labelled "imported from FILE (DATE)". A segment it is unsure of is
    left empty; the report lists matches with their confidence, merged or split
    paragraphs, segments not found and blocks that match nothing.
    """
    from letter_i18n.drafts.imports.apply import import_file, to_table

    report = import_file(obj.project, code, file, dry_run=dry_run,
                         overwrite_drafts=overwrite_drafts)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif obj.verbosity:
        click.echo(to_table(report, verbose=obj.verbosity > 1))


def _engine_specs(ctx: click.Context, values: tuple[str, ...]) -> list[tuple[str | None, str]]:
    from letter_i18n.drafts.options import parse_engine_specs
    try:
        return parse_engine_specs(values, localetable.load(ctx.find_object(Context).project).codes)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def run(args: list[str] | None = None) -> int:
    """Run the command with ``args`` (default: the command line); return the exit code.

    User mistakes become one message and exit code 1, usage errors 2, Ctrl-C 130;
    never a traceback for anything a user can cause.
    """
    try:
        with rare_cyclic_gc():
            # Without standalone mode click returns the code a command exits with.
            code = cli.main(args=args, prog_name="letter-i18n", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        return 130
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except UserError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("interrupted: finished work is saved", err=True)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        return 1
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console entry point."""
    sys.exit(run())
