"""Map another checker's reviewRating onto our rating vocabulary, where it says the same."""

LABELS = {
    "true": "true", "correct": "true", "accurate": "true",
    "mostly true": "mostly_true", "mostly correct": "mostly_true",
    "half true": "mixed", "mixture": "mixed", "mixed": "mixed", "partly true": "mixed",
    "partly false": "mostly_false", "mostly false": "mostly_false",
    "false": "false", "pants on fire": "false", "fake": "false", "incorrect": "false", "wrong": "false",
    "misleading": "misleading",
    "missing context": "missing_context", "lacks context": "missing_context",
    "misattributed": "misattributed",
    "unproven": "unproven", "unverified": "unproven", "unsupported": "unproven",
    "satire": "satire", "labeled satire": "satire",
}
SCALE = {5: "true", 4: "mostly_true", 3: "mixed", 2: "mostly_false", 1: "false"}


def our_rating(label: str, value: float | None, best: float | None, worst: float | None) -> str:
    """Return our rating for a reviewRating, or "" when it does not map cleanly."""
    key = " ".join(label.casefold().replace("-", " ").replace("!", "").split())
    if key in LABELS:
        return LABELS[key]
    if value is None:
        return ""
    best = 5.0 if best is None else best
    worst = 1.0 if worst is None else worst
    if best <= worst or not worst <= value <= best:
        return ""
    return SCALE[round(1 + 4 * (value - worst) / (best - worst))]


def rating_label(label: str, value: float | None, best: float | None) -> str:
    if label:
        return label
    if value is None:
        return ""
    return f"{value:g}/{best:g}" if best is not None else f"{value:g}"
