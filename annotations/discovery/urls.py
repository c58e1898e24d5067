from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .feeds import VerifiedClaimsFeed
from .sitemaps import SITEMAPS

urlpatterns = [
    path("claims/feed/", VerifiedClaimsFeed(), name="claims-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
