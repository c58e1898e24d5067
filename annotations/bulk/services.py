"""Create many annotations at once with the rules of a single create.

Every item is anchored and checked as `services.annotation_create` does it (the same
helpers); its fields have been checked once, by the API's BulkItemSerializer, which
holds the models' field rules. The rows and their history rows are then written with
one COPY (PostgreSQL) or bulk insert per table and one INSERT ... SELECT per history
table. All or nothing by default: one invalid item and nothing is stored.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower

from annotations import recording, rules, selectors, services, storage
from annotations.ingest.models import ArticleRevision
from annotations.models import Annotation, Article, Attribution, Evidence, Source
from annotations.textguard import fields as textguard
from annotations.textguard.core import normalize_name

MAX_ITEMS = 10_000
# Attributions and evidence in one request, all items together: ten per item on average,
# about three times what realistic annotations carry, so a full request stays seconds of work.
MAX_CHILDREN = 100_000


@dataclass
class BulkOutcome:
    """ids: the created ids in input order (None where an item was refused)."""

    ids: list[int | None]
    errors: list[dict] = field(default_factory=list)  # [{"index": i, "errors": {...}}]


class BulkRejected(Exception):
    """At least one item is invalid and the request is all or nothing."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} invalid item(s).")
        self.errors = errors


def _messages(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"non_field_errors": error.messages}


def _article_map(items) -> dict[int, Article]:
    ids = {item["article"] for item in items if item is not None}
    return Article.objects.in_bulk(ids) if ids else {}


def _revision_map(article_ids) -> dict[int, int]:
    rows = (
        ArticleRevision.objects.filter(article_id__in=article_ids)
        .values("article_id").annotate(n=Max("number")).values_list("article_id", "n")
    )
    return dict(rows)


class _Sources:
    """Resolves source references (ids or {"name", "kind"}) with a query per kind of reference."""

    def __init__(self, items, user):
        self.user = user
        refs = [
            attribution["source"] for item in items if item is not None
            for attribution in item.get("attributions") or ()
        ]
        # An id past what a column holds names no source (and would overflow the query).
        ids = {ref for ref in refs if isinstance(ref, int) and not isinstance(ref, bool) and 0 < ref < 2**63}
        self.by_id = selectors.sources_by_id(ids)
        names = {normalize_name(ref.get("name") or "").lower() for ref in refs if isinstance(ref, Mapping)}
        names.discard("")
        self.by_name = {}
        if names:
            for source in Source.objects.annotate(lowered=Lower("name")).filter(lowered__in=names):
                self.by_name.setdefault(source.lowered, source)

    def resolve(self, ref) -> Source:
        if isinstance(ref, Source):
            return ref
        if isinstance(ref, int):
            try:
                return self.by_id[ref]
            except KeyError:
                raise ValidationError({"source": f"There is no source with id {ref}."}) from None
        name = normalize_name(ref.get("name") or "")
        source = self.by_name.get(name.lower())
        if source is None:
            # A new name: created as a single create would, once for the whole request.
            source = services.source_resolve(ref, user=self.user)
            self.by_name[name.lower()] = source
        return source


def _child_rows(model, related_name: str, items) -> list[dict]:
    """New children as rows ({attname: value}), their texts guarded as a single create's are."""
    rows = []
    for index, item in enumerate(items):
        item = dict(item)
        pk = item.pop("id", None)
        if pk is not None:  # a new annotation has no children to keep
            raise services._no_such_child(related_name, index, pk)
        row = {}
        for name, value in item.items():
            field = model._meta.get_field(name)
            if field.is_relation:
                row[field.attname] = value.pk
            else:
                row[field.attname] = textguard.clean_value(model, name, value)
        rows.append(row)
    return rows


def _build(item: Mapping[str, Any], *, article: Article, revision: int, user, sources: _Sources):
    """Validate and anchor one item as annotation_create does; return it and its children's rows.

    The children's fields have been checked by the serializer and their models have no
    rules of their own (no clean()), so they are kept as rows, not model instances.
    """
    annotation = Annotation(
        article=article, claim=item.get("claim", ""), rating=item.get("rating", ""),
        rationale=item.get("rationale", ""), same_as=item.get("same_as") or [],
        created_by=user, edited_by=user, revision=revision,
    )
    annotation.editors = rules.editors_with(annotation, user)
    services._anchor(
        annotation, start=item.get("start"), end=item.get("end"), quote=item.get("quote"),
        prefix=item.get("prefix", ""), suffix=item.get("suffix", ""),
    )
    recording.clean(annotation, fields_checked=True)
    attributions = []
    for position, attribution in enumerate(item.get("attributions") or ()):
        try:
            attributions.append({**attribution, "source": sources.resolve(attribution["source"])})
        except ValidationError as error:
            raise services._item_error("attributions", position, error) from error
    # New evidence is credited to the writer, as annotation_create does.
    evidence = [{**entry, "added_by": user} for entry in item.get("evidence") or ()]
    children = {
        "attributions": _child_rows(Attribution, "attributions", attributions),
        "evidence": _child_rows(Evidence, "evidence", evidence),
    }
    return annotation, children


@transaction.atomic
def annotation_bulk_create(*, user, items: Sequence[Mapping[str, Any] | None],
                           rejected: Mapping[int, dict] | None = None,
                           partial: bool = False) -> BulkOutcome:
    """Create the items (each as BulkItemSerializer returns it: "article" an id) in one go.

    `rejected` holds the errors already found for some indexes (their items are None).
    Raises BulkRejected, storing nothing, when any item is invalid and not `partial`.
    """
    if not rules.can_create(user):
        raise PermissionDenied("You may not create annotations.")
    if len(items) > MAX_ITEMS:
        raise ValidationError(f"At most {MAX_ITEMS:,} annotations per request; got {len(items):,}.")
    errors = dict(rejected or {})
    articles = _article_map(items)
    revisions = _revision_map(list(articles))
    sources = _Sources(items, user)
    built: dict[int, tuple] = {}
    for index, item in enumerate(items):
        if item is None or index in errors:
            continue
        article = articles.get(item["article"])
        if article is None:
            errors[index] = {"article": [f'Invalid pk "{item["article"]}" - object does not exist.']}
            continue
        try:
            built[index] = _build(item, article=article, revision=revisions.get(article.pk, 1),
                                  user=user, sources=sources)
        except ValidationError as error:
            errors[index] = _messages(error)
    listed = [{"index": index, "errors": errors[index]} for index in sorted(errors)]
    if listed and not partial:
        raise BulkRejected(listed)
    order = sorted(built)
    annotations = [built[index][0] for index in order]
    storage.insert_with_history(annotations, Annotation, user=user, reason="created")
    for model, related_name in ((Attribution, "attributions"), (Evidence, "evidence")):
        rows = []
        for index in order:
            annotation, children = built[index]
            for row in children[related_name]:
                row["annotation_id"] = annotation.pk
                rows.append(row)
        storage.insert_rows_with_history(rows, model, user=user, reason="")
    ids: list[int | None] = [None] * len(items)
    for index in order:
        ids[index] = built[index][0].pk
    return BulkOutcome(ids=ids, errors=listed)
