"""The zone a signed-in person reads times in: their choice, else the newsroom's (TIME_ZONE).

Times are stored in UTC; pages show them in the display zone, with the zone written out.
The choice is kept in the session (copied there at login and when changed), so a request
reads no more rows for it.
"""
