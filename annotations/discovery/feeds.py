"""An Atom feed of the latest verified claims, newest verification first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from annotations import selectors
from annotations.models import Rating

FEED_LENGTH = 50


class VerifiedClaimsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return f"Fact checks by {settings.FACTCHECK_ORGANIZATION_NAME}"

    def subtitle(self):
        return "Claims rated and verified by a second fact-checker."

    def link(self):
        return reverse("article-list")

    def items(self):
        return selectors.published_claims()[:FEED_LENGTH]

    def item_title(self, item):
        label = Rating(item.rating).label if item.rating else "Not rated"
        return f"{label}: {item.claim or item.quote}"

    def item_description(self, item):
        return item.rationale or f"“{item.quote}” — {item.article.title}"

    def item_link(self, item):
        return reverse("claim-detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.reviewed_at or item.updated_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return settings.FACTCHECK_ORGANIZATION_NAME

    def item_categories(self, item):
        return [item.rating] if item.rating else []
