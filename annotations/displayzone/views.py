"""/accounts/settings/: a signed-in person's display settings; /i18n/setlang/: the language switcher."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n
from django.views.decorators.http import require_POST

from . import services
from .core import is_language, zone_names


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
