"""The interface strings of static/annotations/js (the djangojs domain): every message the
scripts use is in each language's catalog, translated, not fuzzy, with its placeholders, compiled;
and Django's JavaScript catalog serves them in the request's language."""

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "static" / "annotations" / "js"
LANGUAGES = ["es", "fr", "pt_BR", "ar"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "djangojs.po"))


def key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def forms(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages of the scripts as makemessages finds them now, run on a copy of the scripts."""
    workdir = tmp_path_factory.mktemp("djangojs")
    shutil.copytree(SCRIPTS, workdir / "static" / "annotations" / "js")
    (workdir / "locale").mkdir()
    with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[workdir / "locale"]):
        patch.chdir(workdir)
        call_command("makemessages", domain="djangojs", locale=["es"], verbosity=0)
    found = polib.pofile(str(workdir / "locale" / "es" / "LC_MESSAGES" / "djangojs.po"))
    messages = {key(entry) for entry in found if not entry.obsolete}
    assert len(messages) > 200  # the scripts' strings were found, not an empty extraction
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_scripts_is_in_the_catalog_and_no_other(extracted, language):
    stored = {key(entry) for entry in catalog(language) if not entry.obsolete}

    assert sorted(extracted - stored) == [], "missing: run makemessages -d djangojs and translate"
    assert sorted(stored - extracted) == [], "no longer used by the scripts: run makemessages -d djangojs"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalog(language)
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))

    assert not po.metadata_is_fuzzy, "a fuzzy header leaves Plural-Forms out of the compiled catalog"
    assert po.metadata["Language"] == language
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == nplurals, entry.msgid
        assert all(text.strip() for text in forms(entry)), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    for entry in catalog(language):
        names = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        texts = forms(entry)
        for text in texts:
            # A placeholder the script does not fill would show as "%(name)s" to the reader.
            assert set(PLACEHOLDER.findall(text)) <= names, (entry.msgid, text)
        # Plural forms for one or two may say the number in words; the general form names everything.
        assert set(PLACEHOLDER.findall(texts[-1])) == names, (entry.msgid, texts[-1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language):
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "djangojs.mo"))
    compiled = {key(entry): forms(entry) for entry in mo if entry.msgid}

    assert compiled == {key(entry): forms(entry) for entry in catalog(language)}, "run compilemessages"


@pytest.mark.parametrize(
    ("accept_language", "english", "translated"),
    [
        ("es", "New annotation", "Nueva anotación"),
        ("es-MX,es;q=0.9", "Submit for review", "Enviar a revisión"),
        ("ar", "Submit for review", "إرسال للمراجعة"),
        ("pt-BR", "Same claim", "Mesma alegação"),
        ("fr-FR", "Show in text", "Montrer dans le texte"),
    ],
)
def test_the_javascript_catalog_speaks_the_browsers_language(client, accept_language, english, translated):
    response = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "Accept-Language" in response["Vary"]
    assert f"{json.dumps(english)}: {json.dumps(translated)}" in response.content.decode()


def test_the_language_cookie_wins_over_the_browsers_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    body = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert f'{json.dumps("Cancel")}: {json.dumps("إلغاء")}' in body
    assert json.dumps("Cancelar") not in body
    # Arabic's six plural forms travel with the catalog.
    assert "n%100>=11 && n%100<=99 ? 4 : 5" in body


def test_english_gets_no_translations_of_the_interface(client):
    body = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert json.dumps("New annotation") not in body
    # The catalog serves our strings only, not the admin's own calendar words.
    spanish = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert json.dumps("Nueva anotación") in spanish
    assert json.dumps("Enero") not in spanish
