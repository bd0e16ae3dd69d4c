from collections import Counter

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.defaultfilters import pluralize

from ats import search
from ats.models import Application
from ats.services import resume_text

PROGRESS_EVERY = 50
VECTORS_BATCH = 1000


class Command(BaseCommand):
    help = (
        "Read the text of every resume still waiting (after the migration, or while the broker was down), "
        "in this process, then write the search documents still missing. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="Read every resume again, not only those waiting (after the extraction itself improved).",
        )

    def handle(self, *args, every: bool = False, **options) -> None:
        if every:
            rows = Application.objects.filter(~Q(resume="") | Q(resume_text_status=Application.ResumeText.PENDING))
            ids = list(rows.order_by("created_at", "pk").values_list("pk", flat=True))
        else:
            ids = resume_text.applications_resume_text_pending()
        self.stdout.write(
            f"Reading {len(ids)} resume{pluralize(len(ids))}." if ids else "No resume is waiting to be read."
        )
        outcomes: Counter[str] = Counter()
        for done, application_id in enumerate(ids, start=1):
            outcomes[resume_text.application_resume_text_extract(application_id=application_id)] += 1
            if done % PROGRESS_EVERY == 0 and done < len(ids):
                self.stdout.write(f"  {done} of {len(ids)}")
        if ids:
            status = Application.ResumeText
            summary = (
                f"Extracted {outcomes[status.EXTRACTED]}, text not available {outcomes[status.UNAVAILABLE]}"
                + (f", no resume {outcomes[status.NONE]}" if outcomes[status.NONE] else "")
                + "."
            )
            self.stdout.write(summary)
        filled = 0
        while written := search.vectors_refresh(missing=VECTORS_BATCH):
            filled += written
            if written < VECTORS_BATCH:
                break
        if filled:
            self.stdout.write(f"Wrote {filled} missing search document{pluralize(filled)}.")
