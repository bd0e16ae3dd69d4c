"""The load test's script (ats/loadtest/locustfile.py) runs for real: Locust, a few
simulated people of each kind, a live server on seed_load's data, and not one failed
request (a wrong path, a refused form, a missing CSRF token or privacy box would show).
On PostgreSQL, as `make loadtest` runs: SQLite's in-memory test database is one
connection that the live server's threads share, not a database for ten people at once."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

import ats.loadtest

LOCUSTFILE = Path(ats.loadtest.__file__).parent / "locustfile.py"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_candidates_recruiters_and_api_clients_run_without_a_failure(live_server, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    # As make loadtest: each simulated person's address from X-Forwarded-For, for the rate limits.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    call_command("seed_load", jobs=4, applications=40, force=True, stdout=None)

    run = ["-u", "10", "-r", "10", "-t", "8s", "--host", live_server.url, "--csv", str(tmp_path / "run")]
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
