"""What an announced change looks like: the annotation's summary as the annotation view paints
it, read back from the database once the change is committed (the truth after the commit), or,
for annotations just created, taken from what was written (nothing else can have touched them)."""

from collections.abc import Iterable

from annotations import presenters, selectors
from annotations.models import Annotation

from .core import Change


def annotation_changes(annotations: Iterable[tuple[int, int]], *, kind: str, actor: str | None,
                       client: str) -> list[Change]:
    """Return one change per (annotation id, article id), with the annotation's summary as the team
    sees it (None: gone, or orphaned and so not painted). Two queries, however many annotations."""
    articles = dict(annotations)
    found = Annotation.objects.filter(pk__in=list(articles))
    summaries = {
        summary["id"]: summary
        for summary in presenters.annotation_summaries(
            selectors.annotation_summary_rows(found), selectors.stance_rows(found), people=True,
        )
    }
    return [
        Change(article=article, kind=kind, annotation=pk, summary=summaries.get(pk), actor=actor,
               client=client, published=bool(summaries.get(pk, {}).get("published")))
        for pk, article in articles.items()
    ]


def created_changes(plans, *, actor: str | None, client: str) -> list[Change]:
    """Return one "created" change per plan (planning.AnnotationPlan, stored), summarised from
    its annotation and attributions as annotation_changes would read them back; no query."""
    rows = [
        (a.pk, a.start, a.end, a.rating, a.review_state, a.version,
         a.created_by.get_username() if a.created_by_id else None, False)
        for a in (plan.annotation for plan in plans)
    ]
    stances = [
        (plan.annotation.pk, attribution.source.name, attribution.stance)
        for plan in plans for attribution in plan.attributions
    ]
    summaries = presenters.annotation_summaries(rows, stances, people=True)
    return [
        Change(article=plan.annotation.article_id, kind="created", annotation=summary["id"],
               summary=summary, actor=actor, client=client)
        for plan, summary in zip(plans, summaries, strict=True)
    ]
