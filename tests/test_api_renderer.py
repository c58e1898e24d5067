"""The API's renderer writes what DRF's JSONRenderer writes (api/renderers.py)."""

import datetime
import decimal
import json
import uuid
import zoneinfo
from unittest import mock

import orjson
import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework import renderers

from annotations.api.renderers import JSONRenderer

ours, drf = JSONRenderer(), renderers.JSONRenderer()

# Texts as articles hold them: emoji, combining accents, right-to-left, line and paragraph
# separators (which both escape for JavaScript), controls and quotes.
texts = st.text(st.characters(codec="utf-8")) | st.sampled_from([
    "👩🏽‍⚖️ said", "Zelenskyy e\u0301", "قال ترامب", "a\u2028b\u2029c", "\r\n\t\"\\</script>",
])
moments = st.datetimes(timezones=st.none() | st.just(datetime.UTC) | st.sampled_from(
    [zoneinfo.ZoneInfo("Asia/Kolkata"), zoneinfo.ZoneInfo("America/Sao_Paulo")]
))
scalars = (
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | texts | moments | st.dates() | st.uuids()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(texts, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_the_api_writes_the_bytes_drf_writes(value):
    assert ours.render(value) == drf.render(value)


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.floats(allow_nan=False, allow_infinity=False) | st.decimals(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4),
))
def test_a_float_or_decimal_is_written_as_the_same_number(value):
    # DRF's encoder writes a Decimal as a float too.
    assert json.loads(ours.render(value)) == json.loads(drf.render(value))


def test_a_page_is_written_by_orjson_not_by_drf():
    created = datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)
    page = {"results": [{"id": 1, "quote": "قال", "created_at": created}]}
    with mock.patch.object(renderers.JSONRenderer, "render", side_effect=AssertionError("DRF's path")):
        written = ours.render(page)
    assert written == '{"results":[{"id":1,"quote":"قال","created_at":"2026-01-02T00:00:00Z"}]}'.encode()


@pytest.mark.parametrize("value", [
    {1: "a key that is not a string"},
    {"big": 2**64},
    {"lazy": gettext_lazy("Not found."), "amount": decimal.Decimal("1.5"), "id": uuid.UUID(int=7)},
    {"set": {1}},  # DRF writes what it can iterate as a list
], ids=["int-key", "big-int", "lazy-decimal-uuid", "set"])
def test_values_orjson_cannot_write_alone_are_written_as_drf_writes_them(value):
    assert ours.render(value) == drf.render(value)


def test_an_indent_asked_for_is_honoured_as_drf_does():
    media_type = "application/json; indent=2"
    assert ours.render({"a": [1, 2]}, media_type) == drf.render({"a": [1, 2]}, media_type)


@pytest.mark.parametrize("value", ["\ud800", {"x": object()}], ids=["lone-surrogate", "unknown-type"])
def test_what_drf_refuses_is_refused_the_same_way(value):
    with pytest.raises(Exception) as refused_by_drf:
        drf.render(value)
    with pytest.raises(type(refused_by_drf.value)):
        ours.render(value)


def test_nan_is_written_as_null_where_drf_would_fail():
    with pytest.raises(ValueError):
        drf.render({"score": float("nan")})
    assert ours.render({"score": float("nan")}) == orjson.dumps({"score": None})


def test_none_renders_as_an_empty_body_as_drf_does():
    assert ours.render(None) == drf.render(None) == b""
