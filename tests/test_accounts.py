"""Accounts: log in, log out and change a password; no password reset without mail to send it.
And where to report a vulnerability."""

import pytest
from django.urls import NoReverseMatch, reverse


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password_reset/", "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/", "/accounts/reset/MQ/abc-def/", "/accounts/reset/done/",
    ],
)
def test_password_reset_is_off(client, db, path):
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": "rita@factcheck.example"}).status_code == 404


def test_password_reset_has_no_url_name():
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")


def test_login_logout_and_password_change_still_work(client, reviewer):
    reviewer.set_password("a long passphrase for rita")
    reviewer.save()

    assert client.get(reverse("login")).status_code == 200
    logged_in = client.post(reverse("login"), {"username": "rita", "password": "a long passphrase for rita"})
    change = client.get(reverse("password_change"))
    logged_out = client.post(reverse("logout"))

    assert (logged_in.status_code, change.status_code, logged_out.status_code) == (302, 200, 302)


def test_security_txt_names_the_configured_contact(client, settings):
    settings.FACTCHECK_SECURITY_CONTACT = "security@factcheck.example"

    response = client.get("/.well-known/security.txt")

    lines = response.content.decode().splitlines()
    assert (response.status_code, response["Content-Type"]) == (200, "text/plain; charset=utf-8")
    assert lines[0] == "Contact: mailto:security@factcheck.example"
    assert lines[1].startswith("Expires: ") and lines[1].endswith("Z")
    assert lines[3] == "Canonical: http://testserver/.well-known/security.txt"


def test_security_txt_is_404_without_a_contact(client, settings):
    settings.FACTCHECK_SECURITY_CONTACT = ""

    assert client.get("/.well-known/security.txt").status_code == 404
