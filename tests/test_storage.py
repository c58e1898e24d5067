"""Every way of storing planned annotations stores the rows the ORM reference stores."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations import services, storage
from annotations.models import Annotation, Attribution, Evidence, Rating
from tests import factories
from tests.pg_support import postgresql_only

BODY = "Trump said 👋🏽 the Donbas talks «ended»; مرحبا بالعالم — é, e\u0301.\r\nThe FT reported otherwise."
WORDS = ["Trump", "👋🏽", "Donbas", "«ended»", "مرحبا", "é", "FT reported", "otherwise"]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
# Times and ids differ between two writes of the same plans; everything else must not.
VARYING = {"id", "annotation_id", "created_at", "updated_at", "history_id", "history_date"}

attribution = st.fixed_dictionaries(
    {"stance": st.sampled_from(Attribution.Stance.values)},
    optional={"note": TEXT, "url": st.just("https://example.org/a"), "date": st.dates()},
)
evidence = st.fixed_dictionaries(
    {"url": st.from_regex(r"https://evidence\.example/[a-z0-9]{1,8}", fullmatch=True)},
    optional={"title": TEXT, "publisher": TEXT, "excerpt": TEXT, "published": st.dates(),
              "relation": st.sampled_from(Evidence.Relation.values)},
)
item = st.fixed_dictionaries(
    {"quote": st.sampled_from(WORDS)},
    optional={"claim": TEXT, "rationale": TEXT, "rating": st.sampled_from(["", *Rating.values]),
              "attributions": st.lists(attribution, max_size=3), "evidence": st.lists(evidence, max_size=3)},
)


def plans_for(items, *, article, user, sources):
    items = [
        {**values, "article": article, "attributions": [
            {**cited, "source": sources[n % 2]} for n, cited in enumerate(values.get("attributions", []))
        ]}
        for values in items
    ]
    ctx = services.planning_context(items, user=user)
    return [services.planning.plan_annotation(values, ctx) for values in items]


def rows(plans) -> list:
    """What the plans stored: each table's rows and history rows, without ids and times."""
    def plain(model, pks):
        found = {row["id"]: row for row in model.objects.filter(pk__in=pks).values()}
        history = {row["id"]: row for row in model.history.filter(id__in=pks).values()}
        return [
            ({k: v for k, v in found[pk].items() if k not in VARYING},
             {k: v for k, v in history[pk].items() if k not in VARYING})
            for pk in pks
        ]

    return [
        plain(Annotation, [plan.annotation.pk for plan in plans]),
        [plain(Attribution, [child.pk for child in plan.attributions]) for plan in plans],
        [plain(Evidence, [child.pk for child in plan.evidence]) for plan in plans],
    ]


@postgresql_only
@pytest.mark.parametrize("insert", [storage.copy_insert, storage.statement_insert], ids=["copy", "statement"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(item, min_size=1, max_size=6))
def test_postgresql_stores_the_rows_the_orm_stores(db, insert, items):
    user = factories.reviewer(username=f"r{factories.UserFactory._meta.model.objects.count()}")
    article = factories.ArticleFactory(body=BODY)
    sources = [factories.SourceFactory(), factories.SourceFactory()]

    by_orm = plans_for(items, article=article, user=user, sources=sources)
    storage.orm_insert(by_orm, user=user)
    by_fast = plans_for(items, article=article, user=user, sources=sources)
    insert(by_fast, user=user)

    assert rows(by_fast) == rows(by_orm)
    assert all(plan.annotation.pk and plan.annotation._state.adding is False for plan in by_fast)


def test_a_single_create_and_a_bulk_create_store_the_same_annotation(reviewer, article, ft_source):
    from annotations.bulk.services import annotation_bulk_create

    fields = {"quote": "Trump", "claim": "Trump spoke", "rating": "unproven",
              "attributions": [{"source": ft_source.pk, "stance": "reported", "note": "by phone"}],
              "evidence": [{"url": "https://evidence.example/1", "title": "Transcript"}]}
    single = services.annotation_create(article=article, user=reviewer, **fields)
    bulk = annotation_bulk_create(user=reviewer, items=[{**fields, "article": article.pk}]).ids[0]

    def stored(pk):
        return rows([services.planning.AnnotationPlan(
            Annotation.objects.get(pk=pk), list(Attribution.objects.filter(annotation_id=pk)),
            list(Evidence.objects.filter(annotation_id=pk)),
        )])

    assert stored(bulk) == stored(single.pk)
