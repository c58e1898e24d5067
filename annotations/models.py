import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.base import ModelState
from django.db.models.functions import Lower
from django.db.models.signals import post_init, pre_init
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import anchoring, languages
from .suggestions.aliases import clean_aliases, validate_aliases
from .textguard.core import same_name_key, skeleton
from .textguard.fields import clean_instance
from .urlnorm import normalize_url
from .vocabulary import RATING_SCALE, Rating  # noqa: F401 (RATING_SCALE: read through models too)

http_url = URLValidator(schemes=["http", "https"])


class HttpURLField(models.URLField):
    """An http(s) URL, checked by the validators it is given (http_url) alone: URLField's own
    validator, which takes ftp as well, would check every URL a second time."""

    default_validators = []

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class ReadInBulk(models.Model):
    """A model whose rows read from the database are built without Model.__init__.

    Pages and exports read thousands of rows; Django builds each through __init__, which
    sets every field through its descriptor and sends pre_init and post_init: a sixth of
    reading a page of 1,000 annotations with their children. A row read is only its
    columns, so it is built from them directly, as Django would build it (deferred fields
    left out), while nothing listens to those signals (an ImageField would).
    tests/test_read_in_bulk.py pins it to Model.from_db.
    """

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        if pre_init.receivers or post_init.receivers:
            return super().from_db(db, field_names, values)
        row = cls.__new__(cls)
        row.__dict__.update(zip(field_names, values, strict=True))
        row._state = state = ModelState()
        state.adding, state.db = False, db
        return row


def _history(**options) -> HistoricalRecords:
    """Return the history of a model; its reasons quote names of any length, so they are text."""
    # simple-history's default reason is varchar(100): a rename of a source with a realistic
    # name overflows it on PostgreSQL. A new field per model (fields cannot be shared).
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True), **options)


