"""The translation catalogs: every interface message translated in every language, none fuzzy,
and the committed .mo files (what Django reads) say what the .po files say."""

import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
# The directories makemessages reads for each domain (the rest of the tree is tests, tools, data).
SOURCES = {"django": ["annotations", "factcheck", "templates"], "djangojs": ["static/annotations/js"]}


def locale_dirs() -> list[str]:
    """The gettext directory names of the offered languages other than English ("pt-br" -> "pt_BR")."""
    return [gettext_name(code) for code, _name in settings.LANGUAGES if code != "en"]


def gettext_name(code: str) -> str:
    language, _, region = code.partition("-")
    return f"{language}_{region.upper()}" if region else language


def unquote(text: str) -> str:
    return bytes(text[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def read_po(path: Path) -> list[dict]:
    """Return the entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list), flags."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry = key = None
            continue
        entry = entry if entry is not None else {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line):
            name, index, text = match.groups()
            key = (name, int(index or 0))
            if name == "msgstr":
                entry["msgstr"][key[1]] = unquote(text)
            else:
                entry[name] = unquote(text)
        else:
            name, index = key
            if name == "msgstr":
                entry["msgstr"][index] += unquote(line)
            else:
                entry[name] += unquote(line)
    return entries


def catalog_key(entry: dict) -> str:
    return f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]


def domains() -> list[str]:
    present = [domain for domain in SOURCES if any(LOCALE.glob(f"*/LC_MESSAGES/{domain}.po"))]
    return present or ["django"]


def copy_for_extraction(domain: str, tmp_path: Path, language: str) -> tuple[Path, Path]:
    """Run makemessages on a copy of the sources against a copy of the catalog; return its entries."""
    tree = tmp_path / "tree"
    for folder in SOURCES[domain]:
        skip = shutil.ignore_patterns("__pycache__", "migrations")
        shutil.copytree(ROOT / folder, tree / folder, ignore=skip)
    catalogs = tree / "locale"
    source = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    if source.exists():
        (catalogs / language / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(source, catalogs / language / "LC_MESSAGES" / f"{domain}.po")
    return tree, catalogs / language / "LC_MESSAGES" / f"{domain}.po"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext's xgettext")
@pytest.mark.parametrize("domain", domains())
@pytest.mark.parametrize("language", locale_dirs())
def test_every_message_is_translated_and_none_is_fuzzy(domain, language, tmp_path, monkeypatch, settings):
    tree, po = copy_for_extraction(domain, tmp_path, language)
    settings.LOCALE_PATHS = [tree / "locale"]
    monkeypatch.chdir(tree)
    call_command("makemessages", locale=[language], domain=domain, no_obsolete=True, verbosity=0)

    entries = [entry for entry in read_po(po) if entry["msgid"]]
    untranslated = [catalog_key(e) for e in entries if not all(e["msgstr"].values())]
    fuzzy = [catalog_key(e) for e in entries if "fuzzy" in e["flags"]]

    assert entries, "makemessages found no message at all"
    assert untranslated == [], f"untranslated in {language}/{domain}.po"
    assert fuzzy == [], f"fuzzy in {language}/{domain}.po"


@pytest.mark.parametrize(
    "po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=lambda path: str(path.relative_to(LOCALE))
)
def test_the_committed_mo_file_says_what_the_po_file_says(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run manage.py compilemessages and commit it"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    written = {}
    for entry in read_po(po):
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values()):
            continue
        if "msgid_plural" in entry:
            for index, text in entry["msgstr"].items():
                written[(catalog_key(entry), index)] = text
        else:
            written[catalog_key(entry)] = entry["msgstr"][0]

    assert {key: text for key, text in compiled.items() if key != ""} == {
        key: text for key, text in written.items() if key != ""
    }
