"""Interviews (schedule, offer slots, pick one, reschedule, cancel, remind) and
scorecards (submit one, a job's criteria).

No interviewer is ever in two overlapping scheduled interviews. Every path
that books time (scheduling, rescheduling, a candidate's pick) locks the
interviewers' user rows in id order and checks for overlaps in the same
transaction, so two bookings of one person queue up behind the lock and the
second sees the first (on SQLite, IMMEDIATE transactions serialise writers).
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ats import workflow
from ats.calendar import local_moment
from ats.exceptions import InterviewerBusy, InterviewRefused, InvalidCriteria, InvalidScorecard, SlotUnavailable
from ats.models import (
    Application,
    Interview,
    InterviewSlot,
    Job,
    Scorecard,
    ScorecardCriterion,
    ScorecardRating,
    User,
)
from ats.notifications import Event, notify
from ats.services.activity import activity_record
from ats.workflow import InterviewStatus

TITLE_MAX_LENGTH = Interview._meta.get_field("title").max_length or 200
LOCATION_MAX_LENGTH = Interview._meta.get_field("location").max_length or 300
VIDEO_LINK_MAX_LENGTH = Interview._meta.get_field("video_link").max_length or 500
CRITERION_NAME_MAX_LENGTH = ScorecardCriterion._meta.get_field("name").max_length or 100
DEFAULT_TITLE = "Interview"


# What an interview needs, checked the same way on every path ---------------------------------


def interview_planning_refusal(stage: str) -> str:
    """Why no interview can be planned for an application in `stage` ("" when one can):
    the one wording of the rule, for the services' refusals and the pages alike."""
    if workflow.interviews_allowed_in(stage):
        return ""
    allowed = ", ".join(workflow.INTERVIEW_STAGES[:-1]) + f" or {workflow.INTERVIEW_STAGES[-1]}"
    if stage == workflow.Stage.APPLIED:
        advice = f"Move it to {workflow.INTERVIEW_STAGES[0]} first."
    else:
        advice = "It is closed, so no more interviews are planned."
    return f"Interviews are for applications in {allowed}; this one is in {stage}, so none can be planned. {advice}"


def interview_change_refusal(interview: Interview, *, doing: str) -> str:
    """Why `interview` can't be `doing` ("rescheduled" or "cancelled") now, "" when it
    can: cancelled, already over, or (to reschedule) still waiting for a pick."""
    if interview.status == InterviewStatus.CANCELLED:
        return f"This interview was cancelled, so it can't be {doing}."
    if interview.ends_at is not None and interview.ends_at <= timezone.now():
        return f"This interview has already taken place, so it can't be {doing}."
    if interview.status == InterviewStatus.OFFERED and doing == "rescheduled":
        return "The candidate hasn't picked a time yet. Cancel the offer and schedule a time instead."
    return ""


def _check_application(application: Application) -> Application:
    stage = Application.objects.values_list("stage", flat=True).get(pk=application.pk)
    application.stage = stage
    if refusal := interview_planning_refusal(stage):
        raise InterviewRefused(refusal)
    return application


def _clean_details(*, title: str, location: str, video_link: str) -> dict[str, str]:
    details = {"title": " ".join(title.split()) or DEFAULT_TITLE, "location": location.strip()}
    if len(details["title"]) > TITLE_MAX_LENGTH:
        raise InterviewRefused(f"An interview's title can be at most {TITLE_MAX_LENGTH} characters.")
    if len(details["location"]) > LOCATION_MAX_LENGTH:
        raise InterviewRefused(f"A place can be at most {LOCATION_MAX_LENGTH} characters.")
    video_link = video_link.strip()
    if video_link:
        if len(video_link) > VIDEO_LINK_MAX_LENGTH:
            raise InterviewRefused(f"A video link can be at most {VIDEO_LINK_MAX_LENGTH} characters.")
        try:
            URLValidator(schemes=["https", "http"])(video_link)
        except ValidationError:
            raise InterviewRefused(
                "Enter the video link as a full web address, such as https://meet.example.com/abc-defg."
            ) from None
    details["video_link"] = video_link
    return details


