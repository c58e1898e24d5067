"""The sitemap: every public claim page (each carries its ClaimReview) and the article list."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from annotations.publishing import selectors


class ClaimSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return selectors.published_claims().only("pk", "modified_at")

    def location(self, item):
        return reverse("claim-detail", args=[item.pk])

    def lastmod(self, item):
        return item.modified_at


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["article-list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"claims": ClaimSitemap, "pages": PagesSitemap}
