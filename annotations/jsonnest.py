"""How deep a JSON text nests, found without parsing it (a parser would recurse that deep)."""

import re

# An escaped character, a quote, or a bracket: what the scan needs to tell strings from structure.
TOKENS = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def json_depth(text: str, *, stop_above: int | None = None) -> int:
    """Return how deep the arrays and objects of a JSON text nest (strings skipped); stop
    counting once past `stop_above`."""
    depth = deepest = 0
    in_string = False
    for match in TOKENS.finditer(text):
        token = match.group()
        if token == '"':
            in_string = not in_string
        elif in_string or len(token) == 2:
            continue
        elif token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if stop_above is not None and depth > stop_above:
                break
        else:
            depth = max(depth - 1, 0)
    return deepest


def deeper_than(text: str, limit: int) -> bool:
    """Whether the JSON text nests arrays and objects more than `limit` levels."""
    return json_depth(text, stop_above=limit) > limit
