"""An interview's time as a person reads it, in their own zone with its name:
`{{ interview|interview_time:user.time_zone }}` (see `ats.calendar.describe_time`)."""

from django import template

from ats.calendar import describe_time
from ats.models import Interview

register = template.Library()


@register.filter
def interview_time(interview: Interview, time_zone: str) -> str:
    if interview.starts_at is None or interview.ends_at is None:
        return ""
    return describe_time(interview.starts_at, interview.ends_at, time_zone)
