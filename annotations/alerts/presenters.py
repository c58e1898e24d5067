"""An alert as the API and My work show it: each checked passage's before, after and diff."""

from typing import Any

from annotations.presenters import iso, username

from . import core
from .models import Alert


def alert_dict(alert: Alert, *, base: str = "") -> dict[str, Any]:
    data = alert.data or {}
    article = alert.article
    return {
        "id": alert.pk,
        "kind": alert.kind,
        "state": alert.state,
        "summary": alert.summary,
        "article": None if article is None else {
            "id": article.pk, "title": article.title, "url": article.url,
            "link": f"{base}/articles/{article.pk}/",
        },
        "revision": alert.revision,
        "edited_at": data.get("edited_at"),
        "repeat": _repeat(alert, base) if alert.kind == Alert.Kind.CLAIM_REPEATED else None,
        "changes": [
            {**core.presented(change),
             "link": f"{base}/articles/{alert.article_id}/#annotation-{change['annotation']}"}
            for change in data.get("changes", [])
        ],
        "created_at": iso(alert.created_at),
        "resolved_at": iso(alert.resolved_at),
        "resolved_by": username(alert.resolved_by),
    }


def _repeat(alert: Alert, base: str) -> dict[str, Any]:
    """Who repeated what, where, and the claim it repeats (links to both)."""
    data = alert.data or {}
    return {
        "speaker": data.get("speaker"), "sentence": data.get("sentence"),
        "start": data.get("start"), "end": data.get("end"),
        "link": f"{base}/articles/{alert.article_id}/",
        "repeats": data.get("match"),
    }
