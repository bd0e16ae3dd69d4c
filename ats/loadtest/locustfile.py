"""The load test's simulated people (issue 15): candidates, the hiring team, API clients.

Run by `make loadtest` (ats/loadtest/run.sh) against gunicorn on the data of
`manage.py seed_load`; by hand:

    locust -f ats/loadtest/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8860

Each person does what the browser would: reads the CSRF token from the cookie, sends
htmx's headers where the page's htmx would, uploads a small PDF resume and ticks the
privacy notice's box. Every person logs in (or asks for an API token) once, at the
start, so the ramp is also a login storm. Paths come from Django's URL names
(reverse), so the load test follows the routes. LOADTEST_CANDIDATES: how many of
seed_load's candidates to log in as (at most the number it made).
"""

# ruff: noqa: S311 (random picks what a simulated person does next, not a secret)

import http.cookiejar
import itertools
import os
import random
import re

import django
from django.apps import apps

if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

from django.urls import reverse
from locust import HttpUser, between, task

from ats.demo import DEMO_PASSWORD, resume_pdf
from ats.management.commands.seed_load import (
    COMPANIES,
    RECRUITERS_PER_COMPANY,
    load_candidate_username,
    load_recruiter_username,
)
from ats.workflow import TRANSITIONS, Stage

CANDIDATES = int(os.environ.get("LOADTEST_CANDIDATES", "500"))
RESUME = resume_pdf([["Load Candidate", "Backend engineer", "Python, PostgreSQL, Kubernetes"]])
SEARCHES = ("engineer", "backend", "data", "remote", "berlin", "manager", "support engineer")
NOTES = ("Strong portfolio; worth a screen.", "Asked about the salary band.", "Follow up next week.")

JOB_LINK = re.compile(r'href="/jobs/(\d+)/"')
BOARD_LINK = re.compile(r'href="/workspace/jobs/(\d+)/board/"')
CARD = re.compile(r'data-application-id="(\d+)" data-allowed-targets="([^"]*)"')
COLUMN = re.compile(r'data-stage="(\w+)"')
# Each simulated person comes from an address of their own (X-Forwarded-For, trusted as
# one proxy by `make loadtest`), as real people do: the login rate limits count per address.
_addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))


class ProxiedTlsCookies(http.cookiejar.DefaultCookiePolicy):
    """Keep Secure cookies for plain HTTP: gunicorn stands where the TLS-terminating
    proxy would hand it the request, and the session and CSRF cookies are Secure.
    (requests copies the cookies into a jar of its own for each request, without this
    policy, so the flag is dropped as a cookie is stored.)"""

    def set_ok(self, cookie: http.cookiejar.Cookie, request) -> bool:
        cookie.secure = False
        return super().set_ok(cookie, request)


