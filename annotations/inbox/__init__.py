"""A fact-checker's inbox: own drafts, what came back with a comment, what waits for review."""
