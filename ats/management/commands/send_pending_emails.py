from django.core.management.base import BaseCommand

from ats import outbox
from ats.models import OutboxEmail


class Command(BaseCommand):
    help = (
        "Send the outbox's due messages now, in this process, without the queue: "
        "for cron, or while the broker is down. Safe beside running workers."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many messages.")

    def handle(self, *args, limit: int | None, **options) -> None:
        # Keyed by the plain string a model field holds; Status members are str too.
        outcomes: dict[str, int] = {status: 0 for status in OutboxEmail.Status}
        for email_id in outbox.emails_due(limit=limit):
            email = outbox.email_send(email_id=email_id)
            if email is not None:
                outcomes[email.status] += 1
        self.stdout.write(
            f"Sent {outcomes[OutboxEmail.Status.SENT]}, "
            f"will retry {outcomes[OutboxEmail.Status.PENDING]}, "
            f"failed for good {outcomes[OutboxEmail.Status.FAILED]}."
        )
