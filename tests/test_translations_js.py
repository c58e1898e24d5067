"""Translations keep their placeholders (both domains; tests/test_translations.py checks that
they are complete and compiled), and Django's JavaScript catalog serves the scripts' strings in
the request's language."""

import json
import re
from pathlib import Path

import polib
import pytest

from annotations.displayzone.core import catalog_version

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "static" / "annotations" / "js"
LANGUAGES = ["es", "fr", "pt_BR", "ar"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(language: str, domain: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po"))


def key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def forms(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language, domain):
    for entry in catalog(language, domain):
        names = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        texts = forms(entry)
        for text in texts:
            # A placeholder the script does not fill would show as "%(name)s" to the reader.
            assert set(PLACEHOLDER.findall(text)) <= names, (entry.msgid, text)
        # Plural forms for one or two may say the number in words; the general form names everything.
        assert set(PLACEHOLDER.findall(texts[-1])) == names, (entry.msgid, texts[-1])


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


def test_pages_link_the_catalog_at_an_address_naming_its_language_and_version(client, reviewer):
    client.force_login(reviewer)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()
    address = re.search(r'<script src="(/jsi18n/[^"]+)"', page).group(1)
    assert address == f"/jsi18n/pt-br/{catalog_version('pt-br')}/"

    # Whatever the browser or cookie says, the address decides the language; it is cached a year.
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="ar")
    assert f"{json.dumps('Same claim')}: {json.dumps('Mesma alegação')}" in response.content.decode()
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Language"] == "pt-br"


def test_a_catalog_address_of_an_older_version_is_answered_but_not_cached(client):
    response = client.get("/jsi18n/es/000000000000/")
    assert response.status_code == 200
    assert json.dumps("Nueva anotación") in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=31536000" not in response["Cache-Control"]


def test_a_catalog_address_in_a_language_we_do_not_offer_is_404(client):
    assert client.get("/jsi18n/de/000000000000/").status_code == 404


@pytest.fixture
def fresh_versions():
    catalog_version.cache_clear()
    yield
    catalog_version.cache_clear()


def test_the_catalog_version_follows_the_compiled_catalog(settings, tmp_path, fresh_versions):
    catalog = tmp_path / "es" / "LC_MESSAGES" / "djangojs.mo"
    catalog.parent.mkdir(parents=True)
    settings.LOCALE_PATHS = [tmp_path]
    catalog.write_bytes(b"one")
    first = catalog_version("es")
    catalog_version.cache_clear()
    catalog.write_bytes(b"two")
    assert catalog_version("es") != first