def _check_duration(duration: int) -> timedelta:
    low, high = workflow.INTERVIEW_MIN_MINUTES, workflow.INTERVIEW_MAX_MINUTES
    if isinstance(duration, bool) or not isinstance(duration, int) or not low <= duration <= high:
        raise InterviewRefused(
            f"An interview lasts from {low} minutes to {high // 60} hours; choose a duration in that range."
        )
    return timedelta(minutes=duration)


def _check_future(starts_at: datetime, *, what: str = "The interview") -> datetime:
    if timezone.is_naive(starts_at):
        raise InterviewRefused(f"{what}'s time needs a time zone.")
    if starts_at <= timezone.now():
        raise InterviewRefused(
            f"{what} would start at {local_moment(starts_at)}, which has passed: choose a later time."
        )
    return starts_at


def _check_interviewers(application: Application, interviewers: Iterable[User]) -> list[User]:
    chosen = sorted({user.pk: user for user in interviewers}.values(), key=lambda user: user.pk)
    if not chosen:
        raise InterviewRefused("Choose at least one interviewer.")
    company = application.job.company
    for user in chosen:
        on_team = user.role in (User.Role.RECRUITER, User.Role.HIRING_MANAGER) and user.company_id == company.pk
        if not on_team or user.is_staff:
            raise InterviewRefused(
                f"{user.display_name} is not a recruiter or hiring manager at {company.name}, so they can't interview."
            )
        if not user.is_active:
            raise InterviewRefused(f"{user.display_name}'s account is deactivated, so they can't interview.")
    return chosen


