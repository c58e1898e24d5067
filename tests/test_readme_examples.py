"""Command lines the README gives run as written."""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_the_suggest_attributions_example_runs_as_written_without_a_secret_key(tmp_path):
    line = next(line for line in README.splitlines() if "manage.py suggest_attributions --jsonl" in line)
    words = shlex.split(line.split(">")[0])
    assignments = dict(word.split("=", 1) for word in words if re.fullmatch(r"[A-Z_]+=.*", word))
    command = [word for word in words if not re.fullmatch(r"[A-Z_]+=.*", word)]
    assert command[:3] == [".venv/bin/python", "manage.py", "suggest_attributions"]
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "1", "text": "Trump denied the report."}) + "\n")
    env = {
        key: value for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }

    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command[2:]], cwd=tmp_path, env={**env, **assignments},
        capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stderr[-2000:]


def test_make_run_takes_the_address_and_port_the_readme_names():
    assert "make run HOST=0.0.0.0:8080" in README

    dry_run = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", "run", "HOST=0.0.0.0:8080"], cwd=ROOT,
        capture_output=True, text=True, timeout=60,
    )

    assert "manage.py runserver 0.0.0.0:8080" in dry_run.stdout
