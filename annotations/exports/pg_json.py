"""Claims as JSON text built by PostgreSQL: the JSON Lines export's fast path.

Building a claim dict in Python and encoding it costs about as much as reading the row;
PostgreSQL builds the same object (presenters.claim_dict: same keys, same order, same
value formats) while Python only joins lines. Tests pin its output to the presenter.
"""

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import QuerySet

from annotations.models import Annotation, Article, Attribution, Evidence, Source

CHUNK_SIZE = 2000


def _iso(column: str) -> str:
    """Format a timestamptz as presenters.iso does: UTC with Z, microseconds only when set."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        f"mod(extract(microseconds FROM {column})::bigint, 1000000) = 0 THEN '' "
        f"ELSE to_char({utc}, '.US') END || 'Z'"
    )


def _date(column: str) -> str:
    return f"to_char({column}, 'YYYY-MM-DD')"


def _object(pairs: list[tuple[str, str]]) -> str:
    return "json_build_object(" + ", ".join(f"'{key}', {value}" for key, value in pairs) + ")"


def _claim_sql(ids_sql: str) -> str:
    user = get_user_model()
    users = connection.ops.quote_name(user._meta.db_table)
    username = connection.ops.quote_name(user._meta.get_field(user.USERNAME_FIELD).column)
    q = connection.ops.quote_name
    annotation, article, source = (q(m._meta.db_table) for m in (Annotation, Article, Source))
    attribution, evidence = q(Attribution._meta.db_table), q(Evidence._meta.db_table)
    source_summary = [("id", "s.id"), ("name", "s.name"), ("kind", "s.kind")]
    attribution_object = _object([
        ("id", "t.id"), ("source", _object(source_summary)), ("stance", "t.stance"),
        ("url", "t.url"), ("date", _date("t.date")), ("note", "t.note"),
    ])
    # Children are aggregated per annotation in one pass each and joined, rather than
    # looked up per claim: a hundred thousand index probes cost more than two scans.
    attributions = (
        f"(SELECT t.annotation_id, json_agg({attribution_object} ORDER BY t.id) AS items "
        f"FROM {attribution} t JOIN {source} s ON s.id = t.source_id "
        f"WHERE t.annotation_id IN ({ids_sql}) GROUP BY t.annotation_id)"
    )
    evidence_object = _object([
        ("id", "e.id"), ("url", "e.url"), ("title", "e.title"), ("publisher", "e.publisher"),
        ("published", _date("e.published")), ("excerpt", "e.excerpt"), ("relation", "e.relation"),
    ])
    evidence_list = (
        f"(SELECT e.annotation_id, json_agg({evidence_object} ORDER BY e.id) AS items "
        f"FROM {evidence} e WHERE e.annotation_id IN ({ids_sql}) GROUP BY e.annotation_id)"
    )
    publisher = (
        "CASE WHEN p.id IS NULL THEN NULL ELSE "
        + _object([("id", "p.id"), ("name", "p.name"), ("kind", "p.kind")])
        + " END"
    )
    claim = _object([
        ("id", "a.id"),
        ("article", _object([
            ("id", "r.id"), ("title", "r.title"), ("url", "r.url"), ("publisher", publisher),
            ("published_at", _iso("r.published_at")),
        ])),
        ("start", "a.start"), ("end", 'a."end"'), ("quote", "a.quote"), ("prefix", "a.prefix"),
        ("suffix", "a.suffix"), ("claim", "a.claim"), ("rating", "a.rating"),
        ("rationale", "a.rationale"), ("review_state", "a.review_state"),
        ("review_comment", "a.review_comment"), ("same_as", "a.same_as"),
        ("attributions", "coalesce(att.items, '[]'::json)"),
        ("evidence", "coalesce(ev.items, '[]'::json)"), ("created_by", f"cu.{username}"),
        ("edited_by", f"eu.{username}"), ("reviewed_by", f"ru.{username}"),
        ("reviewed_at", _iso("a.reviewed_at")),
        ("version", "a.version"), ("created_at", _iso("a.created_at")),
        ("updated_at", _iso("a.updated_at")),
    ])
    return (
        f"SELECT {claim}::text FROM {annotation} a "
        f"JOIN {article} r ON r.id = a.article_id "
        f"LEFT JOIN {source} p ON p.id = r.publisher_id "
        f"LEFT JOIN {users} cu ON cu.id = a.created_by_id "
        f"LEFT JOIN {users} eu ON eu.id = a.edited_by_id "
        f"LEFT JOIN {users} ru ON ru.id = a.reviewed_by_id "
        f"LEFT JOIN {attributions} att ON att.annotation_id = a.id "
        f"LEFT JOIN {evidence_list} ev ON ev.annotation_id = a.id "
        f"WHERE a.id IN ({ids_sql}) ORDER BY a.id"
    )


def claim_json_chunks(
    annotations: QuerySet[Annotation], *, chunk_size: int = CHUNK_SIZE
) -> Iterator[list[str]]:
    """Yield the annotations, ordered by id, as lists of JSON texts of claim dicts."""
    ids_sql, params = (
        annotations.select_related(None).prefetch_related(None).order_by().values("id")
        .query.sql_with_params()
    )
    # A server-side cursor: memory stays flat however many claims there are.
    with connection.chunked_cursor() as cursor:
        # The ids subquery appears three times: for the claims and for each kind of child.
        cursor.execute(_claim_sql(ids_sql), (*params, *params, *params))
        while rows := cursor.fetchmany(chunk_size):
            yield [row[0] for row in rows]
