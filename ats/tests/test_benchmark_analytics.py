import io

import pytest
from django.core.management import call_command
from django.db import connection

from ats.models import Application, ApplicationHistory, Company, Interview, Scorecard, User


@pytest.mark.django_db
def test_it_prints_constant_queries_per_scenario_and_leaves_the_database_as_it_was():
    out = io.StringIO()
    call_command("benchmark_analytics", "--sizes", "20", "200", "--repeat", "1", stdout=out)

    rows = [line.split() for line in out.getvalue().splitlines() if line.strip()[:1].isdigit()]
    # applications, history rows, scenario words..., queries, median, p90
    by_size: dict[str, dict[str, str]] = {}
    for row in rows:
        by_size.setdefault(row[0], {})[" ".join(row[2:-3])] = row[-3]
    assert set(by_size) == {"20", "200"}
    assert len(by_size["20"]) == 4
    assert by_size["20"] == by_size["200"], "the analytics' query count must not grow with the applications"
    history = {row[0]: int(row[1]) for row in rows}
    assert history["200"] > 2 * 200, "about four history rows per application"
    for model in (Application, ApplicationHistory, Interview, Scorecard, User, Company):
        assert not model.objects.exists(), model


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT setting; SQLite has none")
def test_postgresql_runs_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
