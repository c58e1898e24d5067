"""/accounts/settings/: a signed-in person's display settings."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from . import services
from .core import zone_names


class DisplaySettingsForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Show times in", required=False,
        help_text="Times are stored in UTC; every page shows them in this zone, with the zone named.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", f"The newsroom's zone ({settings.TIME_ZONE})"), *((name, name) for name in zone_names()),
        ]


@login_required
def display_settings(request):
    if request.method == "POST":
        form = DisplaySettingsForm(request.POST)
        if form.is_valid():
            zone = form.cleaned_data["time_zone"]
            services.display_zone_set(request=request, user=request.user, time_zone=zone)
            messages.success(request, f"Saved: times are now shown in {zone or settings.TIME_ZONE}.")
            return redirect("display-settings")
    else:
        form = DisplaySettingsForm(initial={"time_zone": services.zone_of(user=request.user)})
    return render(request, "registration/display_settings.html", {"form": form})
