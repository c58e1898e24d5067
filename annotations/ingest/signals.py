"""What other parts of the application may listen to."""

from django.dispatch import Signal

# Sent once per new body revision, inside its transaction, with the ids of the annotations
# whose quote or context (prefix/suffix) changed, or that became fuzzy or orphaned:
# annotations_text_changed.send(sender=ArticleRevision, revision=..., annotation_ids=[...], user=...)
# This is the one place that knows "these annotations' text changed in revision n"; a
# verified claim among them needs a correction.
annotations_text_changed = Signal()
