import io

import pytest
from django.core.management import call_command

from ats.models import Application, User


@pytest.mark.django_db
def test_it_prints_constant_queries_per_scenario_and_leaves_the_database_as_it_was():
    out = io.StringIO()
    call_command("benchmark_candidates", "--sizes", "30", "120", "--repeat", "2", stdout=out)

    rows = [line.split("  ") for line in out.getvalue().splitlines() if line.strip()[:1].isdigit()]
    by_size: dict[str, dict[str, str]] = {}
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        size, scenario, queries = cells[0], cells[1].rsplit(" ", 1)[0].strip(), cells[1].split()[-1]
        by_size.setdefault(size, {})[scenario] = queries
    assert set(by_size) == {"30", "120"}
    assert len(by_size["30"]) == 6
    assert by_size["30"] == by_size["120"], "the list's query count must not grow with the applications"
    assert not Application.objects.exists()
    assert not User.objects.exists()