def _lock_and_check_free(
    interviewers: Sequence[User], windows: Iterable[tuple[datetime, datetime]], *, ignore: Interview | None = None
) -> None:
    """Lock the interviewers' rows (in id order, so two bookings never wait on each
    other crosswise) and refuse if any of them is in a scheduled interview that
    overlaps one of `windows`. Must run inside the booking's transaction."""
    ids = [user.pk for user in interviewers]
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    for starts_at, ends_at in windows:
        clashes = Interview.objects.filter(
            status=InterviewStatus.SCHEDULED, interviewers__in=ids, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        if ignore is not None:
            clashes = clashes.exclude(pk=ignore.pk)
        clash = clashes.order_by("starts_at").first()
        if clash is not None and clash.starts_at and clash.ends_at:
            busy = [user for user in interviewers if clash.interviewers.filter(pk=user.pk).exists()]
            names = " and ".join(user.display_name for user in busy)
            raise InterviewerBusy(
                f"{names} {'is' if len(busy) == 1 else 'are'} already in an interview "
                f"from {local_moment(clash.starts_at)} "
                f"to {timezone.localtime(clash.ends_at):%H:%M}. Choose another time or another interviewer."
            )


def _arm_reminder(interview: Interview) -> None:
    """A reminder is due once per schedule, 24 hours before; an interview booked
    closer to its start than that has its invitation fresh in mind instead."""
    assert interview.starts_at is not None
    soon = interview.starts_at - timezone.now() <= workflow.REMINDER_BEFORE
    interview.reminded_sequence = interview.sequence if soon else None


# Scheduling --------------------------------------------------------------------------------


def interview_schedule(
    *,
    application: Application,
    organizer: User,
    starts_at: datetime,
    duration: int,
    interviewers: Iterable[User],
    title: str = DEFAULT_TITLE,
    location: str = "",
    video_link: str = "",
) -> Interview:
    """Book an interview for `application` at `starts_at` for `duration` minutes with
    `interviewers`, and send everyone the calendar invitation.

    Raises InterviewRefused (the application's stage, a time that has passed, a
    duration outside 5 minutes to 8 hours, an interviewer off the company's
    team, a bad place or link) or InterviewerBusy; nothing is stored then.
    """
    _check_application(application)
    details = _clean_details(title=title, location=location, video_link=video_link)
    length = _check_duration(duration)
    _check_future(starts_at)
    chosen = _check_interviewers(application, interviewers)
    with transaction.atomic():
        _lock_and_check_free(chosen, [(starts_at, starts_at + length)])
        interview = Interview(
            application=application,
            organizer=organizer,
            starts_at=starts_at,
            ends_at=starts_at + length,
            duration=duration,
            status=InterviewStatus.SCHEDULED,
            **details,
        )
        _arm_reminder(interview)
        interview.save()
        interview.interviewers.set(chosen)
        notify(Event.INTERVIEW_SCHEDULED, interview_id=interview.pk)
        activity_record(application_id=application.pk)
    return interview


def interview_slots_offer(
    *,
    application: Application,
    organizer: User,
    slots: Iterable[datetime],
    duration: int,
    interviewers: Iterable[User],
    title: str = DEFAULT_TITLE,
    location: str = "",
    video_link: str = "",
) -> Interview:
    """Offer the candidate 2 to 10 times for an interview; they pick one in My
    applications (`interview_slot_pick`), which books it. The candidate is emailed
    a link. Times at which an interviewer is already busy are refused now;
    a clash that arises later is caught when the candidate picks.

    Raises InterviewRefused or InterviewerBusy; nothing is stored then.
    """
    _check_application(application)
    details = _clean_details(title=title, location=location, video_link=video_link)
    length = _check_duration(duration)
    times = sorted(slots)
    if not workflow.SLOTS_MIN <= len(times) <= workflow.SLOTS_MAX:
        raise InterviewRefused(
            f"Offer between {workflow.SLOTS_MIN} and {workflow.SLOTS_MAX} times; {len(times)} were given."
        )
    for number, starts_at in enumerate(times, start=1):
        _check_future(starts_at, what=f"Time {number}")
    repeated = next((a for a, b in pairwise(times) if a == b), None)
    if repeated is not None:
        raise InterviewRefused(f"{local_moment(repeated)} is offered twice: offer each time once.")
    chosen = _check_interviewers(application, interviewers)
    with transaction.atomic():
        _lock_and_check_free(chosen, [(starts_at, starts_at + length) for starts_at in times])
        interview = Interview.objects.create(
            application=application,
            organizer=organizer,
            duration=duration,
            status=InterviewStatus.OFFERED,
            **details,
        )
        interview.interviewers.set(chosen)
        InterviewSlot.objects.bulk_create(
            InterviewSlot(interview=interview, starts_at=starts_at, ends_at=starts_at + length) for starts_at in times
        )
        notify(Event.INTERVIEW_SLOTS_OFFERED, interview_id=interview.pk)
        activity_record(application_id=application.pk)
    return interview


def interview_slot_pick(*, slot: InterviewSlot, candidate: User) -> Interview:
    """The candidate books one of the offered times; the others lapse. Everyone
    gets the calendar invitation.

    First come, first served: raises SlotUnavailable when the offer is no longer
    open (picked already, cancelled), the time has passed, or an interviewer has
    been booked at that time since; nothing changes then.
    """
    interview = slot.interview
    application = interview.application
    if application.candidate_id != candidate.pk:
        raise SlotUnavailable("Only the candidate the times were offered to can pick one.")
    if slot.starts_at <= timezone.now():
        raise SlotUnavailable(f"{local_moment(slot.starts_at)} has passed. Pick a later time.")
    if not workflow.interviews_allowed_in(Application.objects.values_list("stage", flat=True).get(pk=application.pk)):
        raise SlotUnavailable("This application is closed, so the interview can't be booked.")
    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        if interview.status != InterviewStatus.OFFERED:
            raise SlotUnavailable(
                "This interview is already booked."
                if interview.status == InterviewStatus.SCHEDULED
                else "This interview was cancelled, so its times can't be picked any more."
            )
        interviewers = list(interview.interviewers.order_by("pk"))
        try:
            _lock_and_check_free(interviewers, [(slot.starts_at, slot.ends_at)])
        except InterviewerBusy:
            raise SlotUnavailable(
                f"{local_moment(slot.starts_at)} is no longer free: the team has been booked at that time since. "
                "Pick another time."
            ) from None
        booked = Interview.objects.filter(pk=interview.pk, status=InterviewStatus.OFFERED).update(
            status=InterviewStatus.SCHEDULED,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            updated_at=timezone.now(),
        )
        if not booked:
            raise SlotUnavailable("This interview was booked a moment ago.")
        interview.refresh_from_db()
        _arm_reminder(interview)
        interview.save(update_fields=["reminded_sequence"])
        notify(Event.INTERVIEW_SCHEDULED, interview_id=interview.pk)
        activity_record(application_id=application.pk)
    return interview


def _open_for_change(interview: Interview, *, doing: str) -> Interview:
    """The interview, locked and re-read, if it can still be `doing` (rescheduled, cancelled)."""
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    if refusal := interview_change_refusal(locked, doing=doing):
        raise InterviewRefused(refusal)
    return locked


def interview_reschedule(
    *,
    interview: Interview,
    actor: User,
    starts_at: datetime,
    duration: int | None = None,
    interviewers: Iterable[User] | None = None,
    title: str | None = None,
    location: str | None = None,
    video_link: str | None = None,
) -> Interview:
    """Move a scheduled interview to `starts_at` (and, when given, change its
    length, interviewers, title, place or link). The calendar event keeps its UID
    and its SEQUENCE goes up; everyone on it gets the update, an interviewer taken
    off it a cancellation, and the 24-hour reminder is due again.

    Raises InterviewRefused (cancelled, over, only offered, or as for scheduling)
    or InterviewerBusy; nothing changes then.
    """
    application = _check_application(interview.application)
    with transaction.atomic():
        current = _open_for_change(interview, doing="rescheduled")
        details = _clean_details(
            title=current.title if title is None else title,
            location=current.location if location is None else location,
            video_link=current.video_link if video_link is None else video_link,
        )
        minutes = current.duration if duration is None else duration
        length = _check_duration(minutes)
        _check_future(starts_at)
        before = list(current.interviewers.order_by("pk"))
        chosen = before if interviewers is None else _check_interviewers(application, interviewers)
        _lock_and_check_free(chosen, [(starts_at, starts_at + length)], ignore=current)
        dropped = [user.pk for user in before if user not in chosen]
        for name, value in details.items():
            setattr(current, name, value)
        current.starts_at, current.ends_at, current.duration = starts_at, starts_at + length, minutes
        current.sequence += 1
        _arm_reminder(current)
        current.save()
        current.interviewers.set(chosen)
        notify(Event.INTERVIEW_RESCHEDULED, interview_id=current.pk, dropped_ids=dropped)
        activity_record(application_id=current.application_id)
    return current


def interview_cancel(*, interview: Interview, actor: User | None) -> Interview:
    """Call off a scheduled interview (everyone gets the calendar's cancellation) or
    withdraw an offer of times (the candidate is told). Raises InterviewRefused
    when it is already cancelled or over."""
    with transaction.atomic():
        current = _open_for_change(interview, doing="cancelled")
        was_offered = current.status == InterviewStatus.OFFERED
        current.status = InterviewStatus.CANCELLED
        current.sequence += 1
        current.save(update_fields=["status", "sequence", "updated_at"])
        notify(Event.INTERVIEW_CANCELLED, interview_id=current.pk, was_offered=was_offered)
        activity_record(application_id=current.application_id)
    return current


def interviews_cancel_for_closed_application(*, application: Application, actor: User | None) -> int:
    """Cancel the application's offers and upcoming interviews once it is final
    (hired, rejected, withdrawn): nobody should keep a meeting about a closed
    application. Runs inside the move's transaction; returns how many."""
    pending = Interview.objects.filter(application=application).filter(
        Q(status=InterviewStatus.OFFERED) | Q(status=InterviewStatus.SCHEDULED, ends_at__gt=timezone.now())
    )
    cancelled = 0
    for interview in pending.order_by("pk"):
        interview_cancel(interview=interview, actor=actor)
        cancelled += 1
    return cancelled


def interview_reminders_send(*, now: datetime | None = None) -> int:
    """Send the 24-hour reminder of every scheduled interview starting within the
    next 24 hours that has not had one for its current schedule. Safe to run
    twice and from two workers: a conditional update claims each reminder, and
    the emails are keyed on the schedule. Returns how many interviews were reminded."""
    now = now or timezone.now()
    due = Interview.objects.filter(
        status=InterviewStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + workflow.REMINDER_BEFORE,
    ).exclude(reminded_sequence=F("sequence"))
    reminded = 0
    for interview_id, sequence in due.values_list("pk", "sequence"):
        with transaction.atomic():
            claimed = (
                Interview.objects.filter(pk=interview_id, sequence=sequence, status=InterviewStatus.SCHEDULED)
                .exclude(reminded_sequence=sequence)
                .update(reminded_sequence=sequence)
            )
            if claimed:
                notify(Event.INTERVIEW_REMINDER, interview_id=interview_id)
                reminded += 1
    return reminded


# Scorecards -----------------------------------------------------------------------------------


def _rating(value, *, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in workflow.Rating.values:
        scale = ", ".join(f"{rating.value} ({rating.label.lower()})" for rating in workflow.Rating)
        raise InvalidScorecard(f"Rate {what} on the scale {scale}.")
    return value


def _notes(value: str, *, what: str) -> str:
    value = value.strip()
    if len(value) > workflow.SCORECARD_NOTES_MAX_LENGTH:
        raise InvalidScorecard(
            f"{what} can be at most {workflow.SCORECARD_NOTES_MAX_LENGTH} characters; these have {len(value)}."
        )
    return value


def scorecard_check_open(*, interview: Interview, author: User) -> None:
    """Whether `author` may submit a scorecard for `interview` now, as `scorecard_submit`
    checks it (a page asks before showing the form). Raises InvalidScorecard for
    someone not on the interview, or an interview that was cancelled, is only
    offered or has not started yet."""
    if not interview.interviewers.filter(pk=author.pk).exists():
        raise InvalidScorecard("Only the interviewers of this interview can submit its scorecard.")
    if interview.status != InterviewStatus.SCHEDULED:
        raise InvalidScorecard("This interview didn't take place, so it takes no scorecard.")
    assert interview.starts_at is not None
    if interview.starts_at > timezone.now():
        raise InvalidScorecard(
            f"This interview starts at {local_moment(interview.starts_at)}: submit its scorecard afterwards."
        )


def scorecard_submit(
    *,
    author: User,
    recommendation: int,
    notes: str = "",
    interview: Interview | None = None,
    application: Application | None = None,
    ratings: dict[int, int] | None = None,
    rating_notes: dict[int, str] | None = None,
) -> Scorecard:
    """Submit `author`'s scorecard, once: for an `interview` they were on (every one
    of the job's criteria rated, keyed by criterion id, with optional notes each),
    or, with `application` and no interview, a general review (the overall
    recommendation and notes). Scorecards are not edited once submitted.

    Raises InvalidScorecard for someone not on the interview, an interview that
    was cancelled or has not started, a second scorecard, or a missing or
    out-of-scale rating; nothing is stored then.
    """
    recommendation = _rating(recommendation, what="your overall recommendation")
    notes = _notes(notes, what="Notes")
    ratings, rating_notes = ratings or {}, rating_notes or {}
    if interview is not None:
        application = interview.application
        scorecard_check_open(interview=interview, author=author)
        criteria = list(interview.application.job.scorecard_criteria.order_by("position", "id"))
        missing = [criterion.name for criterion in criteria if criterion.pk not in ratings]
        if missing:
            raise InvalidScorecard(f"Rate every criterion; {', '.join(missing)} still needs a rating.")
        unknown = set(ratings) - {criterion.pk for criterion in criteria}
        if unknown:
            raise InvalidScorecard("Rate this job's criteria only; the list may have changed: reload the page.")
        checked = [
            (
                criterion,
                _rating(ratings[criterion.pk], what=criterion.name),
                _notes(rating_notes.get(criterion.pk, ""), what=f"Notes on {criterion.name}"),
            )
            for criterion in criteria
        ]
    elif application is None:
        raise InvalidScorecard("A scorecard is for an interview or, as a general review, for an application.")
    else:
        checked = []
    already = (
        Scorecard.objects.filter(interview=interview, author=author)
        if interview is not None
        else Scorecard.objects.filter(application=application, interview__isnull=True, author=author)
    )
    second = (
        "You have already submitted your scorecard for this interview."
        if interview is not None
        else "You have already reviewed this application."
    )
    if already.exists():
        raise InvalidScorecard(second)
    try:
        with transaction.atomic():
            scorecard = Scorecard.objects.create(
                application=application, interview=interview, author=author, recommendation=recommendation, notes=notes
            )
            ScorecardRating.objects.bulk_create(
                ScorecardRating(
                    scorecard=scorecard, criterion=criterion, criterion_name=criterion.name, rating=value, note=note
                )
                for criterion, value, note in checked
            )
            activity_record(application_id=application.pk, at=scorecard.submitted_at)
    except IntegrityError:
        raise InvalidScorecard(second) from None
    return scorecard


def scorecard_criteria_ensure_defaults(*, job: Job) -> None:
    """Give a job without criteria the defaults (workflow.DEFAULT_SCORECARD_CRITERIA)."""
    if not job.scorecard_criteria.exists():
        ScorecardCriterion.objects.bulk_create(
            ScorecardCriterion(job=job, name=name, position=position)
            for position, name in enumerate(workflow.DEFAULT_SCORECARD_CRITERIA)
        )


def scorecard_criteria_set(*, job: Job, names: Sequence[str]) -> list[ScorecardCriterion]:
    """Make `names` the job's criteria, in that order. A criterion that keeps its
    name keeps its id (and its ratings); a removed one is deleted, and the
    scorecards that rated it keep the name and the rating.

    Raises InvalidCriteria for fewer than 1 or more than 10, an empty, too long
    or repeated name; nothing changes then.
    """
    cleaned = [" ".join(name.split()) for name in names]
    cleaned = [name for name in cleaned if name]
    if not workflow.CRITERIA_MIN <= len(cleaned) <= workflow.CRITERIA_MAX:
        raise InvalidCriteria(
            f"A job has between {workflow.CRITERIA_MIN} and {workflow.CRITERIA_MAX} criteria; "
            f"{len(cleaned)} were given."
        )
    for name in cleaned:
        if len(name) > CRITERION_NAME_MAX_LENGTH:
            raise InvalidCriteria(f"A criterion's name can be at most {CRITERION_NAME_MAX_LENGTH} characters.")
    seen: set[str] = set()
    for name in cleaned:
        if name.casefold() in seen:
            raise InvalidCriteria(f"“{name}” is on the list twice: name each criterion once.")
        seen.add(name.casefold())
    with transaction.atomic():
        existing = {criterion.name.casefold(): criterion for criterion in job.scorecard_criteria.select_for_update()}
        keep = [existing.get(name.casefold()) for name in cleaned]
        job.scorecard_criteria.exclude(pk__in=[c.pk for c in keep if c is not None]).delete()
        result = []
        for position, (name, criterion) in enumerate(zip(cleaned, keep, strict=True)):
            if criterion is None:
                criterion = ScorecardCriterion.objects.create(job=job, name=name, position=position)
            elif (criterion.name, criterion.position) != (name, position):
                criterion.name, criterion.position = name, position
                criterion.save(update_fields=["name", "position"])
            result.append(criterion)
    return result
