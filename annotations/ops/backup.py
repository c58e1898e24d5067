"""Back up and restore the database with pg_dump/pg_restore in PostgreSQL's custom format.

`dump_command`/`restore_command` are pure: settings in, argv and environment out.
`backup`/`restore` run them. SQLite is refused with the way to back it up instead.
"""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections


class BackupError(Exception):
    """The database cannot be backed up or restored this way."""


@dataclass(frozen=True)
class Command:
    argv: list[str]
    env: dict[str, str]


def _connection_args(db: dict) -> tuple[list[str], dict[str, str]]:
    if db["ENGINE"] != "django.db.backends.postgresql":
        if db["ENGINE"] == "django.db.backends.sqlite3":
            raise BackupError(
                "backup and restore need PostgreSQL; this database is the SQLite file "
                f"{db['NAME']}: stop the server and copy that file (e.g. "
                f"`sqlite3 {db['NAME']} \".backup backup.sqlite3\"`) instead."
            )
        raise BackupError(f"backup and restore need PostgreSQL, not {db['ENGINE']}.")
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # the environment, never the command line
    return args, env


def dump_command(db: dict, path: Path) -> Command:
    """Return the pg_dump call writing the whole database to `path` (custom format)."""
    args, env = _connection_args(db)
    return Command(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}", *args,
         "--dbname", db["NAME"]],
        env,
    )


def restore_command(db: dict, path: Path) -> Command:
    """Return the pg_restore call replacing the database's contents with the dump at `path`."""
    args, env = _connection_args(db)
    return Command(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", *args, "--dbname", db["NAME"], str(path)],
        env,
    )


def ensure_postgresql(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Raise BackupError, saying what to do instead, unless the database is PostgreSQL."""
    _connection_args(connections[alias].settings_dict)


def _run(command: Command) -> None:
    result = subprocess.run(
        command.argv, env={**os.environ, **command.env}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command.argv[0]} failed: {result.stderr.strip()}")


def backup(path: Path, *, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a custom-format dump of the database to `path` and return it."""
    command = dump_command(connections[alias].settings_dict, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _run(command)
    return path


def restore(path: Path, *, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the database's contents with the dump at `path`, in one transaction."""
    if not path.is_file():
        raise BackupError(f"no such dump file: {path}")
    command = restore_command(connections[alias].settings_dict, path)
    # Our own idle connection must not hold locks on the tables pg_restore drops.
    connections[alias].close()
    _run(command)
