"""The README's curl examples, parsed from README.md and run in order through
DRF's test client against the demo data, as `make run` serves it.

On a fresh database the demo's ids start at 1; the test database's sequences
may not, so each id of the README is mapped to the object seed_demo creates
at that position (job 1 is the first demo job, application 1 the first demo
application) and the test checks that those are indeed the first ones.
"""

import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from ats.management.commands.seed_demo import DEMO_APPLICATIONS, DEMO_JOBS
from ats.models import Application, ApplicationHistory, Job, User
from ats.tests.factories import pdf_upload
from ats.workflow import Stage

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_curl_commands() -> list[str]:
    section = README.read_text().split("## JSON API", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(curl .*?)\n```", section, flags=re.S)]


def parse_curl(command: str) -> dict[str, Any]:
    words = shlex.split(command)
    request: dict[str, Any] = {"method": "GET", "headers": {}, "data": None, "form": {}}
    iterator = iter(words[1:])
    for word in iterator:
        if word == "-X":
            request["method"] = next(iterator)
        elif word == "-H":
            name, _, value = next(iterator).partition(": ")
            request["headers"][name] = value
        elif word == "-d":
            request["data"] = next(iterator)
        elif word == "-F":
            name, _, value = next(iterator).partition("=")
            request["form"][name] = value
        else:
            request["url"] = word
    return request


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    jobs = {title: Job.objects.get(title=title) for _, title, *_ in DEMO_JOBS}
    candidate, title, _ = DEMO_APPLICATIONS[0]
    first_application = Application.objects.get(candidate__username=candidate, job__title=title)
    # What "job 1" and "application 1" are on a fresh database:
    assert Job.objects.order_by("pk").first() == jobs[DEMO_JOBS[0][1]]
    assert Application.objects.order_by("pk").first() == first_application
    return {"jobs": [jobs[title] for _, title, *_ in DEMO_JOBS], "application": first_application}


def test_the_readme_curl_examples_work_in_order_against_the_demo_data(client, demo):
    def job_id(match: re.Match) -> str:
        return str(demo["jobs"][int(match.group(1)) - 1].pk)

    tokens: dict[str, str] = {}
    answers = []
    commands = readme_curl_commands()
    assert len(commands) >= 6
    for command in commands:
        request = parse_curl(command)
        assert request["url"].startswith("http://127.0.0.1:8000/api/")
        path = request["url"].removeprefix("http://127.0.0.1:8000")
        path = path.replace("/applications/1/", f"/applications/{demo['application'].pk}/")
        path = path.replace("application=1", f"application={demo['application'].pk}")
        headers = {name: value for name, value in request["headers"].items() if name != "Content-Type"}
        for placeholder, value in tokens.items():
            headers = {name: text.replace(placeholder, value) for name, text in headers.items()}
        assert "<" not in json.dumps(headers), f"a token placeholder is used before it is obtained: {command}"
        if request["form"]:
            form = dict(request["form"])
            form["job"] = str(demo["jobs"][int(form["job"]) - 1].pk)
            form["resume"] = pdf_upload()
            response = client.post(path, form, headers=headers)
        elif request["data"] is not None:
            body = re.sub(r'"job": (\d+)', lambda match: f'"job": {job_id(match)}', request["data"])
            for placeholder, value in tokens.items():
                body = body.replace(placeholder, value)
            response = client.generic(
                request["method"], path, body, content_type=request["headers"]["Content-Type"], headers=headers
            )
        else:
            response = client.generic(request["method"], path, headers=headers)

        assert response.status_code in (200, 201), f"{command}\n→ {response.status_code} {response.content!r}"
        answers.append(response.json())
        if path == "/api/token/":
            user = User.objects.get(username=json.loads(request["data"])["username"])
            pair = response.json()
            if user.role == User.Role.RECRUITER:
                tokens.update({"<ACCESS_TOKEN>": pair["access"], "<RECRUITER_TOKEN>": pair["access"]})
                tokens["<REFRESH_TOKEN>"] = pair["refresh"]
            else:
                tokens["<CANDIDATE_TOKEN>"] = pair["access"]

    candidate1 = User.objects.get(username="candidate1")
    assert Application.objects.filter(candidate=candidate1, job=demo["jobs"][0], stage=Stage.APPLIED).exists()
    demo["application"].refresh_from_db()
    assert demo["application"].stage == Stage.SCREENING
    assert ApplicationHistory.objects.filter(
        application=demo["application"], from_stage="Applied", to_stage="Screening", changed_by__username="recruiter1"
    ).exists()
    assert "Senior Backend Engineer" in {job["title"] for job in answers[1]["results"]}
    assert Application.objects.get(candidate=candidate1, job=demo["jobs"][7]).resume.name.endswith(".pdf")
