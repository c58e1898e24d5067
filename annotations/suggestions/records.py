"""What an attribution suggestion is: spans of the text and what they mean."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Suggestion:
    """One attribution: `content` (hull of `fragments`), `cue`, `source` (None when unnamed)."""

    content: Span
    cue: Span
    source: Span | None
    stance: str
    direct: bool
    score: float
    fragments: tuple[tuple[int, int], ...] = ()
    source_name: str = ""
    source_kind: str = ""
    source_key: str = ""  # the matching known source's key, when one matched
    sentence: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "content": {"start": self.content.start, "end": self.content.end,
                        "text": self.content.text,
                        "fragments": [list(f) for f in self.fragments]},
            "cue": {"start": self.cue.start, "end": self.cue.end, "text": self.cue.text},
            "source": None if self.source is None else {
                "start": self.source.start, "end": self.source.end, "text": self.source.text,
            },
            "source_name": self.source_name,
            "source_kind": self.source_kind,
            "stance": self.stance,
            "direct": self.direct,
            "score": self.score,
        }
