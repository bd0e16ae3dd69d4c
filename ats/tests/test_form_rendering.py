"""Every form renders through one path (ats/forms/renderer.py, templates/forms/):
labels without a colon, help and errors linked to the input, optional fields
marked, radio groups in a fieldset with a legend, sentence-case buttons."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from ats.forms.candidate import ApplyForm
from ats.forms.workspace import GeneralReviewForm, JobForm
from ats.services.team import invitation_create

TITLE_CASE = [
    "Sign Out",
    "Sign In",
    "Sign Up",
    "Log In",
    "Log Out",
    "Remember Me",
    "Password (again)",
    "Change Password",
]


class Page(HTMLParser):
    """The page's form controls, labels, legends and buttons."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self.ids: set[str] = set()
        self.texts: dict[str, list[str]] = {"label": [], "legend": [], "button": []}
        self._open: list[tuple[str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "label" and "for" in attributes:
            self.label_for.add(attributes["for"])
        if tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit"):
            self.controls.append(attributes)
        if tag in self.texts:
            self._open.append((tag, []))

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            self.texts[tag].append(" ".join("".join(parts).split()))


def assert_our_field_markup(html: str) -> Page:
    page = Page(html)
    assert page.controls, "the page has no form"
    for text in page.texts["label"] + page.texts["legend"]:
        assert not text.endswith(":"), f"a label ends with a colon: {text!r}"
    for control in page.controls:
        if control.get("type") in ("radio", "checkbox") and control["id"] not in page.label_for:
            continue  # a choice of a group: its <label> wraps it, the group has a legend
        assert control.get("id") in page.label_for, f"no label for {control}"
        described = control.get("aria-describedby", "").split()
        for suffix in ("_helptext", "_error"):
            if control["id"] + suffix in page.ids:
                assert control["id"] + suffix in described, f"{control['id']}{suffix} not linked"
        if control["id"] + "_error" in page.ids:
            assert control.get("aria-invalid") == "true"
    for words in TITLE_CASE:
        assert words not in html, f"{words!r} on the page"
    return page


@pytest.fixture
def token(recruiter):
    _, token = invitation_create(
        company=recruiter.company, invited_by=recruiter, email="new@acme.example", role="hiring_manager"
    )
    return token


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url"),
    [
        (None, "/hiring/signup/"),
        ("recruiter", "/workspace/jobs/new/"),
        ("recruiter", "/workspace/jobs/{job}/"),
        ("recruiter", "/workspace/team/"),
        (None, "/invitations/{token}/"),
        ("candidate", "/jobs/{job}/"),
        (None, "/accounts/login/"),
        (None, "/accounts/signup/"),
        (None, "/accounts/password/reset/"),
        ("candidate", "/accounts/password/change/"),
        ("candidate", "/accounts/email/"),
    ],
)
def test_every_form_page_renders_our_field_markup(client, request, job, token, other_hiring_manager, persona, url):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(url.format(job=job.pk, token=token))
    assert response.status_code == 200
    assert_our_field_markup(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "data"),
    [
        (None, "/hiring/signup/", {"email": "not-an-email"}),
        ("recruiter", "/workspace/jobs/new/", {"title": ""}),
        ("recruiter", "/workspace/team/", {"email": "nope"}),
        (None, "/invitations/{token}/", {"username": ""}),
        ("candidate", "/jobs/{job}/apply/", {"cover_letter": "Hello"}),
        (None, "/accounts/login/", {"login": ""}),
        (None, "/accounts/signup/", {"email": "not-an-email"}),
        ("candidate", "/accounts/password/change/", {"oldpassword": "wrong"}),
    ],
)
def test_a_refused_form_links_each_error_to_its_field(client, request, job, token, persona, url, data):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.post(url.format(job=job.pk, token=token), data)
    html = response.content.decode()
    assert response.status_code in (200, 422)
    assert 'class="error-summary"' in html
    assert '_error"' in html and 'aria-invalid="true"' in html
    assert_our_field_markup(html)


def render(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def test_labels_have_no_colon_and_optional_fields_say_so():
    html = render(ApplyForm())
    assert '<label for="id_resume">Resume</label>' in html
    assert '<label for="id_cover_letter">Cover letter <span class="field__optional">(optional)</span></label>' in html
    assert "Title:" not in render(JobForm()) and ">Title</label>" in render(JobForm())
    assert ApplyForm()["resume"].label_tag() == '<label for="id_resume">Resume</label>'


def test_help_text_is_linked_to_its_input():
    html = render(JobForm())
    assert 'id="id_location_helptext"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_location_helptext"[^>]*id="id_location"', html)


def test_a_radio_group_is_a_fieldset_named_by_its_legend():
    form = GeneralReviewForm(data={})
    form.is_valid()
    html = render(form)
    fieldset = re.search(r"<fieldset[^>]*>.*?</fieldset>", html, re.S)
    assert fieldset, html
    assert 'aria-describedby="id_recommendation_error"' in fieldset.group(0)
    assert "<legend>Your recommendation</legend>" in fieldset.group(0)
    assert 'type="radio"' in fieldset.group(0)


def test_the_file_input_is_in_a_file_field_with_its_accepted_types():
    html = render(ApplyForm())
    assert re.search(r'<div class="field field--file">\s*<label for="id_resume">', html)
    assert re.search(r'<input type="file"[^>]*accept="\.pdf,\.docx', html)


def test_the_error_summary_comes_with_the_form():
    form = JobForm(data={})
    form.is_valid()
    html = render(form)
    assert html.index('class="error-summary"') < html.index('id="id_title"')
    assert '<a href="#id_title">Title: This field is required.</a>' in html


@pytest.mark.django_db
def test_favicon_is_linked_and_favicon_ico_redirects_to_the_png(client):
    page = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/ats/favicon\.svg" type="image/svg\+xml">', page)
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/ats/favicon.png"
    assert finders.find("ats/favicon.png") and finders.find("ats/favicon.svg")
