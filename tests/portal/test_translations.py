"""Every Thai interface string has English, and English pages use it.

Strings are collected the way `make messages` collects them (Django's template-to-gettext
conversion for templates; gettext calls in Python), but without GNU gettext, and checked
against the compiled catalogue that ships in the repository (locale/en/LC_MESSAGES/django.mo).
"""

import ast
import io
import os
import tokenize
from pathlib import Path

import pytest

from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "var", "tests", "media", "static_collected", "test-artifacts", "migrations", ".git"}
GETTEXT_CALLS = {
    "_": 1,
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}


def project_files(*suffixes: str):
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS and not name.startswith(".")]
        yield from (Path(folder) / name for name in files if Path(name).suffix in suffixes)


def gettext_calls(source: str):
    """(function, [string arguments]) for each gettext-style call with literal arguments."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in (tokenize.NL, tokenize.COMMENT)]
    for i, token in enumerate(tokens[:-2]):
        if token.type != tokenize.NAME or token.string not in GETTEXT_CALLS or tokens[i + 1].string != "(":
            continue
        if i and tokens[i - 1].string in (".", "def"):
            continue
        args, current, j = [], "", i + 2
        while j < len(tokens) and tokens[j].type == tokenize.STRING:
            current += ast.literal_eval(tokens[j].string)
            j += 1
            if tokens[j].string == ",":
                args.append(current)
                current = ""
                j += 1
            elif tokens[j].string == ")":
                args.append(current)
                break
            elif tokens[j].type != tokenize.STRING:
                break
        if len(args) >= GETTEXT_CALLS[token.string]:
            yield token.string, args


def messages_in(path: Path):
    """(context, msgid, plural) for each translatable string in a template or Python file."""
    text = path.read_text(encoding="utf-8")
    source = templatize(text, origin=str(path)) if path.suffix in (".html", ".txt") else text
    for function, args in gettext_calls(source):
        if function.startswith("np"):
            yield args[0], args[1], args[2]
        elif function.startswith("p"):
            yield args[0], args[1], None
        elif function.startswith("n"):
            yield None, args[0], args[1]
        else:
            yield None, args[0], None


def all_messages() -> dict[tuple, str]:
    found = {}
    for path in [*project_files(".html", ".txt"), *project_files(".py")]:
        for context, msgid, plural in messages_in(path):
            if msgid:
                found.setdefault((context, msgid, plural), str(path.relative_to(ROOT)))
    return found


def test_the_collector_finds_strings_in_templates_and_code():
    messages = {msgid for _context, msgid, _plural in all_messages()}
    assert "ข้ามไปยังเนื้อหา" in messages  # {% translate %} in templates/base.html
    assert "%(n)s กรณีศึกษา" in messages  # {% blocktranslate count %}
    assert "อำเภอที่เลือกไม่อยู่ในจังหวัดนี้" in messages  # gettext_lazy in Python


def test_every_interface_string_has_an_english_translation():
    catalog = translation.trans_real.translation("en")
    missing = []
    for (context, msgid, plural), where in sorted(all_messages().items(), key=lambda item: item[1]):
        with translation.override("en"):
            if plural is not None:
                english = translation.npgettext(context, msgid, plural, 2) if context else translation.ngettext(msgid, plural, 2)
                untranslated = english == plural
            else:
                english = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                untranslated = english == msgid
        if untranslated and any("\u0e00" <= char <= "\u0e7f" for char in msgid):
            missing.append(f"{where}: {msgid!r}")
    assert catalog is not None
    assert not missing, "Strings without English (run `make messages`, translate, commit the .po and .mo):\n" + "\n".join(missing)


@pytest.mark.django_db
def test_english_pages_render_english_interface_strings(client, home_page):
    html = client.get("/en/search/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Search the case studies" in html
    assert "LAO Knowledge Portal" in html
    assert "ข้ามไปยังเนื้อหา" not in html


@pytest.mark.django_db
def test_thai_pages_keep_the_thai_source_strings(client, home_page):
    html = client.get("/search/").content.decode()
    assert '<html lang="th">' in html
    assert "ค้นหากรณีศึกษา" in html
    assert "Search the case studies" not in html
