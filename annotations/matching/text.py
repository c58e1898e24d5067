"""Pure text functions for matching: normalisation and lexical tokens."""

import re
import unicodedata

URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b(?:pic\.twitter\.com|t\.co|bit\.ly|youtu\.be|fb\.me|ow\.ly|goo\.gl|tinyurl\.com)/\S*",
    re.IGNORECASE,
)
# A post quoted from a social network ends with "— Name (@handle) Month D, YYYY".
SIGNATURE = re.compile(
    r"[\u2014\u2013-]+\s*[^\u2014\u2013\n]{0,80}?\(@\w+\)\s*"
    r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})?\s*$"
)
HANDLE = re.compile(r"[@#](\w+)")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
WORD = re.compile(r"[^\W_]+")
SPACE = re.compile(r"\s+")

_STOPWORDS = """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is
it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself
yourselves s t rt amp via
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def split_handle(match: re.Match) -> str:
    """Turn "#FakeNews" or "@JoeBiden" into "Fake News" / "Joe Biden"."""
    return CAMEL.sub(" ", match.group(1).replace("_", " "))


def normalize(text: str, *, drop_signature: bool = True) -> str:
    """Return text cleaned for matching: no links, handles and hashtags split into words."""
    text = unicodedata.normalize("NFKC", text or "")
    if "/" in text or "www." in text:
        text = URL.sub(" ", text)
    if drop_signature and "(@" in text:
        text = SIGNATURE.sub(" ", text.rstrip())
    if "@" in text or "#" in text:
        text = HANDLE.sub(split_handle, text)
    return " ".join(text.split())


def stem(word: str) -> str:
    """Fold the commonest English inflections (plural, -ing, -ed) onto one form."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Return the lexical terms of text: lower-case words, stop words out, lightly stemmed."""
    words = WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    return [stem(word) for word in words if word not in STOPWORDS]


SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)\]]*|(?=\n)|$)")


def sentences(body: str, *, min_words: int = 6) -> list[tuple[int, int, str]]:
    """Return (start, end, text) of each sentence of body with at least min_words words."""
    found = []
    for match in SENTENCE.finditer(body):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.end() - (len(raw) - len(raw.rstrip()))
        text = body[start:end]
        if len(text.split()) >= min_words:
            found.append((start, end, text))
    return found
