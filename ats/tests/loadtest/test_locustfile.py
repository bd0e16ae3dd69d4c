"""The load test's script (ats/loadtest/locustfile.py) runs for real: Locust, a few
simulated people of each kind, the Procfile's gunicorn on seed_load's data in the test
database, and not one failed request (a wrong path, a refused form, a missing CSRF
token or privacy box would show). On PostgreSQL, as `make loadtest` runs: SQLite's
in-memory test database is not one another process can open.

Not Django's live test server: under ten people at once it now and then closed a
connection without answering (RemoteDisconnected), which says nothing of the script."""

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

import ats.loadtest
import config.settings

LOCUSTFILE = Path(ats.loadtest.__file__).parent / "locustfile.py"
BASE_DIR = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_on_the_test_database(tmp_path: Path) -> Iterator[str]:
    """The Procfile's web command on this test's database; yields its address."""
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DATABASE_URL=f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        HUEY_IMMEDIATE="true",
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
        # As make loadtest: each simulated person's address from X-Forwarded-For, for the rate limits.
        ALLAUTH_TRUSTED_PROXY_COUNT="1",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{address}/healthz", timeout=2):  # noqa: S310 (our own server)
                    break
            except OSError:
                assert server.poll() is None, "gunicorn stopped at start"
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_candidates_recruiters_and_api_clients_run_without_a_failure(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    # The server checks passwords with the site's own hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = config.settings.PASSWORD_HASHERS
    call_command("seed_load", jobs=4, applications=40, force=True, stdout=None)

    with gunicorn_on_the_test_database(tmp_path) as address:
        run = ["-u", "10", "-r", "10", "-t", "8s", "--host", address, "--csv", str(tmp_path / "run")]
        subprocess.run(  # noqa: S603 (our own command line)
            [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary", *run],
            env={**os.environ, "LOADTEST_CANDIDATES": "10"},
            check=False,
            capture_output=True,
            timeout=60,
        )

    with (tmp_path / "run_stats.csv").open() as file:
        stats = {row["Name"]: row for row in csv.DictReader(file)}
    with (tmp_path / "run_failures.csv").open() as file:
        assert list(csv.DictReader(file)) == []
    assert int(stats["Aggregated"]["Failure Count"]) == 0
    # Every kind of person got in and did something.
    for name in ("log in", "api token", "home", "dashboard", "api applications"):
        assert int(stats[name]["Request Count"]) > 0, name
