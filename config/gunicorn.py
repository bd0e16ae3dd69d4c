"""gunicorn's settings for the Procfile's `web` process, from the environment.

PORT and WEB_CONCURRENCY (the number of worker processes) are the platform's usual
variables; LOG_FORMAT=json makes gunicorn's own lines and its access log JSON, like
the app's (config/log_formats.py).
"""

import os

from config.log_formats import gunicorn_log_config

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request that takes longer is stuck: the worker is restarted rather than held.
timeout = 30
accesslog = "-"

if os.environ.get("LOG_FORMAT", "text") == "json":
    logconfig_dict = gunicorn_log_config()
