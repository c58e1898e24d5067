"""What the article view shows of revisions, orphaned and re-attached annotations, and the watch."""

from annotations import rules, selectors
from annotations.alerts.models import Alert
from annotations.models import AnchorState, Article

from .models import ArticleRevision, ArticleWatch


def revisions_context(article: Article, user) -> dict:
    """Return what the article page shows of its revisions, of the annotations a new body
    displaced (orphaned; re-attached to edited text, old quote beside new) and of the watch."""
    revisions = list(
        ArticleRevision.objects.filter(article=article).defer("body").order_by("number")
    )
    displaced = list(
        selectors.annotations_visible_to(user)
        .filter(article=article, anchor_state__in=[AnchorState.ORPHANED, AnchorState.FUZZY])
        .order_by("start", "id")
    )
    return {
        "revisions": revisions,
        "revised_times": max(len(revisions) - 1, 0),
        "orphans": sorted((a for a in displaced if a.anchor_state == AnchorState.ORPHANED),
                          key=lambda a: a.pk),
        "can_reattach": rules.can_create(user),
        **_watch_context(article, user, [a for a in displaced if a.anchor_state == AnchorState.FUZZY]),
    }


def _watch_context(article: Article, user, fuzzy: list) -> dict:
    """Who may refresh the article now, its last and next check (the article read with its
    watch), the annotations re-attached to edited text, and the speakers in it who repeat a
    claim rated false (for fact-checkers)."""
    reader = rules.can_read_drafts(user)
    try:
        watch = article.watch if reader else None
    except ArticleWatch.DoesNotExist:
        watch = None
    return {
        "can_refresh": bool(article.url) and rules.can_edit_articles(user),
        "watch": watch,
        "fuzzy": [a for a in fuzzy if a.previous_quote],
        "repeats": list(
            Alert.objects.filter(article=article, kind=Alert.Kind.CLAIM_REPEATED, state=Alert.State.OPEN)
            .order_by("-created_at")
        ) if reader else [],
    }
