from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from factcheck import health
from factcheck.wellknown import security_txt

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    # Django's auth URLs without password reset: no mail is configured to send reset
    # links, so an administrator resets passwords (admin, or `manage.py changepassword`).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("api/v1/", include("annotations.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from our origin: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("", include("annotations.displayzone.urls")),
    path("", include("annotations.discovery.urls")),
    path("", include("annotations.inbox.urls")),
    path("", include("annotations.live.urls")),
    path("", include("annotations.urls")),
]

# JSON under /api/, Django's pages elsewhere; a database outage answers 503 (see
# factcheck/outage.py), any other failure 500.
handler400 = "factcheck.errors.bad_request"
handler403 = "factcheck.errors.permission_denied"
handler404 = "factcheck.errors.page_not_found"
handler500 = "factcheck.errors.server_error"
