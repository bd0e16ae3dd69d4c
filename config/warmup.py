"""Ready a fresh web worker before it takes requests (config/gunicorn.py's post_worker_init).

Django compiles a template, and builds the URL resolver, the first time a request
needs them: the first page a new worker serves cost about 0.4 s instead of a few
milliseconds, and the load test saw those first requests of each worker, all in
its ramp, as the slowest of their endpoints. Compiling the project's templates (the
pages and the emails a request renders) and building the resolver here takes about
0.4 s once per worker, before gunicorn hands it a connection.
"""

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = frozenset({".html", ".txt"})


def warm_up() -> int:
    """Compile every template of the project's template directories into the cached loader and
    build the URL resolver; returns how many templates compiled. A template that doesn't compile
    is logged, not raised: the page that uses it fails as it would have, the worker still starts."""
    compiled = 0
    engines: list[dict[str, Any]] = settings.TEMPLATES
    directories = [Path(directory) for engine in engines for directory in engine.get("DIRS", [])]
    for directory in directories:
        for path in sorted(directory.rglob("*")):
            if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                continue
            try:
                get_template(path.relative_to(directory).as_posix())
            except Exception:
                logger.exception("template %s does not compile", path)
            else:
                compiled += 1
    get_resolver().reverse_dict  # noqa: B018 (building the resolver's lookup tables is the point)
    return compiled
