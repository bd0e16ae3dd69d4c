"""The API's settings from the environment: a value that can't be parsed stops start-up naming it."""

import pytest

from ats.tests.test_settings import run_manage


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"API_TOKEN_RATE": "lots"}, "API_TOKEN_RATE"),
        ({"API_TOKEN_RATE": "20/fortnight"}, "API_TOKEN_RATE"),
        ({"API_ACCESS_TOKEN_MINUTES": "quarter-hour"}, "API_ACCESS_TOKEN_MINUTES"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_bad_api_value_stops_start_up_naming_the_variable(env, named):
    result = run_manage("check", **env)

    assert result.returncode != 0
    assert named in result.stderr


def test_the_api_values_are_read_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SIMPLE_JWT['ACCESS_TOKEN_LIFETIME'], s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['token'])",
        API_ACCESS_TOKEN_MINUTES="5",
        API_TOKEN_RATE="3/hour",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["0:05:00", "3/hour"]
