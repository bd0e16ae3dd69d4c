"""The API's JSON parser (ats.api.parsers): a body nested too deeply, or with a number
beyond a double's range, is a 400 on every endpoint, before any view sees it."""

import pytest

from ats.api.parsers import JSON_MAX_DEPTH, TOO_DEEP, nesting_depth
from ats.models import Job


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("5", 0),
        ('"[[[{{{"', 0),
        ("[]", 1),
        ('{"a": [1, {"b": "]]}}\\"]"}], "c": {}}', 3),
        (nested(JSON_MAX_DEPTH), JSON_MAX_DEPTH),
        # Invalid JSON: never counted shallower than the decoder would go before failing.
        ('["\\"' + "[" * 10, 11),
    ],
)
def test_nesting_depth_counts_brackets_outside_strings(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.parametrize(
    ("method", "url", "persona"),
    [
        ("post", "/api/token/", None),
        ("post", "/api/token/refresh/", None),
        ("post", "/api/jobs/", "recruiter"),
        ("patch", "/api/jobs/{job}/", "recruiter"),
        ("post", "/api/applications/apply/", "other_candidate"),
        ("post", "/api/applications/{application}/change-stage/", "recruiter"),
        ("post", "/api/interviews/", "recruiter"),
        ("post", "/api/scorecards/", "recruiter"),
    ],
)
def test_a_body_nested_deeper_than_the_limit_is_a_400_on_any_endpoint(
    request, api, api_as, job, application, method, url, persona
):
    # 100,000 levels ran Python's decoder out of stack: a RecursionError, a 500.
    client = api_as(request.getfixturevalue(persona)) if persona else api
    path = url.format(job=job.pk, application=application.pk)
    for depth in (JSON_MAX_DEPTH + 1, 100_000):
        response = getattr(client, method)(path, data=nested(depth), content_type="application/json")
        assert response.status_code == 400, response.content
        assert response.json() == {"detail": TOO_DEEP}


def test_a_body_at_the_limit_reaches_the_fields(api_as, recruiter):
    body = f'{{"title": {nested(JSON_MAX_DEPTH - 1)}, "description": "x", "employment_type": "full_time"}}'
    response = api_as(recruiter).post("/api/jobs/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert "title" in response.json()
    assert not Job.objects.exists()


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" * 400 + ".0"])
def test_a_number_beyond_a_double_is_a_400(api_as, recruiter, number):
    body = f'{{"title": "Data", "description": "x", "employment_type": "full_time", "extra": {number}}}'
    response = api_as(recruiter).post("/api/jobs/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": f"JSON parse error - The number {number} is too large."}
    assert not Job.objects.exists()
