"""Fixed personas for every test: one company ("Acme") with its team, an
outsider company ("Globex") with its recruiter, and a candidate."""

import contextlib
import datetime

import pytest
import redis
from django.utils import timezone
from huey.storage import RedisStorage

from ats import tasks
from ats.tests import factories
from ats.tests.analytics.hiring_story import tell


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing with a deliberately slow hasher would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A broker failure pauses enqueueing for the process; no test inherits another's pause.
    tasks._broker_paused_until = 0.0


# Every persona fixture below, by name: the permission tests walk them all.
PERSONAS = [
    "candidate",
    "other_candidate",
    "recruiter",
    "outsider_recruiter",
    "hiring_manager",
    "other_hiring_manager",
    "outsider_hiring_manager",
]


@pytest.fixture
def people(request) -> dict:
    """Every persona, by name."""
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def acme(db):
    return factories.CompanyFactory(name="Acme")


@pytest.fixture
def strict_acme(acme):
    """Acme requiring two-factor of its recruiters and hiring managers."""
    acme.require_two_factor = True
    acme.save(update_fields=["require_two_factor"])
    return acme


@pytest.fixture
def globex(db):
    return factories.CompanyFactory(name="Globex")


@pytest.fixture
def recruiter(acme):
    return factories.RecruiterFactory(username="rita", company=acme)


@pytest.fixture
def hiring_manager(acme):
    return factories.HiringManagerFactory(username="max", company=acme)


@pytest.fixture
def other_hiring_manager(acme):
    """A hiring manager of Acme who is assigned to no job."""
    return factories.HiringManagerFactory(username="mina", company=acme)


@pytest.fixture
def outsider_recruiter(globex):
    return factories.RecruiterFactory(username="gus", company=globex)


@pytest.fixture
def outsider_hiring_manager(globex):
    return factories.HiringManagerFactory(username="gia", company=globex)


@pytest.fixture
def candidate(db):
    return factories.CandidateFactory(username="casey")


@pytest.fixture
def other_candidate(db):
    return factories.CandidateFactory(username="jordan")


@pytest.fixture
def job(acme, hiring_manager):
    """An open Acme job with `hiring_manager` assigned."""
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    job.hiring_managers.add(hiring_manager)
    return job


@pytest.fixture
def application(job, candidate):
    return factories.ApplicationFactory(job=job, candidate=candidate)


@pytest.fixture
def story(acme, globex, job, recruiter, hiring_manager):
    """March 2026 worked out by hand (ats/tests/analytics/hiring_story.py), told in UTC:
    the analytics tests check each figure against it, through the selector and the API."""
    timezone.activate("UTC")
    other_job = factories.JobFactory(company=acme, title="Designer")
    outsider_job = factories.JobFactory(company=globex, title="Globex job")
    yield tell(
        job=job, other_job=other_job, recruiter=recruiter, hiring_manager=hiring_manager, outsider_job=outsider_job
    )
    timezone.deactivate()


@pytest.fixture
def superuser(db):
    from ats.models import User

    return User.objects.create_superuser("operator", "operator@example.com", "pw-for-tests-1234")


class TaskQueue:
    """The project's real Huey queue: Redis where REDIS_URL is set (tasks really
    travel through it), in memory in immediate mode (tasks ran at enqueue)."""

    # Far enough ahead that every scheduled retry is due.
    LATER = datetime.datetime(2100, 1, 1)

    def __init__(self, huey):
        self.huey = huey

    def drain(self, *, with_retries: bool = False) -> int:
        """Run every queued task as a worker would, until the queue is empty;
        `with_retries` also runs the retries scheduled for later, as if their
        time had come. Returns how many tasks ran."""
        ran = 0
        waiting: list = []
        while True:
            if not waiting:
                # Asked first because an empty Redis queue blocks dequeue for a second.
                task = self.huey.dequeue() if self.huey.pending_count() else None
                if task is not None:
                    waiting.append(task)
                elif with_retries:
                    waiting.extend(self.huey.read_schedule(self.LATER))
            if not waiting:
                return ran
            self.huey.execute(waiting.pop(0), timestamp=self.LATER)
            ran += 1

    @contextlib.contextmanager
    def unreachable(self):
        """The broker is down: Redis on a closed port (a real connection error
        through the configured pool), or enqueue failing in immediate mode."""
        with pytest.MonkeyPatch.context() as patch:
            if isinstance(self.huey.storage, RedisStorage):
                dead_pool = redis.ConnectionPool.from_url(
                    "redis://127.0.0.1:1/0", socket_connect_timeout=1, socket_timeout=1
                )
                patch.setattr(self.huey.storage, "conn", redis.Redis(connection_pool=dead_pool))
            else:

                def refuse(task):
                    raise redis.exceptions.ConnectionError("Error 111 connecting to the broker. Connection refused.")

                patch.setattr(self.huey, "enqueue", refuse)
            try:
                yield
            finally:
                # The broker is back, and the pause its failure started is over.
                tasks._broker_paused_until = 0.0


@pytest.fixture
def task_queue():
    """The Huey queue, emptied first (only this test run's own Redis db, or memory)."""
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    yield TaskQueue(HUEY)
    HUEY.flush()


@pytest.fixture
def fresh_cache(settings):
    """A private cache for the test: allauth's rate limits count in the cache,
    and a shared one (Redis, the database) would carry counts from test to test."""
    import uuid

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
