"""Read what an announced change looks like once it is committed: the annotation's summary,
as the annotation view paints it, read back from the database (the truth after the commit)."""

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
