from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = _("Fact-check annotations")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .displayzone.services import remember_at_login
        from .jobs import tasks  # noqa: F401  (registers the Celery tasks in every process)

        user_logged_in.connect(remember_at_login, dispatch_uid="displayzone-remember-at-login")
