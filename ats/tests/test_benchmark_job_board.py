import io

import pytest
from django.core.management import call_command

from ats.models import Company, Job


@pytest.mark.django_db
def test_it_prints_constant_queries_per_scenario_and_leaves_the_database_as_it_was():
    out = io.StringIO()
    call_command("benchmark_job_board", "--sizes", "30", "120", "--repeat", "2", stdout=out)

    rows = [line.split() for line in out.getvalue().splitlines() if line.strip()[:1].isdigit()]
    by_size: dict[str, list[str]] = {}
    for row in rows:
        by_size.setdefault(row[0], []).append(row[-3])  # the queries column
    assert set(by_size) == {"30", "120"}
    assert len(by_size["30"]) == 8
    assert by_size["30"] == by_size["120"], "the board's query count must not grow with the jobs"
    assert not Job.objects.exists()
    assert not Company.objects.exists()
