"""What a new annotation will be, checked and anchored before anything is written.

`plan_annotation(item, ctx)` is the one path of every create: a single create plans one
item, a bulk create many, and `storage.insert_annotations(plans, user=...)` writes them.
A `Context` reads once, for all the items, what planning needs: the articles with their
current revision and the cited sources. Every plan is validated as the models say
(`recording.clean`), whoever checked the input before.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from . import anchoring, recording, rules, selectors
from .models import Annotation, Article, Attribution, Evidence, Source
from .textguard import fields as textguard
from .textguard.core import normalize_name

SPAN_FIELDS = ("start", "end", "quote", "prefix", "suffix")
# What a person writes on an annotation besides its span, attributions and evidence.
CONTENT_FIELDS = ("claim", "language", "rating", "rationale", "same_as")
ITEM_FIELDS = frozenset({"article", *SPAN_FIELDS, *CONTENT_FIELDS, "attributions", "evidence"})


@dataclass
class AnnotationPlan:
    """A new annotation and its new children, validated, not yet stored."""

    annotation: Annotation
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


class Context:
    """The articles and sources that items refer to, read with one query each, and the writer.

    `new_source(ref)` gives the source for a {"name", "kind"} reference that names no stored
    source (services.source_resolve: it may create one); each name is resolved once.
    """

    def __init__(self, items: Iterable[Mapping[str, Any]], *, user, new_source: Callable[[Mapping], Source]):
        items = list(items)
        self.user = user
        self._new_source = new_source
        given = [item["article"] for item in items]
        # An article read by selectors.article_for_annotating knows its current revision already.
        self.articles = {
            article.pk: article for article in given
            if isinstance(article, Article) and hasattr(article, "current_revision")
        }
        wanted = {ref.pk if isinstance(ref, Article) else ref for ref in given} - set(self.articles)
        self.articles.update(selectors.articles_for_annotating(wanted))
        refs = [attribution.get("source") for item in items for attribution in item.get("attributions") or ()]
        self.sources_by_id = {ref.pk: ref for ref in refs if isinstance(ref, Source)}
        # An id past what a column holds names no source (and would overflow the query).
        ids = {ref for ref in refs if type(ref) is int and 0 < ref < 2**63} - set(self.sources_by_id)
        self.sources_by_id.update(Source.objects.in_bulk(ids) if ids else {})
        names = {normalize_name(ref.get("name") or "").lower() for ref in refs if isinstance(ref, Mapping)}
        names.discard("")
        self.sources_by_name: dict[str, Source] = {}
        if names:
            for source in Source.objects.annotate(lowered=Lower("name")).filter(lowered__in=names):
                self.sources_by_name.setdefault(source.lowered, source)

    def article(self, ref) -> Article:
        pk = ref.pk if isinstance(ref, Article) else ref
        try:
            return self.articles[pk]
        except KeyError:
            raise ValidationError(
                {"article": _('Invalid pk "%(pk)s" - object does not exist.') % {"pk": pk}}
            ) from None

    def source(self, ref) -> Source:
        if isinstance(ref, Source):
            return ref
        if isinstance(ref, int):
            try:
                return self.sources_by_id[ref]
            except KeyError:
                raise ValidationError(
                    {"source": _("There is no source with id %(id)s.") % {"id": ref}}
                ) from None
        if not isinstance(ref, Mapping):
            raise ValidationError({"source": _("This field is required.")})
        key = normalize_name(ref.get("name") or "").lower()
        if key not in self.sources_by_name:
            self.sources_by_name[key] = self._new_source(ref)
        return self.sources_by_name[key]


def plan_annotation(item: Mapping[str, Any], ctx: Context) -> AnnotationPlan:
    """Validate and anchor a new draft annotation (`item`: the create fields, "article" an
    Article or its id); raise ValidationError naming the field at fault."""
    unknown = set(item) - ITEM_FIELDS
    if unknown:
        raise ValidationError({field: _("This field cannot be set.") for field in sorted(unknown)})
    user = ctx.user
    article = ctx.article(item["article"])
    annotation = Annotation(
        article=article, created_by=user, edited_by=user, revision=article.current_revision or 1,
        **{field: item[field] for field in CONTENT_FIELDS if item.get(field) is not None},
    )
    # A claim is in its article's language unless it is said to be in another ("" or absent).
    annotation.language = item.get("language") or article.language
    annotation.editors = rules.editors_with(annotation, user)
    anchor(annotation, start=item.get("start"), end=item.get("end"), quote=item.get("quote"),
           prefix=item.get("prefix", ""), suffix=item.get("suffix", ""))
    recording.clean(annotation)
    plan = AnnotationPlan(annotation)
    for index, values in enumerate(item.get("attributions") or ()):
        try:
            values = {**values, "source": ctx.source(values.get("source"))}
        except ValidationError as error:
            raise item_error("attributions", index, error) from error
        plan.attributions.append(new_child(annotation, Attribution, "attributions", index, values))
    for index, values in enumerate(item.get("evidence") or ()):
        # New evidence is credited to the writer.
        plan.evidence.append(new_child(annotation, Evidence, "evidence", index, {"added_by": user, **values}))
    return plan


def new_child(annotation: Annotation, model, related_name: str, index: int, values: Mapping[str, Any]):
    """A new attribution or evidence of the annotation, its texts guarded and validated."""
    values = dict(values)
    pk = values.pop("id", None)
    if pk is not None:  # a new annotation has no children to keep
        raise no_such_child(related_name, index, pk)
    child = model(annotation=annotation, **{
        name: textguard.clean_value(model, name, value) for name, value in values.items()
    })
    try:
        recording.clean(child)
    except ValidationError as error:
        raise item_error(related_name, index, error) from error
    return child


def anchor(annotation: Annotation, *, start, end, quote, prefix, suffix) -> None:
    """Place the annotation from start/end (checked against quote) or from quote alone."""
    body = annotation.article.body
    # Bodies are stored in NFC; a client's decomposed "é" must still find the stored one.
    quote, prefix, suffix = (
        anchoring.normalize_body(text) if text else text for text in (quote, prefix, suffix)
    )
    try:
        if start is None and end is None:
            if not quote:
                raise anchoring.AnchoringError(_("Give start and end, or a quote to anchor."))
            start, end = anchoring.locate(body, quote, prefix or "", suffix or "")
        elif start is None or end is None:
            missing = "start" if start is None else "end"
            raise anchoring.AnchoringError(
                _("%(field)s is required with the other offset.") % {"field": missing}, missing
            )
        else:
            anchoring.validate_span(body, start, end, quote)
    except anchoring.AnchoringError as error:
        raise ValidationError({error.field: str(error)}) from error
    annotation.start, annotation.end = start, end
    selector = anchoring.quote_selector(body, start, end)
    annotation.quote, annotation.prefix, annotation.suffix = selector.exact, selector.prefix, selector.suffix


def item_error(related_name: str, index: int, error: ValidationError) -> ValidationError:
    return ValidationError({
        related_name: [
            _("item %(index)s, %(field)s: %(message)s") % {"index": index, "field": field, "message": message}
            for field, messages in error.message_dict.items() for message in messages
        ]
    })


def no_such_child(related_name: str, index: int, pk) -> ValidationError:
    return ValidationError({
        related_name: _("Item %(index)s: no %(name)s with id %(id)s here.")
        % {"index": index, "name": related_name, "id": pk}
    })
