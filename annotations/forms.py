import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import languages
from .ingest.clean import clean_text
from .ingest.models import ArticleRevision
from .models import Article, Source
from .urlnorm import normalize_url


class ArticleForm(forms.Form):
    """The fields a reviewer pastes to add an article; the service validates the rest."""

    title = forms.CharField(label=_("Title"), max_length=Article._meta.get_field("title").max_length)
    url = forms.URLField(
        label=_("URL"), required=False, assume_scheme="https",
        max_length=Article._meta.get_field("url").max_length,
        help_text=_("Where the article was published (http or https)."),
    )
    publisher = forms.CharField(
        label=_("Publisher"), required=False, max_length=Source._meta.get_field("name").max_length,
        help_text=_("A news outlet; an existing source of that name is reused."),
    )
    # A date and an optional time: a datetime-local input drops a date typed without a time.
    published_date = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )
    published_time = forms.TimeField(
        label=_("at (time, UTC)"), required=False, widget=forms.TimeInput(attrs={"type": "time"}),
        input_formats=["%H:%M", "%H:%M:%S"],
        help_text=_("Leave empty when only the date is known."),
    )
    byline = forms.CharField(
        label=_("Byline"), required=False, max_length=Article._meta.get_field("byline").max_length
    )
    language = forms.CharField(
        label=_("Language"), required=False, max_length=languages.MAX_LENGTH,
        help_text=_("A language tag such as es or pt-BR; left empty, the language the text reads as."),
    )
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), strip=False,
        help_text=_("Paste the article text; each line becomes a paragraph."),
    )
    origin = forms.ChoiceField(
        choices=[(ArticleRevision.Origin.MANUAL, "pasted"), (ArticleRevision.Origin.IMPORT, "imported")],
        initial=ArticleRevision.Origin.MANUAL, required=False, widget=forms.HiddenInput,
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        existing = Article.objects.filter(url=normalize_url(url)).values_list("pk", flat=True).first()
        if url and existing is not None:
            raise forms.ValidationError(_("Article %(number)s has this URL already.") % {"number": existing})
        return url

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(self.fields["body"].error_messages["required"])
        return clean_text(body)

    def clean_language(self):
        value = self.cleaned_data["language"]
        try:
            return languages.normalize(value) if value else ""
        except languages.InvalidTag as error:
            raise forms.ValidationError(str(error)) from None

    def clean_origin(self):
        return self.cleaned_data["origin"] or ArticleRevision.Origin.MANUAL

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("published_date"), cleaned.get("published_time")
        if time is not None and day is None and "published_date" not in self.errors:
            self.add_error("published_date", _("Give the date as well as the time."))
        return cleaned

    def published_at(self) -> datetime.datetime | None:
        """Return the publication moment; a date alone stands for its midnight."""
        day = self.cleaned_data.get("published_date")
        if day is None:
            return None
        time = self.cleaned_data.get("published_time") or datetime.time(0, 0)
        # In UTC whatever the reader's display zone: the import fills the time in UTC, and
        # a date alone stays that date.
        return timezone.make_aware(datetime.datetime.combine(day, time), datetime.UTC)

    def service_arguments(self) -> dict:
        """Return the cleaned data as keyword arguments for services.article_create."""
        data = dict(self.cleaned_data)
        del data["published_date"], data["published_time"]
        data["published_at"] = self.published_at()
        name = data.pop("publisher").strip()
        data["publisher"] = {"name": name, "kind": Source.Kind.NEWS_OUTLET} if name else None
        return data


class ArticleLanguageForm(forms.Form):
    """An article's language corrected on its page: a common language, or detected again ("")."""

    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, current: str, locale: str, **kwargs):
        super().__init__(*args, **kwargs)
        detect = ("", _("Detect from the text"))
        self.fields["language"].choices = [detect, *languages.choices(locale, current)]
        self.fields["language"].initial = current
