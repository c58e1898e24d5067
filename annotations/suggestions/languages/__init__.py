"""The words of each language the attribution rules read, one table module per language.

A table (`en.py`, `es.py`, ...) names its reporting verbs with their stances, its titles,
pronouns, determiners and the patterns of its clauses, over the defaults of `neutral.py`
(the switches of constructions some languages have, patterns that find nothing).
`Language` holds one table with what is derived from it (the cue pattern, the participles),
and the rules read only that object, so a language is added by writing a table.
"""

import re
from functools import cache
from types import ModuleType

from ..patterns import trie_pattern
from . import de, en, es, fr, neutral, pt

TABLES: dict[str, ModuleType] = {table.CODE: table for table in (en, es, fr, pt, de)}
DEFAULT = "en"
NEVER = r"(?!)"


class Language:
    """One language's table as the rules read it: the table's names and what is derived from
    them (`VERB_STANCE`: form -> stance, the `CUE` pattern, the participles, ...)."""

    def __init__(self, table: ModuleType):
        for source in (neutral, table):
            for name in dir(source):
                if name.isupper():
                    setattr(self, name, getattr(source, name))
        table = self  # the names as read: the table's own over the defaults
        self.VERB_STANCE: dict[str, str] = {
            **table.BROAD_VERBS,
            **{form: stance for forms, stance in table.VERBS.values() for form in forms},
        }
        forms = sorted(self.VERB_STANCE, key=len, reverse=True)
        # A language that leaves out subjects opens sentences with its verbs ("Dijo que").
        cue_forms = forms + [form.capitalize() for form in forms] if table.PRO_DROP else forms
        self.CUE = re.compile(
            r"\b(?:(?P<according>" + (table.ACCORDING or NEVER) + r")|(?P<verb>"
            + trie_pattern(cue_forms) + r")|(?P<title>" + (table.TITLE_CUES or NEVER) + r"))\b"
        )
        self.NO_RESPONSE_CUE = re.compile(r"\b(?:" + "|".join(table.NO_RESPONSE_PATTERNS) + ")")
        self.CONTENT_STOP = re.compile(table.CONTENT_STOP.replace("<VERBS>", "|".join(forms)))
        if getattr(table, "REPORT_THAT", None) is None:
            self.REPORT_THAT = table.THAT
        self.REPORT_HEAD = re.compile(
            table.REPORT_HEAD.replace("<NOUNS>", "|".join(sorted(table.REPORT_NOUNS))))
        self.INSTITUTIONS = table.GOVERNMENT_WORDS | table.ORGANIZATION_WORDS
        # A subject after its verb may be a pronoun ("sagte sie") where the language says so.
        self.INVERTED_STOPS = table.PHRASE_BREAKERS - (
            set(table.PRONOUNS) if table.INVERTED_PRONOUNS else set())
        self.INVERTED_PRONOUN_WORDS = frozenset(table.PRONOUNS) if table.INVERTED_PRONOUNS else (
            frozenset())
        self.SUBJECT_STOPS = table.PHRASE_BREAKERS | frozenset(self.VERB_STANCE)
        self.CLAUSE_SUBJECT_STOPS = self.SUBJECT_STOPS | table.ADVERBS
        self.PARTICIPLE_CUES = frozenset(
            form for form in self.VERB_STANCE if form.endswith(table.GERUND_ENDINGS))

    def __repr__(self) -> str:
        return f"<Language {self.CODE}>"


def code_of(language: str | None) -> str:
    """Return the table code for a language tag ("pt-BR" -> "pt"); English when unknown."""
    primary = (language or "").strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in TABLES else DEFAULT


@cache
def _language(code: str) -> Language:
    return Language(TABLES[code])


def language_for(language: str | None) -> Language:
    """Return the rules' view of a language, falling back to English for one without a table."""
    return _language(code_of(language))


ENGLISH = language_for(DEFAULT)
