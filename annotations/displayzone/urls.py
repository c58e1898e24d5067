from django.urls import path

from . import views

urlpatterns = [
    path("accounts/settings/", views.display_settings, name="display-settings"),
    path("i18n/setlang/", views.set_language, name="set_language"),
]
