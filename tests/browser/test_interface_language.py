"""The article page's scripts speak the reader's language (the django_language cookie): the
panel, the list and the history in Spanish or Arabic, dates and numbers written the same way."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import drag_over

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "screenshots"
DEMO = (REPO / "annotations" / "fixtures" / "demo_article.txt").read_text()


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
"""


def choose_language(context, live_server, code):
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])


def test_the_article_page_in_spanish_writes_the_panel_in_spanish(
    page, context, live_server, login, open_article, reviewer, draft
):
    context.add_init_script(RECORD_VIOLATIONS)
    login(reviewer)
    choose_language(context, live_server, "es")
    open_article(draft.article)

    page.click(f"#annotation-list [data-annotation='{draft.pk}']")

    # The catalog is a script of our own origin: the policy lets it run.
    assert page.evaluate("window.__cspViolations") == []
    expect(page.locator("#panel-heading")).to_have_text(f"Anotación {draft.pk}")
    expect(page.locator("#panel-status")).to_contain_text("Versión 1")
    expect(page.locator("[data-action=submit-review]")).to_have_text("Enviar a revisión")
    expect(page.locator("[data-action=show-delete]")).to_have_text("Eliminar…")
    expect(page.locator("#history-items")).to_contain_text(f"{reviewer.username} creó la anotación (v1)")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "interface-es-panel.png"), full_page=True)

    page.keyboard.press("Escape")
    drag_over(page, "a story by the Financial Times")
    expect(page.locator("#panel-heading")).to_have_text("Nueva anotación")
    claim = page.locator("#f-claim")
    expect(claim).to_have_attribute("placeholder", "Reformule la afirmación con sus propias palabras")
    page.click("[data-action=save]")
    expect(page.locator("#f-claim-error")).to_have_text(
        "Escriba la afirmación con sus propias palabras antes de guardar.")


def test_the_article_page_in_arabic_writes_the_panel_in_arabic(
    page, context, live_server, login, open_article, reviewer, draft
):
    login(reviewer)
    choose_language(context, live_server, "ar")
    open_article(draft.article)

    page.click(f"#annotation-list [data-annotation='{draft.pk}']")

    expect(page.locator("#panel-heading")).to_have_text(f"التعليق التوضيحي {draft.pk}")
    expect(page.locator("[data-action=submit-review]")).to_have_text("إرسال للمراجعة")
    expect(page.locator("#history-items")).to_contain_text("أنشأ التعليق التوضيحي")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "interface-ar-panel.png"), full_page=True)


def test_the_suggestions_count_and_act_in_spanish(page, context, live_server, login, open_article, reviewer):
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    choose_language(context, live_server, "es")
    open_article(article)

    page.click("[data-action=toggle-suggestions]")

    status = page.locator("#suggestion-status")
    expect(status).to_have_text(re.compile(r"^\d+ atribuciones sugeridas, \d+ aún sin anotar\.$"))
    peskov = page.locator("#suggestion-list > li").filter(has_text="Dmitry Peskov")
    expect(peskov.locator(".suggestion__meta")).to_contain_text("cita indirecta · expresión «")
    for name in ["Usar", "Cambiar la fuente", "Descartar", "Mostrar en el texto"]:
        expect(peskov.get_by_role("button", name=name, exact=True)).to_be_visible()
    peskov.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "interface-es-suggestions.png"))

    peskov.get_by_role("button", name="Usar", exact=True).click()
    expect(page.locator("#panel-heading")).to_have_text("Nueva anotación")
    rationale = page.locator("#f-rationale")
    expect(rationale).to_have_attribute("placeholder", re.compile(r"^Atribuida en: «Kremlin spokesperson"))


def test_english_readers_keep_the_english_strings(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)

    page.click(f"#annotation-list [data-annotation='{draft.pk}']")

    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {draft.pk}")
    expect(page.locator("#history-items")).to_contain_text("created the annotation (v1)")
    # The scripts are written in English: an English page asks for no catalog.
    assert page.locator("script[src^='/jsi18n/']").count() == 0
    assert page.evaluate("typeof window.django") == "undefined"


def test_scripts_write_dates_and_numbers_as_the_pages_language_does(page, login, reviewer, draft):
    login(reviewer)
    page.goto(f"/articles/{draft.article.pk}/")
    written = {}
    for language in ["en", "es", "fr", "pt-br", "ar"]:
        written[language] = page.evaluate(
            """async (language) => {
              document.documentElement.lang = language;
              document.documentElement.dataset.timeZone = "UTC";
              const dom = await import('/static/annotations/js/dom.js');
              const i18n = await import('/static/annotations/js/i18n.js');
              return [dom.formatDate('2025-10-22T22:42:00Z'), i18n.formatNumber(12345.5)];
            }""",
            language,
        )

    assert re.search(r"Oct", written["en"][0]) and written["en"][1] == "12,345.5"
    assert "oct" in written["es"][0] and written["es"][1] == "12.345,5"
    assert "oct." in written["fr"][0] and written["fr"][1] == "12\u202f345,5"
    assert "out." in written["pt-br"][0] and written["pt-br"][1] == "12.345,5"
    assert "أكتوبر" in written["ar"][0]
