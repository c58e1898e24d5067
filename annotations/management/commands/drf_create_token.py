"""Issue an API key from the command line; it is printed once and stored only as a digest."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from annotations.apikeys.models import ApiKey
from annotations.apikeys.services import api_key_issue


class Command(BaseCommand):
    help = (
        "Issue an API key for a user and print it (the only time it can be read). "
        "A user who has a key keeps it unless -r/--reset replaces it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "-r", "--reset", action="store_true", help="Replace the user's existing key.",
        )

    def handle(self, *args, username, reset, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        existing = ApiKey.objects.filter(user=user).first()
        if existing and not reset:
            raise CommandError(
                f"{username} already has a key (starts {existing.prefix}…, issued "
                f"{existing.created:%Y-%m-%d %H:%M} UTC). Keys are stored as digests and cannot be "
                "shown again; run with --reset to replace it."
            )
        _, key = api_key_issue(user=user)
        self.stdout.write(f"Generated token {key} for user {username}")
