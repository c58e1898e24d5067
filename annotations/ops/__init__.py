"""Operating the database: backups and restores (PostgreSQL's custom dump format)."""
