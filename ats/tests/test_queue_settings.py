"""The queue's configuration, read in a fresh interpreter (settings.HUEY is read once per process)."""

import json

from ats.tests.test_settings import run_manage

SHOW_HUEY = (
    "import json; from huey.contrib.djhuey import HUEY as h; s = h.storage; "
    "pool = getattr(s, 'pool', None); kwargs = pool.connection_kwargs if pool else {}; "
    "print(json.dumps({'class': type(h).__name__, 'immediate': h.immediate, 'results': h.results, "
    "'connect_timeout': kwargs.get('socket_connect_timeout'), 'read_timeout': kwargs.get('socket_timeout'), "
    "'db': kwargs.get('db'), 'filename': getattr(s, 'filename', None)}))"
)


def huey_config(**env: str) -> dict:
    result = run_manage("shell", "--verbosity", "0", "-c", SHOW_HUEY, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_redis_url_gives_a_redis_queue_whose_pool_times_out():
    config = huey_config(REDIS_URL="redis://127.0.0.1:6379/5", HUEY_IMMEDIATE="false")

    assert config["class"] == "PriorityRedisHuey"
    assert config["immediate"] is False
    assert config["results"] is False
    assert config["db"] == 5
    # A dead broker fails fast instead of hanging a request.
    assert 0 < config["connect_timeout"] <= 5
    assert 1 < config["read_timeout"] <= 10


def test_without_redis_url_the_queue_is_a_sqlite_file(tmp_path):
    config = huey_config(REDIS_URL="", HUEY_IMMEDIATE="false", HUEY_SQLITE_PATH=str(tmp_path / "queue.sqlite3"))

    assert config["class"] == "SqliteHuey"
    assert config["immediate"] is False
    assert config["filename"] == str(tmp_path / "queue.sqlite3")
