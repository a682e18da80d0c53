"""Our PO writer must produce exactly what GNU msgcat 0.21 writes.

The reference is the real ``msgcat``: every catalog is written with
``format_catalog`` and must come back byte for byte from ``msgcat x.po -o y.po``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alphabet import ALPHABET
from conftest import requires
from letter_i18n.catalog.powrite import format_catalog, format_entry

MSGCAT = shutil.which("msgcat")


def _msgcat_version() -> str | None:
    if MSGCAT is None:
        return None
    first_line = subprocess.run(
        [MSGCAT, "--version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]
    match = re.search(r"(\d+\.\d+(?:\.\d+)?)\s*$", first_line)
    return match.group(1) if match else first_line


MSGCAT_VERSION = _msgcat_version()

needs_msgcat = requires(
    MSGCAT_VERSION is not None and MSGCAT_VERSION.startswith("0.21"),
    "GNU msgcat 0.21, the reference for byte-identical output "
    f"(found {MSGCAT_VERSION or 'no msgcat'} on PATH)",
    "apt-get install gettext on a release that ships gettext 0.21 (Debian 12, Ubuntu 22.04 "
    "or 24.04)",
)


def msgcat(text: str, width: int = 79) -> str:
    """What ``msgcat in.po -o out.po`` writes for ``text``."""
    assert MSGCAT is not None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "in.po")
        target = Path(tmp, "out.po")
        source.write_text(text, encoding="utf-8")
        args = [MSGCAT, str(source), "-o", str(target)]
        if width != 79:
            args[1:1] = ["-w", str(width)]
        result = subprocess.run(args, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return target.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Hand-written catalogs: one per edition of the letter.
# ---------------------------------------------------------------------------

NBSP = "\u00a0"
NNBSP = "\u202f"

LETTER = {
    "en": (
        "Dear friends and colleagues,\n\n"
        "We are writing to you today, on behalf of the undersigned organisations, "
        "because the questions raised over the past year can no longer wait. Across "
        "our seven communities, people have told us the same thing: they want "
        "decisions that are taken in the open, explained in plain language, and "
        "reviewed when the facts change. This letter is our answer. It sets out what "
        "we have agreed, what we still disagree about, and what we ask of each other "
        "in the months ahead. We do not claim to speak for everyone; we speak for "
        "those who asked us to write, and we invite every reader to reply \u2014 "
        "publicly or privately \u2014 before 31 January. \u201cTogether\u201d is not a "
        "slogan for us\u2026 it is a working method."
    ),
    "fr": (
        "Chères amies, chers amis,\n\n"
        "Nous vous écrivons aujourd\u2019hui, au nom des organisations signataires, "
        "parce que les questions soulevées au cours de l\u2019année écoulée ne peuvent "
        f"plus attendre. Dans nos sept communautés, on nous a dit la même chose{NBSP}: "
        f"«{NBSP}Nous voulons des décisions prises au grand jour, expliquées dans une "
        f"langue simple et revues lorsque les faits changent.{NBSP}» Cette lettre est "
        f"notre réponse{NBSP}; elle expose ce sur quoi nous sommes d\u2019accord, ce qui "
        "nous divise encore et ce que nous attendons les uns des autres dans les mois "
        f"à venir. Nous ne prétendons pas parler au nom de tous{NNBSP}! Nous invitons "
        f"chaque lectrice et chaque lecteur à nous répondre avant le 31{NBSP}janvier "
        f"\u2013 publiquement ou en privé{NNBSP}? Les deux nous conviennent."
    ),
    "es": (
        "Queridas amigas y queridos amigos:\n\n"
        "Os escribimos hoy, en nombre de las organizaciones firmantes, porque las "
        "cuestiones planteadas durante el último año ya no pueden esperar. En nuestras "
        "siete comunidades nos han dicho lo mismo: quieren decisiones tomadas a la "
        "vista de todos, explicadas con palabras sencillas y revisadas cuando cambian "
        "los hechos. ¿Qué proponemos? Esta carta es nuestra respuesta: recoge lo que "
        "hemos acordado, lo que todavía nos separa y lo que nos pedimos mutuamente "
        "para los próximos meses. ¡No pretendemos hablar por todos! Invitamos a cada "
        "lector a respondernos antes del 31 de enero, «en público o en privado»."
    ),
    "ru": (
        "Дорогие друзья и коллеги!\n\n"
        "Мы пишем вам сегодня от имени организаций, подписавших это письмо, потому что "
        "вопросы, поднятые за последний год, больше не могут ждать. Во всех наших семи "
        "сообществах нам говорили одно и то же: люди хотят, чтобы решения принимались "
        "открыто, объяснялись простым языком и пересматривались, когда меняются факты. "
        "Это письмо \u2014 наш ответ. В нём изложено, о чём мы договорились, в чём ещё "
        "расходимся и чего ждём друг от друга в ближайшие месяцы. Мы не претендуем на "
        "то, чтобы говорить за всех; мы приглашаем каждого читателя ответить нам до "
        "31\u00a0января \u2014 «публично или лично»."
    ),
    "ar": (
        "أصدقاءنا وزملاءنا الأعزاء،\n\n"
        "نكتب إليكم اليوم باسم المنظمات الموقِّعة، لأن المسائل التي أُثيرت خلال العام "
        "الماضي لم تعد تحتمل الانتظار. في مجتمعاتنا السبعة قيل لنا الشيء نفسه: يريد "
        "الناس قرارات تُتخذ علنًا، وتُشرح بلغة بسيطة، وتُراجع عندما تتغير الوقائع. هذه "
        "الرسالة هي ردّنا؛ فهي تعرض ما اتفقنا عليه، وما لا نزال نختلف فيه، وما يطلبه "
        "بعضنا من بعض في الأشهر المقبلة. لا ندّعي أننا نتحدث باسم الجميع، ونحن ندعو كل "
        "قارئ إلى الرد علينا قبل ٣١ يناير \u2014 علنًا أو سرًّا؟ «معًا» ليست شعارًا بالنسبة إلينا."
    ),
    "th": (
        "เรียน เพื่อนและเพื่อนร่วมงานที่รัก\n\n"
        "วันนี้เราเขียนถึงท่านในนามขององค์กรที่ลงนามท้ายจดหมายนี้ "
        "เพราะคำถามที่เกิดขึ้นตลอดปีที่ผ่านมาไม่อาจรอได้อีกต่อไป ในชุมชนทั้งเจ็ดแห่งของเรา "
        "ผู้คนบอกเราเหมือนกันว่า พวกเขาต้องการการตัดสินใจที่เปิดเผย "
        "อธิบายด้วยภาษาที่เข้าใจง่าย และทบทวนใหม่เมื่อข้อเท็จจริงเปลี่ยนไป "
        "จดหมายฉบับนี้คือคำตอบของเรา ซึ่งระบุสิ่งที่เราเห็นพ้องกัน สิ่งที่เรายังเห็นต่าง "
        "และสิ่งที่เราขอจากกันและกันในอีกหลายเดือนข้างหน้า เราไม่ได้อ้างว่าพูดแทนทุกคน "
        "และขอเชิญผู้อ่านทุกท่านตอบกลับมาก่อนวันที่ ๓๑ มกราคม (ทั้งแบบเปิดเผยหรือส่วนตัว)"
    ),
    "zh": (
        "亲爱的朋友们、同事们：\n\n"
        "今天，我们代表联署组织给各位写信，因为过去一年中提出的问题已经不能再等待。"
        "在我们的七个社区里，人们告诉我们的是同一件事：他们希望决定公开作出，用浅白的语言"
        "加以解释，并在事实发生变化时重新审视。这封信就是我们的回答。它说明了我们已经达成的"
        "共识、仍然存在的分歧，以及在未来几个月里我们对彼此的期望。我们并不声称代表所有人；"
        "我们代表请我们写信的人，并邀请每一位读者在1月31日之前，公开或私下地回复我们。"
        "我们相信，只有在彼此倾听的基础上，才能找到大家都能接受的解决办法。因此，我们将在"
        "二月份举行一次公开会议，欢迎所有关心这些问题的人参加，并就本信中的每一项建议发表意见。"
        "「让我们一起努力！」（联署组织）《公开信》——这不是口号，而是工作方法？"
    ),
}

SHORT = {
    "en": ("Sign the letter", "{count} organisation signed", "{count} organisations signed"),
    "fr": ("Signer la lettre", "{count} organisation a signé", "{count} organisations ont signé"),
    "es": ("Firmar la carta", "{count} organización firmó", "{count} organizaciones firmaron"),
    "ru": ("Подписать письмо", "{count} организация подписала", "{count} организаций подписали"),
    "ar": ("وقّع الرسالة", "وقّعت منظمة واحدة", "وقّعت {count} منظمات"),
    "th": ("ลงนามในจดหมาย", "มี {count} องค์กรลงนามแล้ว", "มี {count} องค์กรลงนามแล้ว"),
    "zh": ("签署这封信", "已有 {count} 个组织签署", "已有 {count} 个组织签署"),
}

PLURAL_FORMS = {
    "en": ("nplurals=2; plural=(n != 1);", 2),
    "fr": ("nplurals=2; plural=(n > 1);", 2),
    "es": ("nplurals=2; plural=(n != 1);", 2),
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
        3,
    ),
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
        "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
        6,
    ),
    "th": ("nplurals=1; plural=0;", 1),
    "zh": ("nplurals=1; plural=0;", 1),
}

REFERENCES = [
    ("source/letter.md", str(line)) for line in (1, 3, 5, 8, 13, 21, 34, 55, 89, 144)
] + [
    ("./templates/edition/signature-block.html.jinja2", "12"),
    ("templates/edition/a-rather-long-directory-name/footer-and-colophon.html", "7"),
    ("src/letter_i18n/cli.py", ""),
]


def letter_catalog(lang: str) -> polib.POFile:
    """A realistic catalog exercising every kind of entry GNU writes."""
    catalog = polib.POFile()
    catalog.header = (
        f"{lang} edition of the joint open letter of 22 December 2021.\n"
        "Copyright (C) 2021 The signatories\n"
        "\n"
        "Translators: keep the paragraph structure."
    )
    plural_forms, nplurals = PLURAL_FORMS[lang]
    catalog.metadata = {
        "Project-Id-Version": "letter-i18n 0.1.0",
        "Report-Msgid-Bugs-To": "translations@example.org",
        "POT-Creation-Date": "2021-12-01 10:00+0000",
        "PO-Revision-Date": "2021-12-20 18:30+0100",
        "Last-Translator": "A. Translator <translator@example.org>",
        "Language-Team": f"{lang} <{lang}@example.org>",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
    }
    paragraph = LETTER[lang]
    title, one, many = SHORT[lang]
    english = LETTER["en"]
    catalog.append(
        polib.POEntry(
            msgid=english,
            msgstr=paragraph,
            occurrences=REFERENCES,
            comment="The opening paragraph.\nKeep the date format of the edition.",
            tcomment="Reviewed twice.\n\nSecond reviewer: check the dashes.",
        )
    )
    catalog.append(
        polib.POEntry(msgctxt="button", msgid="Sign the letter", msgstr=title,
                      occurrences=[("templates/sign.html", "4")])
    )
    catalog.append(
        polib.POEntry(
            msgctxt="page title shown in the browser tab and in search results",
            msgid="Sign the letter",
            msgstr=f"{title} \u2014 {paragraph[:60]}",
        )
    )
    catalog.append(
        polib.POEntry(
            msgid="{count} organisation has signed",
            msgid_plural="{count} organisations have signed",
            msgstr_plural={i: (one if i == 0 else many) for i in range(nplurals)},
            flags=["python-brace-format"],
        )
    )
    catalog.append(
        polib.POEntry(
            msgid="%(name)s and %(count)d others have signed; 100% of them agree",
            msgstr=f"%(name)s \u2014 %(count)d \u2014 {paragraph[100:220]} 100% {many}",
            flags=["python-format"],
        )
    )
    catalog.append(
        polib.POEntry(
            msgid='Quotes "like this", a backslash \\ and\ta tab\nthen a new line',
            msgstr=f'"{title}"\t\\ {paragraph[:150]}\n\\n is not a newline\n',
        )
    )
    catalog.append(
        polib.POEntry(
            msgid=english[:400],
            msgstr=paragraph[:500],
            flags=["fuzzy"],
            previous_msgid=english[:380] + " (first draft)",
            previous_msgctxt="draft",
        )
    )
    catalog.append(
        polib.POEntry(msgid="Not translated yet, but marked fuzzy", msgstr="", flags=["fuzzy"])
    )
    catalog.append(
        polib.POEntry(
            msgid="An earlier version of the closing paragraph",
            msgstr=paragraph[-400:],
            obsolete=True,
            previous_msgid="An even earlier version of the closing paragraph",
            tcomment="Dropped in the second draft.",
        )
    )
    catalog.append(
        polib.POEntry(
            msgid="Old plural",
            msgid_plural="Old plurals",
            msgstr_plural={i: paragraph[i * 40 : i * 40 + 120] for i in range(nplurals)},
            obsolete=True,
            flags=["fuzzy"],
        )
    )
    return catalog


LANGUAGES = list(LETTER)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_letter_text_is_long_enough_to_exercise_wrapping(lang: str) -> None:
    assert 300 <= len(LETTER[lang]) <= 1200


@needs_msgcat
@pytest.mark.parametrize("lang", LANGUAGES)
def test_letter_catalog_is_what_msgcat_writes(lang: str) -> None:
    catalog = letter_catalog(lang)
    ours = format_catalog(catalog)
    assert msgcat(ours) == ours
    # Same catalog, written by polib with its own (different) wrapping.
    assert msgcat(str(catalog)) == ours


@needs_msgcat
@pytest.mark.parametrize("width", [40, 100])
def test_other_page_widths_match_msgcat_w(width: int) -> None:
    catalog = letter_catalog("fr")
    ours = format_catalog(catalog, width=width)
    assert msgcat(ours, width=width) == ours


@pytest.mark.parametrize("lang", LANGUAGES)
def test_polib_reads_back_the_same_catalog(lang: str) -> None:
    catalog = letter_catalog(lang)
    parsed = polib.pofile(format_catalog(catalog))
    assert parsed.header == catalog.header
    assert parsed.metadata == catalog.metadata

    def key(entry: polib.POEntry) -> tuple:
        previous = None if entry.obsolete else (entry.previous_msgctxt, entry.previous_msgid)
        return (
            entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
            {int(k): v for k, v in entry.msgstr_plural.items()},
            entry.tcomment, entry.comment, entry.obsolete, previous,
        )

    # polib drops "#~|" lines, so previous fields of obsolete entries are
    # only checked by the msgcat test.
    assert [key(e) for e in parsed] == [key(e) for e in catalog]
    first = parsed[0]
    assert first.occurrences == [
        (name.removeprefix("./"), line) for name, line in REFERENCES
    ]


@needs_msgcat
@pytest.mark.parametrize("width", [30, 40, 79])
def test_escapes_in_every_line_of_a_string_are_never_split(width: int) -> None:
    """Each piece after a newline is broken on its own; its escapes must stay whole."""
    body = 'A "quoted" word, a back\\\\slash and a tab\there; ' * 3
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Lines", msgstr=f"Line one.\n{body}\n{body}"))
    ours = format_catalog(catalog, width=width)
    assert msgcat(ours, width=width) == ours


@needs_msgcat
def test_no_break_before_a_final_newline_or_inside_a_directive() -> None:
    """Slide the end of the line across ``\\n`` and ``%(a name)s``, in a later piece.

    GNU never breaks right before the ``\\n`` that ends a piece, nor inside a
    format directive (with and without quotes before it, whose escapes shift
    the positions).
    """
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for n in range(30, 80):
        catalog.append(polib.POEntry(msgid=f"newline {n}", msgstr=f"One.\n{'a' * n} \nTwo."))
        for quote in ("", 'Say "hi" '):
            catalog.append(
                polib.POEntry(
                    msgid=f"directive {n} {quote}",
                    msgstr=f"One.\n{quote}{'b' * n} %(a name)s, %(other one)d and more.",
                    flags=["python-format"],
                )
            )
    ours = format_catalog(catalog)
    assert msgcat(ours) == ours


def test_layout_details_follow_gnu() -> None:
    entry = polib.POEntry(
        msgid="x",
        msgstr="y",
        tcomment="first\n\nthird",
        comment="dot\n",
        flags=["python-brace-format", "unknown-flag", "fuzzy", "no-wrap"],
        occurrences=[("./a.py", "007"), ("a.py", "7")],
    )
    assert format_entry(entry) == "\n".join(
        [
            "# first",
            "#",
            "# third",
            "#. dot",
            "#.",
            "#: a.py:7 a.py:7",
            "#, fuzzy, python-brace-format, no-wrap, unknown-flag",
            'msgid "x"',
            'msgstr "y"',
        ]
    )
    # GNU drops "fuzzy" when there is no translation, and obsolete entries
    # without translation altogether.
    assert format_entry(polib.POEntry(msgid="x", flags=["fuzzy"])) == 'msgid "x"\nmsgstr ""'
    assert format_entry(polib.POEntry(msgid="x", obsolete=True)) == ""


def test_flags_gnu_does_not_know_are_kept_after_gnu_s_in_their_order() -> None:
    """Weblate's flags (written by translate-toolkit) survive; GNU's syntax checks do not."""
    entry = polib.POEntry(msgid="x", msgstr="y", flags=[
        "max-length:80", "fuzzy", "md-text", "python-format", "no-ellipsis-unicode",
        "placeholders:r\"\\{\\w+\\}\"", "md-text", "range: 1..5"])
    assert format_entry(entry).split("\n")[0] == (
        '#, fuzzy, python-format, range: 1..5, max-length:80, md-text, '
        'placeholders:r"\\{\\w+\\}"')
    # A flag with a comma inside its value is split by every PO reader and joined back.
    split = polib.POEntry(msgid="x", flags=['placeholders:"{count}', '{n}"', "c-format"])
    assert format_entry(split).split("\n")[0] == '#, c-format, placeholders:"{count}, {n}"'
    assert format_entry(polib.POEntry(msgid="x", flags=["fuzzy", "md-text"])).startswith(
        "#, md-text\n")  # fuzzy goes with the translation (GNU); the other flag stays


@needs_msgcat
def test_gnu_drops_them_so_only_catalogs_without_them_are_msgcat_fixed_points() -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="x", msgstr="y", flags=["fuzzy", "max-length:80"]))
    ours = format_catalog(catalog)
    assert "#, fuzzy, max-length:80\n" in ours
    assert msgcat(ours) == ours.replace(", max-length:80", "")


def test_translate_toolkit_reads_the_kept_flags_as_written() -> None:
    """Weblate's parser sees the same flags it wrote (and writes the line back unchanged)."""
    pypo = pytest.importorskip("translate.storage.pypo")
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="x", msgstr="y",
                                 flags=["md-text", "fuzzy", "max-length:80", "c-format"]))
    ours = format_catalog(catalog)
    unit = pypo.pofile(ours.encode("utf-8")).units[1]
    assert unit.typecomments == ["#, fuzzy, c-format, md-text, max-length:80\n"]
    assert unit.hastypecomment("max-length:80") and unit.isfuzzy()


