"""The stance vocabulary of attribution suggestions (the same words as Attribution.Stance).

The words of each language (reporting verbs and their stances, titles, pronouns, the
patterns of its clauses) live in `languages/`; the rules are the same for every language.
"""

ASSERTED = "asserted"
REPORTED = "reported"
CONFIRMED = "confirmed"
DENIED = "denied"
DISPUTED = "disputed"
NO_RESPONSE = "no_response"
