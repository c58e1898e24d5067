"""An Atom feed of the latest verified claims, newest verification first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from annotations.publishing import selectors

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
        return [published.public for published in selectors.recently_published()[:FEED_LENGTH]]

    def item_title(self, item):
        return f"{item['rating_label']}: {item['claim'] or item['quote']}"

    def item_description(self, item):
        # Atom writes the description as <summary type="html">: readers render it as markup.
        # Rationales are typed by fact-checkers and titles come from imported pages, so both
        # are plain text and must reach the reader escaped, never as HTML of their own.
        text = item["rationale"] or f"“{item['quote']}” — {item['article']['title']}"
        return escape(text)

    def item_link(self, item):
        return reverse("claim-detail", args=[item["id"]])

    def item_pubdate(self, item):
        return parse_datetime(item["published_at"])

    def item_updateddate(self, item):
        return parse_datetime(item["date_modified"] or item["published_at"])

    def item_author_name(self, item):
        return item["organization"]

    def item_categories(self, item):
        return [item["rating"]] if item["rating"] else []
