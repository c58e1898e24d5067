"""Where new annotations are written: `insert_annotations(plans, user=...)`, one seam.

The ORM's bulk inserts with django-simple-history's history rows are the reference
(`orm_insert`); PostgreSQL stores the same rows with one statement per table for a few
annotations (`statement_insert`) and with COPY for many (`copy_insert`).
Nothing here validates: plans are (annotations/planning.py).
"""

from .rows import COPY_FROM, copy_insert, insert_annotations, orm_insert, statement_insert

__all__ = ["COPY_FROM", "copy_insert", "insert_annotations", "orm_insert", "statement_insert"]
