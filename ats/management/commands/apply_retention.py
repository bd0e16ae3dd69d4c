from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from ats.services.erasure import retention_apply


class Command(BaseCommand):
    help = (
        "Erase the candidate's personal data on every finished (Hired or Rejected) application past its "
        "company's retention period, as the daily task does. Lists each by company, application id, job and "
        "the date it finished: no personal data. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be erased; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        items = retention_apply(dry_run=dry_run)
        for item in items:
            self.stdout.write(
                f"{item.company}\tapplication {item.application_id}\t{item.job}\tfinished {item.finished_at:%Y-%m-%d}"
            )
        count = len(items)
        if dry_run:
            self.stdout.write(f"Would erase {count} application{pluralize(count)}; nothing changed (--dry-run).")
        else:
            self.stdout.write(f"Erased {count} application{pluralize(count)}.")
