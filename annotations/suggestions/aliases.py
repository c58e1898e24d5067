"""Source aliases: other names a source goes by ("Trump", "POTUS"). Pure functions."""

from django.core.exceptions import ValidationError

MAX_ALIAS_LENGTH = 200
MAX_ALIASES = 50


def clean_aliases(value) -> list[str]:
    """Return the aliases trimmed, blank ones dropped and case-insensitive repeats removed."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError("Aliases are a list of names.")
    seen: set[str] = set()
    result = []
    for alias in (" ".join(v.split()) for v in value):
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            result.append(alias)
    return result


def validate_aliases(value) -> None:
    """Refuse aliases that are not a list of short names."""
    aliases = clean_aliases(value)
    if len(aliases) > MAX_ALIASES:
        raise ValidationError(f"A source has at most {MAX_ALIASES} aliases.")
    for alias in aliases:
        if len(alias) > MAX_ALIAS_LENGTH:
            raise ValidationError(f"An alias has at most {MAX_ALIAS_LENGTH} characters.")


def with_alias(aliases: list[str], name: str, *, except_name: str = "") -> list[str]:
    """Return aliases with name added, unless it is there already or is the source's own name."""
    if name.casefold() == except_name.casefold():
        return clean_aliases(aliases)
    return clean_aliases([*aliases, name])
