"""The project's own errors. Each carries a message a person can read as is."""


class ATSError(Exception):
    """Base of every refusal a service can give. `message` is shown to the user; `field`,
    when given, names the form field the refusal is about (shown beside it)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class UnknownStage(ATSError):
    pass


class InvalidTransition(ATSError):
    pass


class StaleStage(ATSError):
    """The application is no longer in the stage the caller saw."""


class DuplicateApplication(ATSError):
    pass


class JobNotOpen(ATSError):
    pass


class InvalidCoverLetter(ATSError):
    pass


class NotACandidate(ATSError):
    pass


class InvalidHiringManager(ATSError):
    pass


class InvalidJobStatusChange(ATSError):
    pass


class InvalidSignup(ATSError):
    """An employer sign-up that can't go ahead (e.g. the company name is taken)."""


class InvalidInvitation(ATSError):
    """An invitation that can't be sent, or a link that can't be used (expired, used, revoked)."""


class TeamChangeRefused(ATSError):
    """A teammate's role or access that can't change so: one's own, or the last active recruiter's."""


class TwoFactorNotSetUp(ATSError):
    """Requiring two-factor of a team by someone who has not set it up for themselves."""


class InvalidProfile(ATSError):
    """A name, time zone, phone number or link that can't be kept on a person's profile."""


class InvalidNote(ATSError):
    pass


class ReasonRequired(ATSError):
    """A move into a stage that needs a reason (Rejected) came without a reason code."""


class InvalidReason(ATSError):
    """A rejection reason code that is not on the company's active list, or a change
    to the list that can't be made (a system reason removed, an empty label)."""


class WithdrawalRefused(ATSError):
    """A withdrawal that can't happen: not the candidate's application, or it is final."""


class InterviewRefused(ATSError):
    """An interview that can't be scheduled, offered, rescheduled or cancelled as asked:
    a time in the past, a bad duration, an interviewer off the team, an application
    in a stage without interviews, an interview already over or cancelled."""


class InterviewerBusy(InterviewRefused):
    """An interviewer already has a scheduled interview at an overlapping time."""


class SlotUnavailable(InterviewRefused):
    """An offered slot the candidate can no longer take: gone, in the past, taken, or
    an interviewer has been booked at that time since."""


class InvalidScorecard(ATSError):
    """A scorecard that can't be submitted: from someone not on the interview, a second
    one, a missing or out-of-scale rating, or notes that are too long."""


class InvalidCriteria(ATSError):
    """A job's scorecard criteria that can't be kept: none, more than ten, empty or repeated names."""


class BulkActionRefused(ATSError):
    """A bulk action that can't start: nothing selected, too many applications, an
    action that can't be done in bulk, or a form whose token someone else has used."""


class InvalidTag(ATSError):
    """A tag that can't be kept on the company's list (an empty, too long or taken
    name), or put on an application of another company."""
