"""Write new rows together with their history rows, in as few round trips as the database allows.

`insert_with_history` stores many objects of one model (COPY on PostgreSQL, bulk_create
elsewhere) and copies them into the history table with one `INSERT ... SELECT`;
`insert_rows_with_history` does the same from plain rows, without model instances;
`insert_annotation` stores one annotation with its children. On PostgreSQL that is a
single statement, so it needs no transaction of its own. The history rows are what
django-simple-history records on save: the stored row, with who, when, why and "+".
Nothing here validates: callers have checked every rule before they write.
"""

from .rows import insert_annotation, insert_rows_with_history, insert_with_history, one_statement_writes

__all__ = ["insert_annotation", "insert_rows_with_history", "insert_with_history", "one_statement_writes"]
