"""The ``letter-i18n`` command: a thin click layer over the pipeline's modules.

Exit codes: 0 success, 1 failure (a user mistake is reported as
``file:line: what is wrong`` with a hint, never a traceback), 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, catalogs, locales
from .errors import UserError
from .project import Project


class Context:
    def __init__(self, root: Path, verbosity: int) -> None:
        self.project = Project(root)
        self.verbosity = verbosity

    def say(self, message: str, level: int = 1) -> None:
        """Print progress unless --quiet (level 1) or only with --verbose (level 2)."""
        if self.verbosity >= level:
            click.echo(message)


LOCALE_CHOICE = click.Choice([info.code for info in locales.TARGETS])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letter-i18n")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Project directory (holds source/ and locales/).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print details of what was done.")
@click.pass_context
def cli(ctx: click.Context, root: Path, quiet: bool, verbose: bool) -> None:
    """Keep the seven editions of the 22 December 2021 open letter true to one source."""
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    ctx.obj = Context(root, 0 if quiet else 2 if verbose else 1)


@cli.command()
@click.option("-l", "--locale", "codes", multiple=True, type=LOCALE_CHOICE,
              help="Update only this locale's catalog (repeatable). Default: all.")
@click.pass_obj
def update(obj: Context, codes: tuple[str, ...]) -> None:
    """Extract locales/letter.pot from the source and merge it into every catalog.

    Like GNU msgmerge: unchanged messages keep their translation, changed ones
    become fuzzy with the previous text kept, new ones are empty, removed ones
    become obsolete (#~). Files whose content does not change are not touched.
    """
    report = catalogs.update(obj.project, list(codes) or None)
    for code, stats in report.stats.items():
        obj.say(f"{code}: {stats.kept} kept, {stats.fuzzy} fuzzy, {stats.new} new, "
                f"{stats.obsoleted} obsoleted, {stats.revived} revived", 2)
        for msgid in stats.fuzzy_ids:
            obj.say(f"  fuzzy: {msgid[:70]}", 2)
    for path in report.written:
        obj.say(f"wrote {path}")
    if not report.written:
        obj.say("catalogs are up to date")


def main() -> None:
    """Console entry point: user mistakes become messages and exit code 1."""
    try:
        cli.main(prog_name="letter-i18n", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted: finished work is saved", err=True)
        sys.exit(130)
    except OSError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    sys.exit(0)
