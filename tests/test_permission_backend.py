"""The permission backend answers what Django's ModelBackend answers, with one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission, User

from annotations.permissionbackend import PermissionsAtOnceBackend
from tests.factories import UserFactory


def fresh(user):
    return User.objects.get(pk=user.pk)  # no permission cache from an earlier question


@pytest.fixture
def people(db):
    group = Group.objects.create(name="Desk")
    group.permissions.set(Permission.objects.filter(codename__in=["add_annotation", "view_source"]))
    other = Group.objects.create(name="Night desk")
    other.permissions.set(Permission.objects.filter(codename__in=["view_source", "verify_annotation"]))
    own = UserFactory(username="own")
    own.user_permissions.add(Permission.objects.get(codename="change_source"))
    grouped = UserFactory(username="grouped")
    grouped.groups.add(group, other)
    both = UserFactory(username="both")
    both.groups.add(group)
    both.user_permissions.add(Permission.objects.get(codename="add_annotation"),
                              Permission.objects.get(codename="delete_article"))
    inactive = UserFactory(username="gone", is_active=False)
    inactive.groups.add(group)
    return [own, grouped, both, inactive, UserFactory(username="none"),
            UserFactory(username="root", is_superuser=True)]


def test_every_user_has_the_permissions_model_backend_gives(people):
    for user in people:
        assert PermissionsAtOnceBackend().get_all_permissions(fresh(user)) == (
            ModelBackend().get_all_permissions(fresh(user))
        ), user.username
    assert PermissionsAtOnceBackend().get_all_permissions(AnonymousUser()) == set()


def test_a_users_permissions_are_read_once_with_one_query(people, django_assert_num_queries):
    user = fresh(people[2])
    with django_assert_num_queries(1):
        assert user.has_perm("annotations.add_annotation") and user.has_perm("annotations.delete_article")
        assert user.has_perm("annotations.view_source") and not user.has_perm("annotations.verify_annotation")
