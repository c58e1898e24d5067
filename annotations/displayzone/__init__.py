"""How a signed-in person reads the pages: their display zone and interface language.

Times are stored in UTC; pages show them in the display zone (their choice, else the
newsroom's TIME_ZONE), with the zone written out. The interface language is their choice,
else the browser's language cookie or Accept-Language, else LANGUAGE_CODE. Both choices are
kept in the session (copied there at login and when changed), so a request reads no more
rows for them.
"""
