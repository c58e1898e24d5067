"""Read what an announced change looks like once it is committed: the annotation's summary,
as the annotation view paints it, read back from the database (the truth after the commit)."""

from collections.abc import Iterable

from annotations import presenters, selectors
from annotations.models import Annotation
from annotations.publishing.models import PublishedClaim

from .core import Change


def annotation_changes(pks: Iterable[int], *, kind: str, actor: str | None, client: str) -> list[Change]:
    """Return one change per annotation, with its summary as the team sees it (None: gone)."""
    pks = list(pks)
    annotations = Annotation.objects.filter(pk__in=pks)
    summaries = {
        summary["id"]: summary
        for summary in presenters.annotation_summaries(
            selectors.annotation_summary_rows(annotations), selectors.stance_rows(annotations), people=True,
        )
    }
    articles = dict(annotations.values_list("pk", "article_id"))
    published = set(PublishedClaim.objects.filter(annotation__in=pks).values_list("annotation_id", flat=True))
    return [
        Change(article=articles[pk], kind=kind, annotation=pk, summary=summaries.get(pk), actor=actor,
               client=client, published=pk in published)
        for pk in pks if pk in articles
    ]
