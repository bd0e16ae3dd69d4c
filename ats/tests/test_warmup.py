"""A new web worker compiles the project's templates before it takes a request (config/warmup.py)."""

import logging
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.backends.django import DjangoTemplates

from config import gunicorn
from config.warmup import warm_up


def cached_loader():
    # Django's cached loader, inside django-template-partials' loader.
    engine = engines["django"]
    assert isinstance(engine, DjangoTemplates)
    loader = engine.engine.template_loaders[0]
    while not hasattr(loader, "get_template_cache"):
        loader = loader.loaders[0]  # type: ignore[attr-defined]
    return loader


def test_every_template_of_the_project_compiles_when_a_worker_starts(caplog):
    templates = Path(settings.BASE_DIR) / "templates"
    on_disk = {
        path.relative_to(templates).as_posix() for path in templates.rglob("*") if path.suffix in {".html", ".txt"}
    }
    cached_loader().reset()

    with caplog.at_level(logging.ERROR, logger="config.warmup"):
        gunicorn.post_worker_init(worker=None)

    assert caplog.records == []
    assert on_disk <= set(cached_loader().get_template_cache)
    assert warm_up() == len(on_disk)