def test_multiline_strings_start_with_an_empty_line() -> None:
    text = format_entry(polib.POEntry(msgid="one\ntwo", msgstr="short"))
    assert text == 'msgid ""\n"one\\n"\n"two"\nmsgstr "short"'


@pytest.mark.parametrize(
    "entry",
    [
        polib.POEntry(msgid="nul\0"),
        polib.POEntry(msgid="eot\x04"),
        polib.POEntry(msgid="x", tcomment="ends with a backslash \\"),
    ],
)
def test_rejects_what_gnu_cannot_read_back(entry: polib.POEntry) -> None:
    with pytest.raises(ValueError):
        format_entry(entry)


def test_rejects_non_ascii_without_utf8_charset() -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=ISO-8859-1"}
    catalog.append(polib.POEntry(msgid="x", msgstr="é"))
    with pytest.raises(ValueError, match="UTF-8"):
        format_catalog(catalog)


def test_rejects_duplicates() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="x", msgstr="1"))
    catalog.append(polib.POEntry(msgid="x", msgstr="2", obsolete=True))
    with pytest.raises(ValueError, match="duplicate"):
        format_catalog(catalog)


# ---------------------------------------------------------------------------
# Property: random mixed-script text is written exactly as msgcat writes it.
# ---------------------------------------------------------------------------

# Spaces are the main break opportunity; make them frequent.
SPACED = st.text(
    st.one_of(st.sampled_from(ALPHABET), st.just(" "), st.just(" ")), min_size=20, max_size=400
)


@pytest.mark.slow
@needs_msgcat
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.tuples(SPACED, SPACED, st.integers(0, 4)), min_size=4, max_size=12),
    width=st.sampled_from([79, 79, 79, 50]),
)
def test_random_mixed_script_text_matches_msgcat(
    texts: list[tuple[str, str, int]], width: int
) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    flag_choices = [[], ["fuzzy"], ["python-format"], ["c-format"], ["no-wrap"]]
    for index, (msgid, msgstr, flags) in enumerate(texts):
        catalog.append(
            polib.POEntry(
                msgid=f"{index}. {msgid}",
                msgstr=msgstr,
                flags=flag_choices[flags],
                previous_msgid=msgstr[:60] if flags == 1 else None,
            )
        )
    ours = format_catalog(catalog, width=width)
    assert msgcat(ours, width=width) == ours
