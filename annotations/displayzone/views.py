"""/accounts/settings/: a signed-in person's display settings; /i18n/setlang/: the language switcher."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog

from . import services
from .core import catalog_version, is_language, zone_names

# The interface strings of static/annotations/js: the djangojs catalogs of LOCALE_PATHS
# (naming our app keeps the admin's own strings out).
_catalog = JavaScriptCatalog.as_view(packages=["annotations"])
YEAR = 365 * 24 * 3600


class DisplaySettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Interface language"), required=False,
        help_text=gettext_lazy(
            "Articles and claims keep their own language; this changes the pages around them."
        ),
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Show times in"), required=False,
        help_text=gettext_lazy(
            "Times are stored in UTC; every page shows them in this zone, with the zone named."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The browser's language")),
            *((code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES),
        ]
        self.fields["time_zone"].choices = [
            ("", _("The newsroom's zone (%(zone)s)") % {"zone": settings.TIME_ZONE}),
            *((name, name) for name in zone_names()),
        ]


@login_required
def display_settings(request):
    if request.method == "POST":
        form = DisplaySettingsForm(request.POST)
        if form.is_valid():
            zone = form.cleaned_data["time_zone"]
            language = form.cleaned_data["language"]
            services.display_zone_set(request=request, user=request.user, time_zone=zone)
            services.language_set(request=request, user=request.user, language=language)
            # Said in the language just chosen, as the next page will be.
            with translation.override(language or translation.get_language()):
                said = _("Saved: times are now shown in %(zone)s.") % {"zone": zone or settings.TIME_ZONE}
                messages.success(request, said)
            return redirect("display-settings")
    else:
        form = DisplaySettingsForm(
            initial={
                "time_zone": services.zone_of(user=request.user),
                "language": services.language_of(user=request.user),
            }
        )
    return render(request, "registration/display_settings.html", {"form": form})


@require_POST
def set_language(request):
    """Django's set_language (cookie and redirect), the choice also kept for a signed-in person."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "")
    if request.user.is_authenticated and is_language(language):
        services.language_set(request=request, user=request.user, language=language)
    return response


def javascript_catalog_negotiated(request):
    """The script catalog in the request's language (the person's, the cookie's, the browser's)."""
    return _catalog(request)


def javascript_catalog(request, language: str, version: str):
    """One language's script catalog at an address that names its version: cached for a year.

    Pages link the current version (`catalog_version`); an address with an older one (a page
    from before a deployment) gets today's catalog, not to be cached.
    """
    if not is_language(language):
        raise Http404
    with translation.override(language):
        response = _catalog(request)
    response["Content-Language"] = language
    if version == catalog_version(language):
        # Browsers keep it for a year; the session and language middleware still add
        # `Vary: Cookie, Accept-Language`, so a new session cookie fetches it once more.
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response
