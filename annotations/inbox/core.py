"""Sort annotations into inbox sections; plain data in, plain data out."""

from dataclasses import dataclass, field

DRAFTS, RETURNED, TO_REVIEW = "drafts", "returned", "to_review"


@dataclass
class Inbox:
    drafts: list = field(default_factory=list)
    returned: list = field(default_factory=list)
    to_review: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.drafts) + len(self.returned) + len(self.to_review)


def section_of(*, review_state: str, review_comment: str, own: bool) -> str | None:
    """Return the section an annotation belongs in, for a reader who may see it there at all.

    Whether the reader may review one in review (four eyes) is the selector's filter: an
    author may review a correction of their claim that others made.
    """
    if review_state == "draft" and own:
        return RETURNED if review_comment else DRAFTS
    if review_state == "in_review":
        return TO_REVIEW
    return None


def sort_into_sections(annotations, *, user_id: int) -> Inbox:
    """Split annotations (already filtered and ordered oldest first) into the inbox sections."""
    inbox = Inbox()
    for annotation in annotations:
        section = section_of(
            review_state=annotation.review_state,
            review_comment=annotation.review_comment,
            own=annotation.created_by_id == user_id,
        )
        if section is not None:
            getattr(inbox, section).append(annotation)
    return inbox
