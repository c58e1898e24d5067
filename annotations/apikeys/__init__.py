"""API keys for export clients: issued once, stored as a SHA-256 digest and a short prefix."""
