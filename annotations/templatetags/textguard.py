"""{{ text|reveal_invisible }}: show invisible and direction-changing characters as markers."""

from django import template
from django.utils.html import format_html, format_html_join

from annotations.textguard.core import invisible_positions, reveal

register = template.Library()


@register.filter
def reveal_invisible(text):
    """Return text with each invisible character replaced by a visible, labelled marker."""
    if not text:
        return text
    return format_html_join(
        "", "{}",
        (
            (
                format_html(
                    '<span class="invisible-char" title="{}">⟨{}⟩</span>', segment.name, segment.marker
                )
                if segment.marker else segment.text,
            )
            for segment in reveal(str(text))
        ),
    )


NOTICE_EXCERPTS = 10
EXCERPT_CONTEXT = 24


@register.inclusion_tag("annotations/_invisible_notice.html")
def invisible_notice(body):
    """List where a text holds invisible characters, each in a short excerpt with markers."""
    positions = invisible_positions(body or "")
    excerpts = []
    for position in positions:
        # One excerpt per stretch: characters close together share the first one's excerpt.
        if excerpts and position < excerpts[-1][1]:
            continue
        start = max(0, position - EXCERPT_CONTEXT)
        end = min(len(body), position + EXCERPT_CONTEXT)
        excerpts.append((start, end, position))
        if len(excerpts) == NOTICE_EXCERPTS:
            break
    return {
        "count": len(positions),
        "excerpts": [
            {
                "position": position,
                "text": ("…" if start else "") + body[start:end] + ("…" if end < len(body) else ""),
            }
            for start, end, position in excerpts
        ],
        "more": len(positions) > NOTICE_EXCERPTS,
    }
