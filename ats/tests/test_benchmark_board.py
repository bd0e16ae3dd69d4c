import io

import pytest
from django.core.management import call_command

from ats.models import Application, User


@pytest.mark.django_db
def test_it_prints_each_request_with_constant_queries_and_leaves_the_database_as_it_was():
    out = io.StringIO()
    call_command("benchmark_board", "--sizes", "3", "40", "--repeat", "2", stdout=out)

    rows = [line.split() for line in out.getvalue().splitlines() if line.strip()[:1].isdigit()]
    queries = {(size, request): int(count) for size, request, count, *_ in rows}
    assert sorted(queries) == sorted(
        (size, request) for size in ("3", "40") for request in ("floor", "board", "fragment", "drop")
    )
    for request in ("floor", "board", "fragment", "drop"):
        assert queries["3", request] == queries["40", request], f"the {request}'s queries must not grow"
    assert queries["40", "drop"] <= 10
    assert not Application.objects.exists()
    assert not User.objects.exists()
