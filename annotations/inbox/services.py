"""The inbox writes: submit several drafts at once, verify one, through the review services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from annotations import services
from annotations.models import Annotation


class BulkRefused(Exception):
    """Some of the annotations could not be submitted; nothing was."""

    def __init__(self, problems: dict[int, list[str]]):
        super().__init__(f"{len(problems)} annotations could not be submitted.")
        self.problems = problems


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field.replace('_', ' ').capitalize()}: {message}"
            for field, messages in error.message_dict.items() for message in messages
        ]
    return list(error.messages)


@transaction.atomic
def review_submit_many(*, annotations: list[tuple[Annotation, int]], user) -> list[Annotation]:
    """Submit each (annotation, version) for review, all or none.

    Every refusal is collected, so the author sees at once what each draft still lacks.
    """
    submitted, problems = [], {}
    for annotation, version in annotations:
        try:
            with transaction.atomic():
                submitted.append(services.review_submit(annotation=annotation, user=user, version=version))
        except ValidationError as error:
            problems[annotation.pk] = _messages(error)
        except PermissionDenied as error:
            problems[annotation.pk] = [str(error)]
        except services.StaleVersion as error:
            problems[annotation.pk] = [
                _("Changed since this page was shown (now version %(version)s); reload it.")
                % {"version": error.current.version}
            ]
    if problems:
        raise BulkRefused(problems)
    return submitted
