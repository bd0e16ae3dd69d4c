"""Start-up configuration: each check starts a fresh interpreter, because
settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "ats.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://ats.example.com",
    "SITE_URL": "https://ats.example.com",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 -- our own manage.py with a fixed argument list
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "k" * 60, "SITE_URL": ""}, "SITE_URL"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"EMAIL_URL": "pigeon://coop"}, "EMAIL_URL"),
        ({"EMAIL_URL": "filemail://relative/folder"}, "EMAIL_URL"),
        ({"REDIS_URL": "http://not-redis"}, "REDIS_URL"),
        ({"HUEY_WORKERS": "many"}, "HUEY_WORKERS"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_bad_value_stops_start_up_naming_the_variable(env, named):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {named}" in result.stderr


def test_deploy_checks_pass_with_production_values(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, HUEY_SQLITE_PATH=str(tmp_path / "q")
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_email_url_configures_smtp():
    result = run_manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        EMAIL_URL="smtp+tls://user:secret@mail.example.com:587",
    )
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "mail.example.com", "587", "True"]


def test_email_url_filemail_writes_to_the_absolute_folder_it_names(tmp_path):
    folder = tmp_path / "mail" / "outgoing"
    working_folder = tmp_path / "elsewhere"
    working_folder.mkdir()
    send = (
        "from django.conf import settings; from django.core.mail import send_mail; "
        "print(settings.EMAIL_FILE_PATH); send_mail('Hello', 'Body', 'a@example.com', ['b@example.com'])"
    )
    # Started from another folder, as a service manager may: the path must not depend on it.
    result = subprocess.run(  # noqa: S603 -- our own manage.py with a fixed argument list
        [sys.executable, str(BASE_DIR / "manage.py"), "shell", "--verbosity", "0", "-c", send],
        cwd=working_folder,
        env={**os.environ, "EMAIL_URL": f"filemail://{folder}"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(folder)]
    [sent] = folder.iterdir()
    assert "Subject: Hello" in sent.read_text()
    assert list(working_folder.iterdir()) == []


def test_naming_a_bucket_puts_the_files_in_object_storage():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.location, s.endpoint_url, s.file_overwrite)",
        AWS_STORAGE_BUCKET_NAME="ats-files",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "ats-files", "media", "http://127.0.0.1:9000", "False"]


def test_files_stay_on_disk_without_a_bucket():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.files.storage import storages; print(type(storages['default']).__name__)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FileSystemStorage"]
