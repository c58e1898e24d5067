"""Verified claims as files: JSON Lines, CSV and ClaimReview streamed from the records stored
when a claim is published (stream.py, with tabular.py and claimreview.py), and W3C Web
Annotation (w3c.py). Its face: EXPORTERS by format, stored_records for publishing, and the
ClaimReview and W3C shapes of one claim.
"""

from . import claimreview, w3c
from .stream import EXPORTERS, Exporter, stored_records

__all__ = ["EXPORTERS", "Exporter", "claimreview", "stored_records", "w3c"]