def stage_after(stage: str) -> str | None:
    """The next stage forward (not Rejected, which asks for a reason)."""
    targets = [target for target in TRANSITIONS[Stage(stage)] if target != Stage.REJECTED]
    return targets[0].value if targets else None


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.origin = (self.host or "").rstrip("/")
        self.client.cookies.set_policy(ProxiedTlsCookies())
        self.client.headers["X-Forwarded-For"] = next(_addresses)
        self.client.headers["Origin"] = self.origin
        # As nginx talks to its upstream by default (HTTP/1.0): one connection a request, so no
        # request races gunicorn closing an idle keep-alive connection.
        self.client.headers["Connection"] = "close"

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken") or ""

    def htmx(self, current_url: str, target: str) -> dict[str, str]:
        return {
            "HX-Request": "true",
            "HX-Current-URL": self.origin + current_url,
            "HX-Target": target,
            "X-CSRFToken": self.csrf(),
        }

    def log_in(self, username: str) -> None:
        url = reverse("account_login")
        self.client.get(url, name="login form")
        with self.client.post(
            url,
            data={"login": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": self.origin + url},
            name="log in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{username} could not log in: {response.status_code}")


class Candidate(Person):
    """Browses the job board, searches it, reads jobs, applies with a resume, follows their applications."""

    weight = 5

    def on_start(self) -> None:
        super().on_start()
        self.jobs: list[str] = []
        self.browse()
        self.log_in(load_candidate_username(random.randrange(CANDIDATES)))

    @task(3)
    def browse(self) -> None:
        page = self.client.get(reverse("home"), name="home")
        self.jobs = JOB_LINK.findall(page.text) or self.jobs

    @task(3)
    def search(self) -> None:
        home = reverse("home")
        self.client.get(
            home,
            params={"q": random.choice(SEARCHES)},
            headers=self.htmx(home, "job-results"),
            name="home search (htmx)",
        )

    @task(3)
    def read_job(self) -> None:
        if self.jobs:
            self.client.get(reverse("job_detail", args=[random.choice(self.jobs)]), name="job page")

    @task(1)
    def my_applications(self) -> None:
        self.client.get(reverse("my_applications"), name="my applications")

    @task(2)
    def apply(self) -> None:
        """Apply to a job whose page still offers the form (not one applied to before)."""
        if not self.jobs:
            return
        job = random.choice(self.jobs)
        page_url = reverse("job_detail", args=[job])
        page = self.client.get(page_url, name="job page")
        if 'name="accept_privacy_notice"' not in page.text:
            return
        with self.client.post(
            reverse("job_apply", args=[job]),
            data={
                "cover_letter": "Hello, I would love to join your team.",
                "accept_privacy_notice": "on",
                "csrfmiddlewaretoken": self.csrf(),
            },
            files={"resume": ("resume.pdf", RESUME, "application/pdf")},
            headers=self.htmx(page_url, "apply"),
            name="apply (htmx, resume)",
            catch_response=True,
        ) as response:
            if "HX-Redirect" not in response.headers:
                response.failure(f"not applied: {response.status_code}")


class Recruiter(Person):
    """Opens boards, searches them, moves cards forward, reads applications and adds notes."""

    weight = 3

    def on_start(self) -> None:
        super().on_start()
        company = random.choice(COMPANIES)
        self.log_in(load_recruiter_username(company, random.randrange(RECRUITERS_PER_COMPANY)))
        dashboard = self.client.get(reverse("dashboard"), name="dashboard")
        self.boards = BOARD_LINK.findall(dashboard.text)
        self.cards: list[tuple[str, str]] = []
        self.board_url = ""

    @task(1)
    def dashboard(self) -> None:
        self.client.get(reverse("dashboard"), name="dashboard")

    @task(4)
    def board(self) -> None:
        if not self.boards:
            return
        self.board_url = reverse("job_board", args=[random.choice(self.boards)])
        page = self.client.get(self.board_url, name="board")
        self.cards = cards_with_stage(page.text)

    @task(1)
    def board_search(self) -> None:
        if self.board_url:
            self.client.get(
                self.board_url,
                params={"q": "load"},
                headers=self.htmx(self.board_url, "board"),
                name="board search (htmx)",
            )

    @task(3)
    def move(self) -> None:
        """Move a card one stage forward, as the card's menu does (htmx, the board's state)."""
        movable = [(pk, stage) for pk, stage in self.cards if stage_after(stage)]
        if not movable:
            return
        pk, stage = random.choice(movable)
        self.cards.remove((pk, stage))
        with self.client.post(
            reverse("application_move", args=[pk]),
            data={"from_stage": stage, "to_stage": stage_after(stage), "board_state": ""},
            headers=self.htmx(self.board_url, "board"),
            name="move (htmx)",
            catch_response=True,
        ) as response:
            # 409: another recruiter moved the card first; the answer shows the board as it is now.
            if response.status_code == 409:
                response.success()

    @task(2)
    def note(self) -> None:
        if not self.cards:
            return
        pk, _ = random.choice(self.cards)
        self.client.get(reverse("application_detail", args=[pk]), name="application page")
        self.client.post(
            reverse("application_note_add", args=[pk]),
            data={"body": random.choice(NOTES), "csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": self.origin + reverse("application_detail", args=[pk])},
            name="add note",
        )


def cards_with_stage(board: str) -> list[tuple[str, str]]:
    """(application id, stage) of every card on a board's HTML, in its columns' order."""
    cards = []
    columns = COLUMN.split(board)
    # split() gives the text before the first column, then (stage, the column's text) pairs.
    for stage, text in zip(columns[1::2], columns[2::2], strict=True):
        cards += [(pk, stage) for pk, _ in CARD.findall(text)]
    return cards


class ApiClient(Person):
    """A recruiter's integration: a JWT, then lists of jobs and applications, and moves."""

    weight = 2

    def on_start(self) -> None:
        super().on_start()
        company = random.choice(COMPANIES)
        username = load_recruiter_username(company, random.randrange(RECRUITERS_PER_COMPANY))
        with self.client.post(
            reverse("api:token"),
            json={"username": username, "password": DEMO_PASSWORD},
            name="api token",
            catch_response=True,
        ) as response:
            token = response.json().get("access", "") if response.ok else ""
            if not token:
                response.failure(f"no token: {response.status_code}")
        self.client.headers["Authorization"] = f"Bearer {token}"
        jobs = self.client.get(reverse("api:job-list"), name="api jobs").json()
        self.jobs = [job["id"] for job in jobs.get("results", []) if job.get("status") == "open"]

    @task(1)
    def jobs_list(self) -> None:
        self.client.get(reverse("api:job-list"), name="api jobs")

    @task(3)
    def applications(self) -> None:
        params = {"stage": random.choice(["Applied", "Screening", "Interview"])}
        if self.jobs:
            params["job"] = random.choice(self.jobs)
        self.client.get(reverse("api:application-list"), params=params, name="api applications")

    @task(2)
    def move(self) -> None:
        if not self.jobs:
            return
        listed = self.client.get(
            reverse("api:application-list"),
            params={"job": random.choice(self.jobs), "stage": random.choice(["Applied", "Screening"])},
            name="api applications",
        ).json()
        results = listed.get("results", [])
        if not results:
            return
        application = random.choice(results)
        with self.client.post(
            reverse("api:application-change-stage", args=[application["id"]]),
            json={"stage": stage_after(application["stage"]), "from_stage": application["stage"]},
            name="api change stage",
            catch_response=True,
        ) as response:
            # 409: moved by someone else in the meantime (the API says so rather than moving it twice).
            if response.status_code == 409:
                response.success()
