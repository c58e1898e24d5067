"""What every admin here shares: writes go through the services, history is read-only."""

from collections.abc import Iterable, Mapping

from django.contrib import messages
from django.contrib.admin import widgets
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, router
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import localize
from django.utils.text import Truncator, smart_split, unescape_string_literal
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from annotations import services
from annotations.models import Annotation


class ServiceRefusal(Exception):
    """A service refused a write that the admin form had accepted."""

    def __init__(self, errors: Mapping[str | None, list[str]]):
        super().__init__("; ".join(message for items in errors.values() for message in items))
        self.errors = dict(errors)


def stale_message(current: Annotation, expected: int) -> str:
    who = current.history.select_related("history_user").first()
    values = {
        "user": who.history_user if who else None, "when": localize(localtime(current.updated_at)),
        "expected": expected, "version": current.version,
    }
    if values["user"]:
        return _(
            "This annotation was changed by %(user)s at %(when)s since you opened it (you edited "
            "version %(expected)s, it is now at version %(version)s). Nothing was saved: reload "
            "the page to see the changes, then make your edit again."
        ) % values
    return _(
        "This annotation was changed at %(when)s since you opened it (you edited version "
        "%(expected)s, it is now at version %(version)s). Nothing was saved: reload the page "
        "to see the changes, then make your edit again."
    ) % values


def _flatten(value, label: str = "") -> Iterable[str]:
    """Yield the messages of a (possibly nested) error structure, labelled by their path."""
    if isinstance(value, ValidationError):
        value = value.message_dict if hasattr(value, "error_dict") else value.messages
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, f"{label} {key}".strip() if key != "__all__" else label)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten(item, label)
    else:
        yield f"{label}: {value}" if label else str(value)


def refusal_errors(error: Exception, *, version: int | None = None) -> dict[str | None, list[str]]:
    """Return form errors (field name, or None for the whole form) for a service's refusal."""
    if isinstance(error, services.StaleVersion):
        return {None: [stale_message(error.current, version if version is not None else 0)]}
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return {
            (None if field == "__all__" else field): list(_flatten(error.error_dict[field]))
            for field in error.error_dict
        }
    if isinstance(error, ValidationError):
        return {None: error.messages}
    return {None: [str(error) or _("You may not do this.")]}


def refusal_message(error: Exception) -> str:
    """Return a service's refusal as one sentence for a message."""
    if isinstance(error, services.StaleVersion):
        return _("it changed meanwhile (now version %(version)s); reload and try again") % {
            "version": error.current.version
        }
    parts = []
    for field, items in refusal_errors(error).items():
        parts.extend(f"{field}: {item}" if field else item for item in items)
    return " ".join(parts)


def describe(annotation: Annotation) -> str:
    return f"#{annotation.pk} “{Truncator(str(annotation)).chars(60)}”"


# Links typed without a scheme are taken as https (Django 6's default, asked for now).
FORMFIELD_OVERRIDES = {
    models.URLField: {"widget": widgets.AdminURLFieldWidget, "assume_scheme": "https"},
}

REFUSED = (PermissionDenied, ValidationError, services.StaleVersion, services.Conflict)


class _RefusedForm:
    """Carry errors from a refused save onto the re-rendered form."""

    service_errors: dict[str | None, list[str]] = {}

    def clean(self):
        cleaned = super().clean()
        for field, items in self.service_errors.items():
            shown = self.errors.get(field if field in self.fields else "__all__", [])
            fresh = [item for item in items if item not in shown]
            if fresh:
                self.add_error(field if field in self.fields else None, fresh)
        return cleaned


