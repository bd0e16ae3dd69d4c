"""gunicorn's settings for the Procfile's `web` process, from the environment.

PORT and WEB_CONCURRENCY (the number of worker processes) are the platform's usual
variables; LOG_FORMAT=json makes gunicorn's own lines and its access log JSON, like
the app's (config/log_formats.py).
"""

import os

from config.log_formats import gunicorn_log_config

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Threads, so that a request waiting (on the database, or on a login's password hash,
# which hashlib computes without the GIL) never holds a whole process: with the sync
# workers of before, a ramp of 20 logins held every worker for seconds and page views
# queued behind them (docs/performance.md). One process per core plus one; each thread
# holds a database connection (CONN_MAX_AGE), so workers x threads must fit PostgreSQL's
# max_connections with the worker's and the other servers' to spare.
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1)))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# A request that takes longer is stuck: the worker is restarted rather than held.
timeout = 30
accesslog = "-"


def post_worker_init(worker) -> None:
    """The worker has loaded Django: compile the templates and build the URL resolver before
    it takes a request, so that no visitor waits for it (config/warmup.py)."""
    from config.warmup import warm_up  # Django is set up only now

    warm_up()


if os.environ.get("LOG_FORMAT", "text") == "json":
    logconfig_dict = gunicorn_log_config()
