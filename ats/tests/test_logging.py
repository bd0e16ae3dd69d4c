"""What the logs say about a refused or missing page: one line each, and a traceback
only for a server error. The `console` fixture points every console handler the
logging configuration made at one buffer: what it holds is what a person running
the server reads."""

import io
import logging

import pytest


@pytest.fixture
def console(settings):
    # Django's own console handler (the one that doubled every line) prints only with DEBUG on.
    settings.DEBUG = True
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    handlers = {
        handler
        for logger in loggers
        for handler in getattr(logger, "handlers", [])
        # pytest's own capture handlers are StreamHandlers too; they are not the console.
        if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith("_pytest")
    }
    buffer = io.StringIO()
    previous = {handler: handler.setStream(buffer) for handler in handlers}
    yield buffer
    for handler, stream in previous.items():
        handler.setStream(stream)


def lines_with(console: io.StringIO, needle: str) -> list[str]:
    return [line for line in console.getvalue().splitlines() if needle in line]


@pytest.mark.django_db
def test_a_403_is_logged_once_without_a_traceback(client, candidate, console, caplog):
    client.force_login(candidate)

    assert client.get("/workspace/").status_code == 403

    [line] = lines_with(console, "Forbidden")
    assert "WARNING django.request: Forbidden" in line
    assert "Traceback" not in console.getvalue()
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert (record.status_code, record.exc_info) == (403, None)


@pytest.mark.django_db
def test_a_404_is_logged_once(client, console):
    assert client.get("/no-such-page/").status_code == 404

    [line] = lines_with(console, "Not Found")
    assert "WARNING django.request: Not Found: /no-such-page/" in line


def test_a_server_error_keeps_its_traceback(console):
    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /x/", exc_info=True, extra={"status_code": 500}
        )

    assert len(lines_with(console, "Internal Server Error: /x/")) == 1
    assert "Traceback" in console.getvalue()
    assert "RuntimeError: the database went away" in console.getvalue()
