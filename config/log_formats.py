"""Log lines as JSON objects (LOG_FORMAT=json), for a log collector that indexes fields
rather than parsing text. python-json-logger writes them; this module names the fields.

Django, Huey and the app log through `JSON_FORMATTER` (settings.LOGGING); gunicorn's
own log and its access log through `gunicorn_log_config` (config/gunicorn.py), where
each request is a record whose fields are gunicorn's access atoms.
"""

from typing import Any

from pythonjsonlogger.json import JsonFormatter


def json_default(value: Any) -> str:
    """A value JSON has no type for: a time in ISO 8601; anything else (Django's request
    records carry the HttpRequest) by its repr, "<WSGIRequest: GET '/x'>"."""
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)


# One name per field across every process, whatever logged the line.
RENAMED = {"levelname": "level", "name": "logger"}
JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": RENAMED,
    # The record's time in ISO 8601, UTC, as "time".
    "timestamp": "time",
    "json_default": json_default,
}


class AccessLogFormatter(JsonFormatter):
    """One request as JSON: gunicorn passes its access atoms (h, m, U, s, D, ...) as the record's args."""

    def add_fields(self, log_data: dict[str, Any], record, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else {}
        log_data.update(
            remote_addr=atoms.get("h"),
            method=atoms.get("m"),
            path=atoms.get("U"),
            query=atoms.get("q") or None,
            status=int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
            duration_ms=round(int(atoms["D"]) / 1000, 1) if str(atoms.get("D", "")).isdigit() else None,
            response_bytes=int(atoms["B"]) if str(atoms.get("B", "")).isdigit() else None,
            user_agent=atoms.get("a"),
        )


def gunicorn_log_config() -> dict:
    """gunicorn's `logconfig_dict`: its own lines and one line per request, as JSON on stdout."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": dict(JSON_FORMATTER),
            "access": {**JSON_FORMATTER, "()": AccessLogFormatter, "fmt": "%(levelname)s %(name)s"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
