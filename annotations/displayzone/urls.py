from django.urls import path

from . import views

urlpatterns = [
    path("accounts/settings/", views.display_settings, name="display-settings"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The script catalog in the request's language, and at a versioned address pages link.
    path("jsi18n/", views.javascript_catalog_negotiated, name="javascript-catalog"),
    path("jsi18n/<str:language>/<str:version>/", views.javascript_catalog, name="javascript-catalog-version"),
]
