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
        "changes": [
            {**core.presented(change),
             "link": f"{base}/articles/{alert.article_id}/#annotation-{change['annotation']}"}
            for change in data.get("changes", [])
        ],
        "created_at": iso(alert.created_at),
        "resolved_at": iso(alert.resolved_at),
        "resolved_by": username(alert.resolved_by),
    }
