"""`make run` as a person uses it: start it in a terminal, press Ctrl-C, get the prompt back.

Ctrl-C sends SIGINT to the terminal's whole process group; the test does the same
to a process group of its own. Slow on purpose (about 15 seconds): `make run`
migrates and seeds a fresh database before it serves, and that is part of what a
person runs.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
STARTUP_SECONDS = 120
# Generous: on a busy 2-core machine (load 7) the worker and the server took over 10 s to stop.
STOP_SECONDS = 30

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not Path("/proc/self/stat").exists(),
    reason="needs make and Linux's /proc to see the processes of a group",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=1).close()
    except OSError:
        return False
    return True


def group_members(pgid: int) -> dict[int, str]:
    """The live (not zombie) processes of a process group, with their command lines."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # it ended while we looked
            continue
        state, _ppid, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state != "Z":
            members[int(entry.name)] = cmdline
    return members


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_ctrl_c_stops_the_worker_and_the_web_server_and_make_returns(tmp_path):
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        HUEY_SQLITE_PATH=str(tmp_path / "huey.sqlite3"),
        HUEY_IMMEDIATE="false",
        MEDIA_ROOT=str(tmp_path / "media"),
        DEBUG="true",
        EMAIL_URL="consolemail://",
    )
    # The interpreter running the tests is the project's; -o: never reinstall requirements here.
    venv = sys.prefix
    command = ["make", "--no-print-directory", "run", f"VENV={venv}", "-o", f"{venv}/.installed"]
    command += [f"HOST={HOST}", f"PORT={port}"]
    make = subprocess.Popen(  # noqa: S603 -- our own Makefile with a fixed argument list
        command,
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    pgid = make.pid
    try:
        started = wait_until(lambda: answers(port) or make.poll() is not None, STARTUP_SECONDS)
        assert started and make.poll() is None, f"make run did not start serving: {make.stderr.read()!r}"
        running = group_members(pgid).values()
        assert any("run_huey" in line for line in running), running
        assert any("runserver" in line for line in running), running

        os.killpg(pgid, signal.SIGINT)

        assert wait_until(lambda: make.poll() is not None, STOP_SECONDS), (
            f"make did not return after Ctrl-C; still running: {group_members(pgid)}"
        )
        assert wait_until(lambda: not group_members(pgid), STOP_SECONDS), group_members(pgid)
        assert not answers(port)
    finally:
        if group_members(pgid):
            os.killpg(pgid, signal.SIGKILL)
        make.wait(timeout=STOP_SECONDS)
        make.stderr.close()
