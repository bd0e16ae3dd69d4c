"""A month of hiring at Acme with known timestamps, for the analytics tests: every
figure the tests expect is worked out by hand from the dates below.

The period is March 2026 (a Sunday to a Tuesday, in UTC). Day N is March 2 (a
Monday) plus N days, at midnight UTC.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ats.models import Application, ApplicationHistory, Interview, RejectionReason, Scorecard
from ats.selectors.analytics import Period
from ats.tests import factories
from ats.workflow import InterviewStatus, Stage

MARCH = Period(start=date(2026, 3, 1), end=date(2026, 3, 31))
DAY_0 = datetime(2026, 3, 2, tzinfo=UTC)


def day(number: float) -> datetime:
    return DAY_0 + timedelta(days=number)


def story_application(job, *, source: str, applied: float, moves=(), candidate=None) -> Application:
    """An application applied on day `applied` that then made `moves`: (stage, day, reason code)."""
    application = Application.objects.create(
        candidate=candidate or factories.CandidateFactory(), job=job, source=source
    )
    rows = [ApplicationHistory(application=application, from_stage="", to_stage=Stage.APPLIED, changed_at=day(applied))]
    stage, changed = Stage.APPLIED, day(applied)
    for to_stage, on, *reason in moves:
        code = reason[0] if reason else None
        rows.append(
            ApplicationHistory(
                application=application,
                from_stage=stage,
                from_stage_entered_at=changed,
                to_stage=to_stage,
                changed_at=day(on),
                reason=RejectionReason.objects.get(company=job.company, code=code) if code else None,
            )
        )
        stage, changed = to_stage, day(on)
    ApplicationHistory.objects.bulk_create(rows)
    Application.objects.filter(pk=application.pk).update(
        stage=stage, created_at=day(applied), stage_changed_at=changed, last_activity_at=changed
    )
    application.refresh_from_db()
    return application


@dataclass
class Story:
    job: object
    other_job: object
    hired: Application
    interviewed_and_rejected: Application


def tell(*, job, other_job, recruiter, hiring_manager, outsider_job) -> Story:
    """Write the month (see each line's comment for what it contributes)."""
    screening, interview, offer = Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER
    hired = story_application(  # hired on day 20
        job,
        source="linkedin",
        applied=0,
        moves=[(screening, 2), (interview, 6), (offer, 10), (Stage.HIRED, 20)],
    )
    story_application(job, source="job board", applied=0, moves=[(screening, 4), (Stage.REJECTED, 5, "not_qualified")])
    story_application(job, source="job board", applied=1, moves=[(screening, 3)])  # still in Screening
    story_application(job, source="referral", applied=3, moves=[(Stage.REJECTED, 4, "withdrawn")])
    story_application(job, source="linkedin", applied=7)  # still in Applied
    rejected = story_application(  # on the other job
        other_job,
        source="referral",
        applied=8,
        moves=[(screening, 9), (interview, 12), (Stage.REJECTED, 15, "another_candidate_chosen")],
    )
    # Applied on February 20 (before the period): not in the cohort, but its stays end in March.
    story_application(job, source="job board", applied=-10, moves=[(screening, 1), (interview, 9)])
    story_application(job, source="job board", applied=28)  # March 30, still in Applied
    # After the period, and at another company: in no figure.
    story_application(job, source="linkedin", applied=34, moves=[(screening, 35)])
    story_application(outsider_job, source="linkedin", applied=2, moves=[(screening, 3), (Stage.REJECTED, 4, "other")])

    # Interviews: one on day 5 with both, scorecard from the recruiter only; one on day 11
    # with the hiring manager, who submitted; a cancelled one and an April one, which don't count.
    first = _interview(hired, on=5, interviewers=[recruiter, hiring_manager])
    Scorecard.objects.create(application=hired, interview=first, author=recruiter, recommendation=4)
    second = _interview(rejected, on=11, interviewers=[hiring_manager])
    Scorecard.objects.create(application=rejected, interview=second, author=hiring_manager, recommendation=2)
    _interview(rejected, on=11.5, interviewers=[recruiter], status=InterviewStatus.CANCELLED)
    _interview(hired, on=40, interviewers=[recruiter])
    return Story(job=job, other_job=other_job, hired=hired, interviewed_and_rejected=rejected)


def _interview(application, *, on: float, interviewers, status=InterviewStatus.SCHEDULED) -> Interview:
    starts_at = day(on) + timedelta(hours=10)
    interview = Interview.objects.create(
        application=application,
        title="Interview",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=45),
        duration=45,
        status=status,
    )
    interview.interviewers.set(interviewers)
    return interview
