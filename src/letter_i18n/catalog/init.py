"""``letter-i18n init CODE``: a new language, added as data and given its catalog.

The language joins ``locales/locales.toml`` (only what CLDR cannot say: the
Plural-Forms new catalogs get, the draft engines' codes), and ``update`` then
writes its catalog from the template, so every later step (check, stats,
drafts, editions, PDFs, the picker) has it with no code change. A catalog
already there (Weblate's "start new translation", ``msginit``) is adopted:
merged, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from letter_i18n import localetable
from letter_i18n.catalog.update import UpdateReport, update_catalogs
from letter_i18n.errors import UserError
from letter_i18n.files import write_if_changed
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project


@dataclass
class InitReport:
    info: LocaleInfo
    adopted: bool  # the catalog existed: merged, not created
    update: UpdateReport


def init_locale(project: Project, code: str,
                engines: tuple[tuple[str, str], ...] = ()) -> InitReport:
    """Add ``code`` to the project's languages and write its catalog.

    ``engines``: what machine-translation engines call the language (the drafts
    stage suggests them). Nothing is left half done: if the catalog cannot be
    written, the data file is put back as it was.
    """
    data = localetable.path(project)
    shown = project.shown(data)
    problem = localetable.code_problem(code)
    if problem:
        raise UserError(problem, hint="Run `letter-i18n init CODE` with a code such as pt_BR.")
    table = localetable.load(project)
    if code == table.source.code:
        raise UserError(f"{code} is the language the letter is written in (source/letter.md)",
                        shown, hint="Its edition needs no catalog.")
    if code in table.by_code:
        raise UserError(f"{code} is already a language of the project", shown,
                        hint=f"Its catalog: {project.shown(project.po_path(code))}; "
                             "`letter-i18n update` writes it if it is missing.")
    info = LocaleInfo(code, engines=engines)
    adopted = project.po_path(code).exists()
    before = data.read_bytes() if data.exists() else None
    localetable.append_locale(project, info, f"{info.english_name}: added by letter-i18n init")
    try:
        report = update_catalogs(project, [code])
    except BaseException:
        if before is None:
            data.unlink()
        else:
            write_if_changed(data, before)
        raise
    return InitReport(localetable.load(project).target(code), adopted, report)
