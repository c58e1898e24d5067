"""On PostgreSQL a statement a connection runs again and again is prepared once."""

from django.db import connection

from annotations.apikeys.services import api_key_find

from .pg_support import postgresql_only


@postgresql_only
def test_a_repeated_statement_is_planned_once_per_connection(db):
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%annotations_apikey%"],
            )
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(6):  # prepared from the sixth run (prepare_threshold 5)
        api_key_find("no such key")
    assert prepared() == before + 1
