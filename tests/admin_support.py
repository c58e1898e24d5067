"""Helpers shared by the admin tests: form payloads, changelist rows, messages."""

import re

from django.contrib.admin.templatetags.admin_list import results
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import strip_tags

CHANGELIST = "admin:annotations_annotation_changelist"
QUEUE = "admin:annotations_annotation_review_queue"


def change_url(annotation) -> str:
    return reverse("admin:annotations_annotation_change", args=[annotation.pk])


def form_data(response) -> dict:
    """Return what a browser would post back from an admin change or add page, unchanged."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
                continue
            data[bound.html_name] = "" if value is None else value

    add(response.context["adminform"].form)
    inlines = response.context.get("inline_admin_formsets") or []
    for inline in inlines:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def _cell_text(cell: str) -> str:
    """Return a cell's text; boolean icons read as their alt text (True/False)."""
    cell = re.sub(r'<img [^>]*alt="([^"]*)"[^>]*>', r"\1", cell)
    return " ".join(strip_tags(cell).split())


def changelist_rows(response) -> list[list[str]]:
    """Return the changelist's rows as lists of cell texts (without the checkbox column)."""
    skip = 1 if response.context["action_form"] is not None else 0
    return [[_cell_text(cell) for cell in row][skip:] for row in results(response.context["cl"])]


def changelist_ids(response) -> list[int]:
    return [annotation.pk for annotation in response.context["cl"].result_list]


def messages_of(response) -> list[tuple[str, str]]:
    """Return the (level, text) of the messages a response carries."""
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


def action(client, name: str, objects, url_name: str = CHANGELIST, **extra):
    """Post a changelist action on objects and follow the redirect."""
    return client.post(
        reverse(url_name),
        {"action": name, "_selected_action": [obj.pk for obj in objects], **extra},
        follow=True,
    )


def review_action(client, name: str, objects, *, versions=None, **extra):
    """Confirm a review action on objects at the versions seen (their current ones by default)."""
    seen = versions or {obj.pk: type(obj).objects.get(pk=obj.pk).version for obj in objects}
    return action(
        client, name, objects, apply="1",
        **{f"version-{pk}": version for pk, version in seen.items()}, **extra,
    )


def empty_inlines() -> dict:
    """Management forms of an annotation's inlines with no rows."""
    data = {}
    for prefix in ("attributions", "evidence"):
        data.update({
            f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        })
    return data
