"""The site's icon: pages link it (base.html, which the phone pages share), and /favicon.ico answers, so that
browsers stop asking for it in vain."""

from django.contrib.staticfiles import finders


def test_favicon_ico_is_served_at_the_root_to_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_pages_link_the_icon(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/sqjz/favicon.svg" type="image/svg+xml">' in html
    assert finders.find("sqjz/favicon.svg")
