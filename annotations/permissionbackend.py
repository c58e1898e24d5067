"""Django's ModelBackend reading a user's own and group permissions with one query, not two.

Every API request with a token asks has_perm at least once; the second round trip was a
fifth of a single create. The answer is ModelBackend's (tests/test_permission_backend.py
pins it on users with own, group, both and no permissions, inactive users and superusers).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionsAtOnceBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                return super().get_all_permissions(user_obj)
            granted = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in granted.values_list("content_type__app_label", "codename")
            }
        return user_obj._perm_cache
