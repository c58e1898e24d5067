"""Security headers on our pages; the admin and Swagger UI keep their own style policy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/articles/{article}/", "/claims/{claim}/"])
def test_our_pages_forbid_inline_styles_and_scripts(client, reviewer, article, verified, path):
    client.force_login(reviewer)

    response = client.get(path.format(article=article.pk, claim=verified.pk))

    assert response.status_code == 200
    policy = directives(response)
    assert policy["style-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", ["/admin/", "/api/docs/"])
def test_admin_and_swagger_keep_inline_styles_but_not_inline_scripts(client, admin_user, path):
    client.force_login(admin_user)

    response = client.get(path)

    policy = directives(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


@pytest.mark.parametrize("path", ["/", "/api/v1/claims/", "/healthz"])
def test_every_response_carries_the_browser_policies(client, db, path):
    response = client.get(path)

    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_our_templates_carry_no_inline_style():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        if "admin" in template.relative_to(ROOT / "templates").parts:
            continue  # admin pages run under the admin's own policy
        text = template.read_text()
        if re.search(r"\sstyle\s*=|<style\b", text, re.I):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_our_scripts_never_write_style_attributes_or_elements():
    offenders = []
    for script in (ROOT / "static").rglob("*.js"):
        text = script.read_text()
        # element.style.x = ... goes through the CSSOM, which the policy allows.
        if re.search(r"setAttribute\(\s*['\"]style['\"]|createElement\(\s*['\"]style['\"]", text):
            offenders.append(str(script.relative_to(ROOT)))
    assert offenders == []


def test_production_cookies_are_secure_httponly_and_same_site():
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True,
        text=True, timeout=60,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": secrets.token_urlsafe(50),
             "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert result.stdout.splitlines()[-1].split() == ["True", "True", "True", "Lax", "Lax"], result.stderr
