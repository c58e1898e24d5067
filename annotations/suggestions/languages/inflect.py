"""Third-person forms of regular reporting verbs, for the language tables.

News reports speech in the third person: present, past (preterite, imperfect, the
participle of a compound past) and the gerund. Irregular verbs are listed by hand in
their tables.
"""


def es(infinitive: str) -> tuple[str, ...]:
    """Spanish: afirmar -> afirma, afirman, afirmó, afirmaron, afirmaba, afirmado, ..."""
    stem, ending = infinitive[:-2], infinitive[-2:]
    if ending == "ar":
        return (stem + "a", stem + "an", stem + "ó", stem + "aron", stem + "aba", stem + "aban",
                stem + "ado", stem + "ando")
    return (stem + "e", stem + "en", stem + "ió", stem + "ieron", stem + "ía", stem + "ían",
            stem + "ido", stem + "iendo")


def pt(infinitive: str) -> tuple[str, ...]:
    """Portuguese: afirmar -> afirma, afirmam, afirmou, afirmaram, afirmava, afirmado, ..."""
    stem, ending = infinitive[:-2], infinitive[-2:]
    if ending == "ar":
        return (stem + "a", stem + "am", stem + "ou", stem + "aram", stem + "ava", stem + "avam",
                stem + "ado", stem + "ando")
    vowel = ending[0]
    return (stem + "e", stem + "em", stem + ("eu" if vowel == "e" else "iu"),
            stem + vowel + "ram", stem + "ia", stem + "iam", stem + "ido",
            stem + vowel + "ndo")


def fr(infinitive: str) -> tuple[str, ...]:
    """French: déclarer -> déclare, déclarent, déclaré, déclara, déclarait, déclarant, ...
    (-ir verbs of the second group: averti, avertit, avertissent, ...)."""
    stem, ending = infinitive[:-2], infinitive[-2:]
    if ending == "er":
        soft = stem + "e" if stem.endswith("g") else stem  # jugeait, jugeant
        return (stem + "e", stem + "ent", stem + "é", stem + "a", stem + "èrent",
                soft + "ait", soft + "aient", soft + "ant")
    return (stem + "it", stem + "issent", stem + "i", stem + "irent", stem + "issait",
            stem + "issaient", stem + "issant")


_INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "wider", "hinter")


def de(stem: str) -> tuple[str, ...]:
    """German weak verbs: sag -> sagt, sagte, sagten, gesagt (erklär -> erklärt, no ge-)."""
    linking = "e" if stem.endswith(("t", "d")) or stem.endswith(("chn", "gn", "ffn")) else ""
    participle = stem + linking + "t"
    if not (stem.startswith(_INSEPARABLE) or stem.endswith("ier")):
        participle = "ge" + participle
    return (stem + linking + "t", stem + linking + "te", stem + linking + "ten", participle)
