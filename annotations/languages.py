"""Language tags of articles and claims: checked, written one way, named, and detected from text.

Pure: text in, data out. A tag is a BCP 47 language tag as pages and clients write it,
kept with its region or script ("pt-BR", "zh-Hant"), written the canonical way (language
lower-case, script title-case, region upper-case; "_" read as "-"). Its primary subtag
must name a language CLDR knows (Babel's data, already installed with trafilatura), so
"xx" or "<script>" are refused. Lists filter on the primary subtag: "es" finds "es-MX".

Detection runs py3langid (langid.py's naive Bayes model, BSD licence, shipped inside its
wheel, no network): about 0.2 ms for a sentence, 1 ms for a 3,000-character article.
"""

import functools
import math
import re
import unicodedata

from babel import Locale, UnknownLocaleError
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# What the model default says when neither the page nor the text tells (Article.language).
DEFAULT = "en"
MAX_LENGTH = 16

# Subtags of 1 to 8 letters or digits after a primary subtag of 2 or 3 letters: the shape
# of the tags people and pages use (private-use "x-..." and grandfathered "i-..." tags are
# not accepted: neither names a language a reader could be shown).
SHAPE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Deprecated codes still found in pages, written as their current ones.
RENAMED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}

# The model's dialect labels counted as their macrolanguage; labels that name no language
# ("zxx": no linguistic content), or one CLDR does not know (a few creoles, Biblical Hebrew),
# are no answer.
FOLDED = {"ary": "ar", "arz": "ar", "uzs": "uz", "gug": "gn", "wuu": "zh", "yue": "zh"}
NO_LANGUAGE = {"zxx"}
# The detector reads at most this much of a text: an article's first screens tell its language.
READ = 10_000
# Fewer letters than this tell too little ("OK", a name); below MIN_CONFIDENCE it is a guess.
MIN_LETTERS = 10
MIN_CONFIDENCE = 0.3
# A language declared by the page stands unless the detector is this sure of another one,
# on at least this many letters (templates often keep lang="en" on every page).
OVERRULE_CONFIDENCE = 0.9
OVERRULE_LETTERS = 200
# Languages close enough that the detector confuses them: a page declaring one of a group
# while the detector says another of it is believed.
CLOSE = [
    {"no", "nb", "nn", "da"}, {"ms", "id"}, {"hr", "sr", "bs", "sh", "cnr"}, {"cs", "sk"},
    {"gl", "pt"}, {"ca", "oc"}, {"be", "ru", "uk"}, {"fa", "tg", "prs"}, {"hi", "ur"},
    {"zh", "yue", "wuu"}, {"af", "nl"},
]


class InvalidTag(ValueError):
    """Not a language tag this site accepts."""


def normalize(value: str) -> str:
    """Return the canonical form of a language tag; raise InvalidTag if it is not one."""
    tag = (value or "").strip().replace("_", "-")
    if len(tag) > MAX_LENGTH or not SHAPE.fullmatch(tag):
        raise InvalidTag(
            f"Give a language tag such as en, es or pt-BR (at most {MAX_LENGTH} characters)."
        )
    subtags = tag.split("-")
    first = RENAMED.get(subtags[0].lower(), subtags[0].lower())
    if first not in _english().languages:
        raise InvalidTag(f"{subtags[0]} is not a known language code; give one such as en, es or pt-BR.")
    rest = []
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            rest.append(subtag.title())  # script: Hant, Latn
        elif (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            rest.append(subtag.upper())  # region: BR, 419
        else:
            rest.append(subtag.lower())
    return "-".join([first, *rest])


def valid(value: str) -> str | None:
    """Return the canonical form of a tag, or None if it is not one."""
    try:
        return normalize(value)
    except InvalidTag:
        return None


def primary(tag: str) -> str:
    """Return the language subtag: "pt-BR" -> "pt"."""
    return (tag or "").split("-", 1)[0].lower()


def name(tag: str, locale: str = "en") -> str:
    """Return the language's name in `locale` ("pt-BR" -> "Brazilian Portuguese"), else the tag."""
    names = _locale(locale) or _english()
    known = names.languages.get(tag.replace("-", "_")) or names.languages.get(primary(tag))
    if not known:
        return tag
    if tag.replace("-", "_") in names.languages:
        return known
    region = next((s for s in tag.split("-")[1:] if s.isupper() or s.isdigit()), None)
    where = names.territories.get(region) if region else None
    return f"{known} ({where})" if where else known


# The languages offered when a person corrects an article's language on its page (any other
# tag goes through the API or admin).
COMMON = (
    "ar", "bn", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "id", "it", "ja", "ko", "ms", "nl", "no", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sr", "sv",
    "sw", "ta", "th", "tl", "tr", "uk", "ur", "vi", "zh",
)


def choices(locale: str, current: str = "") -> list[tuple[str, str]]:
    """Return (tag, name in locale) for the common languages and current, sorted by name."""
    tags = {*COMMON, current} - {""}
    return sorted(((tag, name(tag, locale)) for tag in tags), key=lambda choice: _sort_key(choice[1]))


def _sort_key(text: str) -> str:
    """Accents set aside, as a reader alphabetizes ("árabe" beside "alemán", not after "vietnamita")."""
    letters = unicodedata.normalize("NFKD", text)
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()


@functools.cache
def _english() -> Locale:
    return Locale("en")


@functools.cache
def _locale(locale: str) -> Locale | None:
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loaded once per process, when first needed (about a second).
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def detect(text: str) -> tuple[str, float] | None:
    """Return (language code, probability) for text, or None when it tells too little."""
    text = (text or "")[:READ]
    if _letters(text) < MIN_LETTERS:
        return None
    scores: dict[str, float] = {}
    for label, probability in _identifier().rank(text):
        code = FOLDED.get(label, label)
        scores[code] = scores.get(code, 0.0) + probability
    code, probability = max(scores.items(), key=lambda item: item[1])
    if code in NO_LANGUAGE or valid(code) is None:
        return None
    if not math.isfinite(probability) or probability < MIN_CONFIDENCE:
        return None
    return code, probability


def detect_language(text: str) -> str | None:
    """Return the language code of text ("en", "es", "ar"), or None when it tells too little."""
    found = detect(text)
    return found[0] if found else None


def close(one: str, other: str) -> bool:
    """Whether two tags are the same language or languages the detector confuses."""
    one, other = primary(one), primary(other)
    return one == other or any(one in group and other in group for group in CLOSE)


def choose(declared: str, text: str) -> str:
    """Return the language of an article: what its page declared, if a valid tag that the text
    does not clearly contradict; else what the text reads as; else DEFAULT."""
    tag = valid(declared)
    found = detect(text)
    if tag is None:
        return found[0] if found else DEFAULT
    if found is None or close(tag, found[0]):
        return tag
    code, probability = found
    sure = probability >= OVERRULE_CONFIDENCE and _letters(text[:READ]) >= OVERRULE_LETTERS
    return code if sure else tag
