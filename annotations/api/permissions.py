"""Refuse a request before its body is read when the caller may not do it at all.

The services check the same rules again on the locked rows; these checks only make
an unauthorized request fail with 401/403 rather than with a validation error.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from annotations import rules

MODEL_ACTIONS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class ModelPermission(BasePermission):
    """Writes need the model permission of the method (add, change, delete)."""

    model_name = ""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        action = MODEL_ACTIONS.get(request.method)
        return bool(
            action and user.is_active and user.has_perm(f"annotations.{action}_{self.model_name}")
        )


class ArticlePermission(ModelPermission):
    model_name = "article"


class SourcePermission(ModelPermission):
    """Sources are a working tool: reading them needs view_source as well."""

    model_name = "source"

    def has_permission(self, request, view):
        user = request.user
        if request.method in SAFE_METHODS:
            return bool(user.is_active and user.has_perm("annotations.view_source"))
        return super().has_permission(request, view)


class AnnotationPermission(BasePermission):
    """Create needs the add permission; edit and delete follow rules.can_edit/can_delete."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            if view.action == "history":
                return rules.can_read_drafts(request.user)
            return True
        if view.action == "create":
            return rules.can_create(request.user)
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        if view.action in ("update", "partial_update") and not rules.can_edit(request.user, obj):
            raise PermissionDenied(_("You may not edit this annotation."))
        if view.action == "destroy" and not rules.can_delete(request.user, obj):
            raise PermissionDenied(_("Only drafts can be deleted, by their author or an editor."))
        if view.action in ("verify", "return_annotation") and not rules.is_editor(request.user):
            raise PermissionDenied(_("You need the verify permission to verify or return annotations."))
        return True
