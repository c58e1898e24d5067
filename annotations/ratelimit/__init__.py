"""Request counters for the API throttles: one atomic increment per request, shared by every process."""
