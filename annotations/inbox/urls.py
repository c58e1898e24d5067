from django.urls import path

from . import views

urlpatterns = [
    path("work/", views.inbox, name="inbox"),
    path("work/count/", views.inbox_count, name="inbox-count"),
    path("work/submit/", views.inbox_submit, name="inbox-submit"),
    path("work/<int:pk>/verify/", views.inbox_verify, name="inbox-verify"),
    path("work/<int:pk>/return/", views.inbox_return, name="inbox-return"),
    path("work/alerts/<int:pk>/resolve/", views.inbox_alert_resolve, name="inbox-alert-resolve"),
]