class _HistoryDisplay(HistoricalRecordContextHelper):
    """Show an empty foreign key in a history diff as a dash, not as a deleted object."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject) and value.pk is None:
            return "—"
        return super().prepare_delta_change_value(change, value)


def require_key(model, value: str, field=None) -> None:
    """Raise Http404 unless value (from a URL) can be a key of the model's pk (or of field).

    The history views look ids up as given: "abc" would raise ValueError and an id
    beyond the column's range OverflowError (SQLite) instead of answering not found.
    """
    field = field or model._meta.pk
    try:
        key = field.to_python(unquote(value))
    except ValidationError as error:
        raise Http404 from error
    if isinstance(key, int):
        ops = connections[router.db_for_read(model)].ops
        low, high = ops.integer_field_range(field.get_internal_type())
        if not (low is None or low <= key) or not (high is None or key <= high):
            raise Http404


# Each search word is OR-ed across every search field and AND-ed with the others: a
# thousand words built an expression tree too deep for SQLite (a 500) and a slow query
# anywhere. Nobody types more than a handful of words into an admin search box.
MAX_SEARCH_TERMS = 10
MAX_SEARCH_TERM_LENGTH = 100


def bounded_search(search_term: str) -> tuple[str, bool]:
    """Return the search limited to its first words, each shortened; and whether it was cut.

    Words are split as the admin splits them ("quoted phrases" count as one word).
    """
    terms, cut = [], False
    for index, term in enumerate(smart_split(search_term)):
        if index == MAX_SEARCH_TERMS:
            cut = True
            break
        quoted = len(term) > 1 and term[0] in "\"'" and term[0] == term[-1]
        text = unescape_string_literal(term) if quoted else term
        if len(text) > MAX_SEARCH_TERM_LENGTH:
            cut = True
            text = text[:MAX_SEARCH_TERM_LENGTH]
            term = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if quoted else text
        terms.append(term)
    return (" ".join(terms), cut) if cut else (search_term, False)


class BoundedSearchMixin:
    """Search changelists and autocompletes with at most MAX_SEARCH_TERMS words, saying so."""

    def get_search_results(self, request, queryset, search_term):
        bounded, cut = bounded_search(search_term)
        if cut and not _is_autocomplete(request) and not getattr(request, "_search_cut_told", False):
            request._search_cut_told = True
            self.message_user(
                request,
                _(
                    "Only the first %(words)s search words were used, each up to %(characters)s "
                    "characters; the rest of the search was ignored."
                ) % {"words": MAX_SEARCH_TERMS, "characters": MAX_SEARCH_TERM_LENGTH},
                messages.WARNING,
            )
        return super().get_search_results(request, queryset, bounded)


def _is_autocomplete(request) -> bool:
    # The autocomplete answers JSON; a message would surface on the next page instead.
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


class ServiceAdmin(BoundedSearchMixin, SimpleHistoryAdmin):
    """Admin whose saves call the services; their refusals show up as form errors.

    Subclasses write in save_model/save_related and raise ServiceRefusal there. The
    change view's transaction then rolls back and the same POST is rendered again,
    with the refusal attached to the form, so nothing the services refuse is saved
    and the user keeps what they typed. History is shown but can never be changed.
    """

    formfield_overrides = FORMFIELD_OVERRIDES

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefusal as refusal:
            request.service_errors = refusal.errors
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        errors = getattr(request, "service_errors", None)
        if errors:
            form = type(form.__name__, (_RefusedForm, form), {"service_errors": errors})
        return form

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceRefusal as refusal:
            self.message_user(
                request, _("Not deleted: %(reason)s") % {"reason": refusal}, messages.ERROR
            )
            opts = self.opts
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[object_id], current_app=self.admin_site.name,
                )
            )

    def get_actions(self, request):
        # Bulk delete would bypass the services' rules; objects are deleted one at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # History: visible to whoever may view the object, never reverted or edited.

    def get_historical_record_context_helper(self, request, historical_record):
        return _HistoryDisplay(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return True

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        require_key(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(_("History cannot be changed."))
        require_key(self.model, object_id)
        require_key(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def copy_saved(target, saved) -> None:
    """Make the admin's unsaved instance the object a service saved (for its redirects)."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db
