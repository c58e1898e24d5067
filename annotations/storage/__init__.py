"""Where new annotations are written: `insert_annotations(plans, user=...)`, one seam.

The ORM's bulk inserts with django-simple-history's history rows are the reference
(`orm_insert`); on PostgreSQL a batch of COPY_FROM annotations or more goes in with COPY
(`copy_insert`), the same rows. Nothing here validates: plans are (annotations/planning.py).
"""

from .rows import COPY_FROM, copy_insert, insert_annotations, orm_insert

__all__ = ["COPY_FROM", "copy_insert", "insert_annotations", "orm_insert"]
