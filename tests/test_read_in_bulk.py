"""Rows read in bulk are built as Django builds them (models.ReadInBulk), and their children
are found by one array of ids (selectors.AnyOf)."""

from contextlib import contextmanager

import pytest
from django.db.models import F, Model
from django.db.models.signals import post_init, pre_init

from annotations import selectors
from annotations.models import Annotation, Attribution, Evidence, ReadInBulk, Source

from . import factories

READS = {
    "whole rows": lambda rows: rows,
    "only some fields": lambda rows: rows.only("id", "quote", "article"),
    "some fields deferred": lambda rows: rows.defer("claim", "same_as"),
    "with related rows": lambda rows: rows.select_related("created_by", "article"),
    "in reverse": lambda rows: rows.order_by("-id"),
}


@contextmanager
def built_by_django():
    """Build rows through Model.__init__, as Django does without ReadInBulk."""
    fast = ReadInBulk.__dict__["from_db"]
    ReadInBulk.from_db = classmethod(Model.from_db.__func__)
    try:
        yield
    finally:
        ReadInBulk.from_db = fast


def built(row):
    return (type(row), {k: v for k, v in vars(row).items() if k != "_state"},
            row._state.adding, row._state.db, row.get_deferred_fields())


@pytest.fixture
def annotations(db):
    article = factories.ArticleFactory(body="قال ترامب 👩🏽‍⚖️ Zelenskyy e\u0301 pressed\r\nthe Donbas.")
    rows = [factories.AnnotationFactory(article=article, start=start, length=4, same_as=["https://x.example/1"])
            for start in (0, 3, 10)]
    for row in rows:
        factories.AttributionFactory(annotation=row, source=factories.SourceFactory(name="محمود 👩🏽‍⚖️"))
        factories.EvidenceFactory(annotation=row)
    return rows


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
@pytest.mark.parametrize("model", [Annotation, Attribution, Evidence, Source])
def test_a_row_read_in_bulk_is_built_as_django_builds_it(annotations, model, read):
    rows = model.objects.order_by("id")
    if model is Annotation:
        rows = read(rows)
    ours = [built(row) for row in rows.all()]
    with built_by_django():
        django = [built(row) for row in rows.all()]
    assert ours == django and ours


def test_a_deferred_field_is_read_when_asked_for(annotations):
    (row, *_) = Annotation.objects.order_by("id").only("id")
    assert row.get_deferred_fields() >= {"claim", "quote"}
    assert row.quote == annotations[0].quote


def test_rows_are_built_through_init_while_something_listens_to_it(annotations):
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(listener, sender=Annotation)
    try:
        ids = [row.pk for row in Annotation.objects.order_by("id")]
    finally:
        post_init.disconnect(listener, sender=Annotation)
    assert seen == ids


def test_nothing_in_the_app_listens_to_model_init_so_rows_are_built_fast():
    # An ImageField (for one) listens to post_init: rows would then all take Django's slower path.
    assert not pre_init.receivers and not post_init.receivers


def test_an_array_of_ids_finds_the_children_that_in_finds(annotations):
    ids = [annotations[0].pk, annotations[2].pk, 10**12]
    found = Attribution.objects.filter(selectors.AnyOf(F("annotation_id"), ids)).order_by("id")
    assert list(found) == list(Attribution.objects.filter(annotation_id__in=ids).order_by("id"))
    assert len(found) == 2


def test_no_ids_find_no_children(annotations):
    assert list(Evidence.objects.filter(selectors.AnyOf(F("annotation_id"), []))) == []
