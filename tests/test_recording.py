"""recording.clean checks a row as Model.full_clean does, leaving out only what cannot fail."""

import pytest
from django.core.exceptions import ValidationError

from annotations import recording
from annotations.matching.models import ClaimReviewFeed
from annotations.models import Annotation, Attribution, Evidence, Source

from . import factories


@pytest.mark.parametrize("model", [Annotation, Attribution, Evidence, Source])
def test_rows_whose_only_unique_column_is_their_id_have_nothing_else_to_check(model):
    assert not recording._unique_beyond_the_id(model)


def test_a_unique_field_is_still_checked(db):
    ClaimReviewFeed.objects.create(url="https://feeds.example/a.json", name="A")
    with pytest.raises(ValidationError) as refused:
        recording.clean(ClaimReviewFeed(url="https://feeds.example/a.json", name="B"))
    assert "url" in refused.value.message_dict


def test_a_new_row_bringing_a_taken_id_is_refused_as_django_refuses_it(db):
    taken = factories.SourceFactory(name="Reuters")
    duplicate = Source(pk=taken.pk, name="Another name", kind="news_outlet")
    with pytest.raises(ValidationError) as by_django:
        duplicate.full_clean()
    with pytest.raises(ValidationError) as by_recording:
        recording.clean(duplicate)
    assert by_recording.value.message_dict == by_django.value.message_dict

