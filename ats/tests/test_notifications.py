import pytest
from django.core import mail
from django.db import transaction

from ats.models import OutboxEmail
from ats.notifications import absolute_url, queue_email


@pytest.fixture
def greeting_template(settings, tmp_path):
    emails = tmp_path / "emails"
    emails.mkdir()
    (emails / "greeting_subject.txt").write_text("Hello\n {{ name }}\n")
    (emails / "greeting.txt").write_text("Hi {{ name }}, see {{ link }}")
    (emails / "greeting.html").write_text("<p>Hi {{ name }}, see <a href='{{ link }}'>here</a></p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


@pytest.mark.django_db(transaction=True)
def test_queue_email_sends_after_commit(greeting_template, task_queue, settings):
    settings.SITE_URL = "https://ats.example.com"
    with transaction.atomic():
        queue_email(
            to="a@example.com",
            template="greeting",
            context={"name": "Ada", "link": absolute_url("/x/")},
            dedupe_key="greeting:1",
        )
        assert mail.outbox == []
    task_queue.drain()

    [message] = mail.outbox
    assert message.subject == "Hello Ada"
    assert message.to == ["a@example.com"]
    assert message.body == "Hi Ada, see https://ats.example.com/x/"
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    assert "https://ats.example.com/x/" in html


@pytest.mark.django_db(transaction=True)
def test_queue_email_in_a_rolled_back_transaction_sends_nothing(greeting_template, task_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="a@example.com", template="greeting", context={"name": "Ada"}, dedupe_key="greeting:1")
        raise RuntimeError("rolled back")
    task_queue.drain()
    assert mail.outbox == []
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_queue_email_twice_with_one_dedupe_key_sends_once(greeting_template, task_queue):
    for _ in range(2):
        queue_email(to="a@example.com", template="greeting", context={"name": "Ada"}, dedupe_key="greeting:1")
    task_queue.drain()
    assert len(mail.outbox) == 1
