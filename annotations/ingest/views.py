"""What the article view shows of revisions, orphaned and re-attached annotations, and the watch."""

from annotations import rules, selectors
from annotations.alerts.models import Alert
from annotations.models import AnchorState, Article

from .models import ArticleRevision, ArticleWatch


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


def watch_context(article: Article, user) -> dict:
    """Return what the article page shows of the watch: who may refresh it now, its last and
    next check, the annotations re-attached to edited text (old quote beside new), and the
    speakers in it who repeat a claim rated false (for fact-checkers)."""
    fuzzy = list(
        selectors.annotations_visible_to(user)
        .filter(article=article, anchor_state=AnchorState.FUZZY).exclude(previous_quote="")
        .order_by("start", "id")
    )
    reader = rules.can_read_drafts(user)
    return {
        "can_refresh": bool(article.url) and rules.can_edit_articles(user),
        "watch": ArticleWatch.objects.filter(article=article).first() if reader else None,
        "fuzzy": fuzzy,
        "repeats": list(
            Alert.objects.filter(article=article, kind=Alert.Kind.CLAIM_REPEATED, state=Alert.State.OPEN)
            .order_by("-created_at")
        ) if reader else [],
    }
