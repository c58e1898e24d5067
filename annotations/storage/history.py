"""What a history row holds besides the copied row, and the SQL that copies rows into it."""

from django.db.backends.base.base import BaseDatabaseWrapper

HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")
CREATED = "+"

# `model.history` builds a manager class on every access: build each statement once.
_statements: dict[tuple, str] = {}


def copied_columns(model) -> list[str]:
    """Columns of model that its history table keeps as they are."""
    columns = {field.column for field in model._meta.concrete_fields}
    return [field.column for field in model.history.model._meta.concrete_fields if field.column in columns]


def copy_sql(model, connection: BaseDatabaseWrapper, source: str) -> str:
    """INSERT ... SELECT of the rows of `source` (a table or CTE name) into model's history table.

    Takes four parameters: when, why, the type ("+") and the user's id.
    """
    key = (model, connection.vendor, source)
    if key not in _statements:
        quote = connection.ops.quote_name
        copied = copied_columns(model)
        target = ", ".join(quote(column) for column in [*copied, *HISTORY_COLUMNS])
        selected = ", ".join(quote(column) for column in copied)
        _statements[key] = (
            f"INSERT INTO {quote(model.history.model._meta.db_table)} ({target}) "
            f"SELECT {selected}, %s, %s, %s, %s FROM {source}"
        )
    return _statements[key]
