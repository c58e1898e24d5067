"""The live desk: open pages receive others' changes, see who is here and who edits what.

The public face is small. The services call `announce` (annotation created, edited, reviewed,
deleted; suggestions dismissed; article changed) inside their transaction; each event is sent
after the commit, numbered per article and audience (`store`), to the sockets of that article
(`consumers`), which receive only what their user may read (`core.audience_of`, `core.views_of`).
`routing` mounts the sockets in factcheck/asgi.py.
"""
