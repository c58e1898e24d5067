from django.urls import path

from . import views

urlpatterns = [
    path("articles/<int:pk>/live/", views.article_state, name="article-live-state"),
]
