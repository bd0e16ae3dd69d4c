"""The Content-Security-Policy header (django-csp) and the markup it relies on: every
response carries the strict policy, and no template or third-party page we serve has an
inline script, inline style or event handler attribute (the browser tests check the same
pages in Chromium)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from ats.tests import factories

STRICT = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# What CSP refuses without 'unsafe-inline': a <script> without src (JSON data blocks
# aside), a <style> block, a style= attribute, an on...= handler, htmx's hx-on.
INLINE = re.compile(
    r"""<script(?![^>]*\bsrc=)(?![^>]*\btype=["']application/json)[^>]*>"""
    r"""|<style\b|\sstyle=|\son[a-z]+=|\shx-on[:-]|javascript:""",
    re.IGNORECASE,
)


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def inline_code_in(html: str) -> list[str]:
    return [match.group(0) for match in INLINE.finditer(html)]


@pytest.mark.django_db
def test_it_sends_the_strict_policy_on_a_public_page(client):
    response = client.get("/")

    assert response.status_code == 200
    assert policy_of(response) == STRICT
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("recruiter", "/workspace/"),
        ("recruiter", "/workspace/candidates/"),
        ("recruiter", "/api/jobs/"),
        ("candidate", "/accounts/profile/"),
        ("operator", "/admin/"),
        ("operator", "/admin/ats/job/"),
    ],
)
def test_it_sends_the_strict_policy_on_signed_in_pages_the_admin_and_the_api(client, people, persona, path):
    user = factories.CandidateFactory(is_staff=True, is_superuser=True) if persona == "operator" else people[persona]
    client.force_login(user)

    response = client.get(path)

    assert response.status_code == 200, path
    assert policy_of(response) == STRICT


@pytest.mark.django_db
def test_it_sends_the_strict_policy_on_a_refusal_and_a_missing_page(client, candidate):
    client.force_login(candidate)

    assert policy_of(client.get("/workspace/candidates/")) == STRICT  # 403
    missing = client.get("/jobs/999999/")
    assert missing.status_code == 404
    assert policy_of(missing) == STRICT


@pytest.mark.django_db
def test_the_api_docs_may_show_data_images_and_nothing_else_more(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert policy_of(response) == {**STRICT, "img-src": ["'self'", "data:"]}
    html = response.content.decode()
    assert inline_code_in(html) == []
    assert '<script src="/api/docs/?script="></script>' in html


@pytest.mark.django_db
def test_the_api_docs_init_script_is_a_javascript_file_that_loads_our_schema(client):
    response = client.get("/api/docs/?script=")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert "SwaggerUIBundle(" in script
    assert 'url: "/api/schema/"' in script


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/jobs/", "/api/jobs/?ordering=-title", "/api/"])
def test_the_browsable_api_has_no_inline_style_or_script(client, recruiter, path):
    factories.JobFactory(company=recruiter.company)
    client.force_login(recruiter)

    response = client.get(path, headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert inline_code_in(response.content.decode()) == []


def test_no_web_page_template_has_an_inline_script_style_or_handler():
    # Emails (emails/, allauth's account/email/) are not web pages: their HTML may need inline
    # styles. Template tags are left out ({% render_field field style=style %} is DRF's argument).
    templates = Path(settings.BASE_DIR, "templates")
    pages = [
        path
        for path in sorted(templates.rglob("*.html"))
        if not path.relative_to(templates).as_posix().startswith(("emails/", "account/email/"))
    ]
    offending = {
        str(path.relative_to(templates)): found
        for path in pages
        if (found := inline_code_in(re.sub(r"{%.*?%}", "", path.read_text())))
    }

    assert len(pages) > 50

    assert offending == {}


def test_the_inline_pattern_finds_what_csp_refuses():
    assert inline_code_in('<script>alert(1)</script><script src="/a.js"></script>') == ["<script>"]
    assert inline_code_in('<script type="application/json" id="x">{}</script>') == []
    assert inline_code_in('<p style="color: red" onclick="go()">') == [" style=", " onclick="]
    assert inline_code_in("<style>p {}</style><div hx-on:click='x'>") == ["<style", " hx-on:"]
