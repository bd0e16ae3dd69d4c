import io

import pytest
from django.core.management import call_command

from ats.models import Application, User


@pytest.mark.django_db
def test_it_prints_constant_queries_and_leaves_the_database_as_it_was():
    out = io.StringIO()
    call_command("benchmark_board", "--sizes", "3", "40", "--repeat", "2", stdout=out)

    rows = [line.split() for line in out.getvalue().splitlines() if line.strip()[:1].isdigit()]
    assert [row[0] for row in rows] == ["3", "40"]
    assert rows[0][1] == rows[1][1], "the board's query count must not grow with its applications"
    assert not Application.objects.exists()
    assert not User.objects.exists()
