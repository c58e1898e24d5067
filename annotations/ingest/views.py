"""What the article view shows of revisions and orphaned annotations."""

from annotations import rules, selectors
from annotations.models import AnchorState, Article

from .models import ArticleRevision


def revisions_context(article: Article, user) -> dict:
    """Return the article's revisions (without bodies) and the orphans the user may read."""
    revisions = list(
        ArticleRevision.objects.filter(article=article).defer("body").order_by("number")
    )
    orphans = list(
        selectors.annotations_visible_to(user)
        .filter(article=article, anchor_state=AnchorState.ORPHANED)
        .order_by("id")
    )
    return {
        "revisions": revisions,
        "revised_times": max(len(revisions) - 1, 0),
        "orphans": orphans,
        "can_reattach": rules.can_create(user),
    }
