"""Attribution suggestions: who said what in an article (pure core in `core`)."""
