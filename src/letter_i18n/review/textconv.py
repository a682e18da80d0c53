"""The git ``diff.<driver>.textconv`` filter: catalogs diffed as whole messages.

Enabled per clone with
``git config diff.letter-i18n.textconv ".venv/bin/letter-i18n diff --textconv"``
(``.gitattributes`` assigns the driver to ``*.po`` and ``*.pot``).
"""

from __future__ import annotations

from pathlib import Path

from letter_i18n.catalog.pofile import parse_po
from letter_i18n.catalog.syntax import quote
from letter_i18n.errors import UserError


def textconv(path: Path) -> str:
    """A catalog as git should diff it: one line per field, whole messages, no references.

    References and extracted comments are generated from the source and move
    with every edit above them, so they are left out; flags, previous msgids and
    translator comments stay. A catalog that does not parse is shown as it is, so
    ``git diff`` never fails on it.
    """
    raw = path.read_bytes()
    try:
        catalog = parse_po(raw, str(path))
    except UserError:
        return raw.decode("utf-8", "replace")
    out = [f"{key}: {value}" for key, value in catalog.metadata.items()]
    for entry in catalog:
        mark = "#~ " if entry.obsolete else ""
        out.append("")
        out += [f"# {line}" for line in entry.tcomment.split("\n") if entry.tcomment]
        if entry.flags:
            out.append("#, " + ", ".join(entry.flags))
        for name in ("msgctxt", "msgid", "msgid_plural"):
            value = getattr(entry, f"previous_{name}", None)
            if value is not None:
                out.append(f"#| {name} {quote(value)}")
        if entry.msgctxt is not None:
            out.append(f"{mark}msgctxt {quote(entry.msgctxt)}")
        out.append(f"{mark}msgid {quote(entry.msgid)}")
        if entry.msgid_plural:
            out.append(f"{mark}msgid_plural {quote(entry.msgid_plural)}")
            out += [f"{mark}msgstr[{i}] {quote(text)}" for i, text in
                    sorted(entry.msgstr_plural.items())]
        else:
            out.append(f"{mark}msgstr {quote(entry.msgstr)}")
    return "\n".join(out) + "\n"

