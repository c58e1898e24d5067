"""Forms used only by the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations import selectors
from annotations.models import Annotation, Source
from annotations.suggestions.aliases import clean_aliases
from annotations.textguard.core import skeleton

from .base import stale_message


class AnnotationAddForm(forms.ModelForm):
    """A new annotation: the quote, placed by its offsets or found in the body."""

    class Meta:
        model = Annotation
        fields = ["article", "start", "end", "quote", "claim", "rating", "rationale"]
        widgets = {"claim": forms.Textarea(attrs={"rows": 2, "cols": 80})}
        help_texts = {
            "quote": _("The highlighted text, exactly as in the article body."),
            "start": _("Leave start and end empty to find the quote in the body."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].required = False
        self.fields["end"].required = False


class AnnotationChangeForm(forms.ModelForm):
    """Edit an annotation's claim; the version it was read at travels with the form."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Annotation
        fields = ["claim", "rating", "rationale"]
        widgets = {"claim": forms.Textarea(attrs={"rows": 2, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if expected is not None and expected != self.instance.version:
            raise ValidationError(stale_message(self.instance, expected), code="stale")
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Why are they returned?"), widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("The authors see this comment on their drafts; it is kept in the history."),
    )


class SubmitForm(forms.Form):
    """Submitting takes no comment; the versions travel with the confirmation page."""


class VerifyForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Kept in the history; for a correction of a published claim it is the "
        "public reason in the correction note."),
    )


class ReviewDecisionForm(forms.Form):
    """One decision taken in the review queue, on the version the editor saw."""

    annotation = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("return", _("Return"))])
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", gettext("Say why the annotation is returned."))
        return cleaned


class MergeSourcesForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Source.objects.none(), widget=forms.RadioSelect, empty_label=None,
        label=_("Keep this source"),
        help_text=_("The others are deleted; their attributions and articles move to it."),
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = sources


class AliasesField(forms.CharField):
    """Aliases edited one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        return clean_aliases(super().to_python(value))


class SourceAdminForm(forms.ModelForm):
    aliases = AliasesField(
        required=False, help_text=_("One per line: other names the source goes by (“Trump”, “POTUS”).")
    )

    create_anyway = forms.BooleanField(
        required=False, label=_("Create it anyway"),
        help_text=_("Tick to create this source although stored sources have close names."),
    )

    class Meta:
        model = Source
        fields = ["aliases"]  # the admin adds the others

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name", "")
        if self.instance.pk is None and name and not cleaned.get("create_anyway"):
            # The same name in other letter forms is the service's to refuse, with its message.
            close = [
                (pk, other) for pk, other in Source.objects.filter(
                    pk__in=selectors.similar_source_ids(name)).values_list("id", "name")
                if skeleton(other) != skeleton(name)
            ]
            if close:
                listed = ", ".join(
                    gettext("“%(name)s” (id %(id)s)") % {"name": other, "id": pk} for pk, other in close
                )
                self.add_error("name", gettext(
                    "Did you mean: %(sources)s? Use that source, or tick “Create it anyway” to "
                    "create a new one."
                ) % {"sources": listed})
        return cleaned