class Source(ReadInBulk):
    """A party that makes, reports, confirms or denies claims."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organization")
        NEWS_OUTLET = "news_outlet", _("News outlet")
        GOVERNMENT = "government", _("Government body")
        ANONYMOUS = "anonymous", _("Anonymous source")
        DOCUMENT = "document", _("Document")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    url = HttpURLField(_("URL"), blank=True, validators=[http_url])
    same_as = HttpURLField(
        _("same as"), blank=True, validators=[http_url],
        help_text=_("An authority page for this source, e.g. its Wikidata entry."),
    )
    description = models.TextField(_("description"), blank=True)
    aliases = models.JSONField(
        _("aliases"), default=list, blank=True,
        help_text=_("Other names the source goes by (\"Trump\", \"POTUS\"); suggestions match them."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = _history()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name", "id"]
        constraints = [
            # Sources are matched by name, whatever the case, when clients name them.
            models.UniqueConstraint(Lower("name"), name="source_unique_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The name and the aliases are reported together, as field errors would be.
        errors = {}
        try:
            self._clean_name()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        # Checked here rather than by a field validator, so that migrations (which freeze a
        # field's validators) need not import this code.
        try:
            validate_aliases(self.aliases)
        except ValidationError as error:
            errors["aliases"] = error.messages
        else:
            self.aliases = clean_aliases(self.aliases)
        if errors:
            raise ValidationError(errors)

    def _clean_name(self):
        # Before the uniqueness check, so a look-alike of a stored name is caught (admin forms too).
        given = self.name
        clean_instance(self)
        if not self.name:
            if given:  # an empty name is refused as blank already
                raise ValidationError({"name": "A source needs a name with visible characters."})
            return
        same = Source.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        existing = same.values_list("pk", flat=True).first()
        if existing is not None:
            raise ValidationError({"name": f"Source {existing} has this name already."})
        # Only a new name is compared: sources stored before the check, or being merged, keep theirs.
        renamed = self._state.adding or Source.objects.filter(pk=self.pk).exclude(name=self.name).exists()
        lookalikes = source_lookalikes(self.name, exclude_pk=self.pk) if renamed else []
        if lookalikes:
            raise ValidationError({"name": lookalike_message(lookalikes[0])})


def source_lookalikes(name: str, *, exclude_pk: int | None = None) -> list[Source]:
    """Return the stored sources whose names look like `name` without being it (case aside).

    Look-alike: the same skeleton (textguard.core.skeleton): "Dоnald Trump" with a Cyrillic
    о, "Ｄｏｎａｌｄ Ｔｒｕｍｐ" in fullwidth letters, invisible characters between letters.
    Sources are few enough (thousands) to compare in Python; each skeleton is cached.
    Those that are the same name once NFKC-normalized come first.
    """
    key, lowered = skeleton(name), name.lower()
    found = [
        Source(pk=pk, name=existing)
        for pk, existing in Source.objects.exclude(pk=exclude_pk).values_list("pk", "name")
        if skeleton(existing) == key and existing.lower() != lowered
    ]
    same = same_name_key(name)
    return sorted(found, key=lambda source: (same_name_key(source.name) != same, source.pk))


def lookalike_message(existing: Source) -> str:
    return gettext("This name looks like the existing source “%(name)s” (id %(id)s).") % {
        "name": existing.name, "id": existing.pk,
    }


class Article(models.Model):
    """A news article; its normalized body is what every annotation offset points into."""

    title = models.CharField(_("title"), max_length=500)
    url = HttpURLField(
        _("URL"), max_length=1000, blank=True, validators=[http_url],
        help_text=_("Where the article was published; stored normalized, unique when given."),
    )
    # Deleting a publisher that articles name would leave them unattributed.
    publisher = models.ForeignKey(
        Source, verbose_name=_("publisher"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="published_articles",
    )
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=16, default=languages.DEFAULT,
        help_text=_("A BCP 47 language tag such as en or pt-BR; detected from the text when not given."),
    )
    body = models.TextField(
        _("body"), help_text=_("Plain text, NFC, \\n line endings, paragraphs separated by a blank line.")
    )
    body_sha256 = models.CharField(_("body SHA-256"), max_length=64, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = _history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_unique_url"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_sha256 = hashlib.sha256(self.body.encode()).hexdigest()
        super().save(*args, **kwargs)

    def clean(self):
        self.url = normalize_url(self.url)
        self.body = anchoring.normalize_body(self.body)
        if not self.body.strip():
            raise ValidationError({"body": "The body must not be empty."})
        self.language = clean_language(self.language)


def clean_language(value: str) -> str:
    """Return a language tag written the canonical way; raise ValidationError for anything else."""
    try:
        return languages.normalize(value)
    except languages.InvalidTag as error:
        raise ValidationError({"language": str(error)}) from error


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    VERIFIED = "verified", _("Verified")


class AnchorState(models.TextChoices):
    ANCHORED = "anchored", _("Anchored")
    FUZZY = "fuzzy", _("Re-attached to edited text")
    ORPHANED = "orphaned", _("Orphaned")


class Annotation(ReadInBulk):
    """One highlighted claim in an article, with its rating and review."""

    # Articles with verified claims are refused deletion by the service layer.
    # No index of its own: the (article, start, end, id) index below serves lookups by article.
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="annotations",
        db_index=False,
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("First code point of the span."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Code point just past the span."))
    # Text fields carry caps (checked by the API and admin forms) so that one request
    # cannot cost unbounded time and memory; a claim's quote is a sentence or a few.
    quote = models.TextField(
        _("quote"), max_length=10_000, help_text=_("The highlighted text, body[start:end].")
    )
    prefix = models.CharField(_("prefix"), max_length=32, blank=True)
    suffix = models.CharField(_("suffix"), max_length=32, blank=True)
    claim = models.CharField(
        _("claim"), max_length=1000, blank=True, help_text=_("The claim restated in a short sentence.")
    )
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    rationale = models.TextField(_("rationale"), max_length=10_000, blank=True)
    language = models.CharField(
        _("language"), max_length=16, default=languages.DEFAULT,
        help_text=_("The claim's language tag; its article's language when it was made, unless given."),
    )
    review_state = models.CharField(
        _("review state"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    review_comment = models.TextField(
        _("review comment"), blank=True, help_text=_("Why the annotation was last returned.")
    )
    same_as = models.JSONField(
        _("same as"), default=list, blank=True,
        help_text=_("Known claims a reviewer marked as this same claim: [{kind, id, url}]."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="annotations_created",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last edited by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Who last changed the span, claim, rating, rationale, attributions or evidence."),
    )
    editors = models.TextField(
        _("edited since verification"), blank=True, default="", editable=False,
        help_text=_("The ids of everyone who changed it since it was last verified (since it was "
        "made, if never), as ,3,17, (see rules.editors_since_verification); none of them may "
        "verify it. Empty: not kept for this row, its author and last editor stand for them."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="annotations_reviewed",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Bumped on every write.")
    )
    anchor_state = models.CharField(
        _("anchor state"), max_length=10, choices=AnchorState.choices, default=AnchorState.ANCHORED,
        help_text=_("Whether the quote was found again in the current body after it changed."),
    )
    revision = models.PositiveIntegerField(
        _("revision"), default=1,
        help_text=_("The body revision the offsets and quote were placed in."),
    )
    previous_quote = models.TextField(
        _("previous quote"), blank=True, help_text=_("The quote before a fuzzy re-anchoring changed it.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    history = _history()

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["article_id", "start", "end", "id"]
        permissions = [("verify_annotation", "Can verify or return others' annotations")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="annotation_start_before_end"
            ),
        ]
        indexes = [
            # The annotation list's order, so that a page is read from the index without a sort.
            models.Index(fields=["article", "start", "end", "id"]),
            models.Index(fields=["review_state", "id"]),
        ]

    def __str__(self):
        return self.claim or self.quote[:80]

    def clean(self):
        self.language = clean_language(self.language)
        if self.article_id is None or self.start is None or self.end is None:
            return
        if self.anchor_state == AnchorState.ORPHANED:
            return  # its offsets point into the revision it was made on, not the current body
        try:
            anchoring.validate_span(self.article.body, self.start, self.end, self.quote)
        except anchoring.AnchoringError as error:
            raise ValidationError({error.field: str(error)}) from error


class Attribution(ReadInBulk):
    """Who a claim comes from, and who confirmed or denied it."""

    class Stance(models.TextChoices):
        ASSERTED = "asserted", _("asserted")
        REPORTED = "reported", _("reported")
        CONFIRMED = "confirmed", _("confirmed")
        DENIED = "denied", _("denied")
        DISPUTED = "disputed", _("disputed")
        NO_RESPONSE = "no_response", _("did not respond")

    annotation = models.ForeignKey(
        Annotation, verbose_name=_("annotation"), on_delete=models.CASCADE, related_name="attributions"
    )
    # A source cited by attributions is kept; merge duplicates instead of deleting.
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="attributions"
    )
    stance = models.CharField(_("stance"), max_length=20, choices=Stance.choices)
    url = HttpURLField(_("URL"), max_length=1000, blank=True, validators=[http_url])
    date = models.DateField(_("date"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2_000, blank=True)
    history = _history()

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        ordering = ["annotation_id", "id"]

    def __str__(self):
        return f"{self.source} ({self.stance})"


class Evidence(ReadInBulk):
    """A document that supports, refutes or gives context to a claim."""

    class Relation(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        REFUTES = "refutes", _("refutes")
        CONTEXT = "context", _("context")

    annotation = models.ForeignKey(
        Annotation, verbose_name=_("annotation"), on_delete=models.CASCADE, related_name="evidence"
    )
    url = HttpURLField(_("URL"), max_length=1000, validators=[http_url])
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    excerpt = models.TextField(_("excerpt"), max_length=5_000, blank=True)
    relation = models.CharField(
        _("relation"), max_length=20, choices=Relation.choices, default=Relation.CONTEXT
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    history = _history()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["annotation_id", "id"]

    def __str__(self):
        return self.title or self.url


from .alerts.models import Alert  # noqa: E402, F401
from .apikeys.models import ApiKey  # noqa: E402, F401
from .displayzone.models import DisplaySettings  # noqa: E402, F401
from .ingest.models import ArticleRevision, ArticleWatch  # noqa: E402, F401
from .jobs.models import Job  # noqa: E402, F401
from .matching.models import ClaimReviewRecord, KnownClaim  # noqa: E402,F401
from .publishing.models import Correction, PublicProfile, PublishedAttribution, PublishedClaim  # noqa: E402,F401
from .ratelimit.models import RateCounter  # noqa: E402, F401
from .suggestions.models import SuggestionDismissal, SuggestionSet  # noqa: E402,F401
