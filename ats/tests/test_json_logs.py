"""LOG_FORMAT=json: every line the app, Django and gunicorn write is one JSON object.
Each test starts a fresh process, because logging is configured once per process."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_apps_log_lines_are_json_objects_with_level_logger_and_time():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "import logging; logging.getLogger('ats.tasks').warning('Sent %s emails', 3)",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    (line,) = [line for line in json_lines(result.stderr) if line.get("logger") == "ats.tasks"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Sent 3 emails"
    assert line["time"].startswith("20") and "T" in line["time"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_writes_its_access_log_as_json_with_the_requests_fields(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn.py"],
        cwd=BASE_DIR,
        env={**os.environ, "LOG_FORMAT": "json", "PORT": str(port), "WEB_CONCURRENCY": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?probe=1", timeout=5) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)

    lines = json_lines(output)
    (access,) = [line for line in lines if line.get("logger") == "gunicorn.access"]
    assert access["method"] == "GET"
    assert access["path"] == "/healthz"
    assert access["query"] == "probe=1"
    assert access["status"] == 200
    assert access["duration_ms"] >= 0
    assert any(line.get("logger") == "gunicorn.error" and "Listening at" in line["message"] for line in lines)
