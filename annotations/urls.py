from django.urls import path

from . import views
from .matching import views as matching_views

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("articles/new/", views.article_create, name="article-create"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/language/", views.article_language, name="article-language"),
    path("claims/", matching_views.claims_index, name="claims-index"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
]
