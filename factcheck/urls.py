from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("annotations.api.claim_urls")),
    path("api/v1/", include("annotations.api.urls")),
    path("", include("annotations.urls")),
]
