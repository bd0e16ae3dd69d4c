"""How the analytics tables write their values (the CSV and the API keep them raw)."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.dateformat import format as date_format

register = template.Library()

NOTHING = "\N{EM DASH}"


@register.filter
def figure(value, kind: str) -> str:
    """A table cell's value by its column's kind: counts with separators, days and
    percentages to one decimal, weeks and months as dates; a dash for no value."""
    if value is None:
        return NOTHING
    if kind == "count":
        return intcomma(value)
    if kind == "days":
        return f"{value:.1f}"
    if kind == "percent":
        return f"{value:.1f}%"
    if kind == "date":
        return date_format(value, "M j, Y")
    if kind == "month":
        return date_format(value, "F Y")
    return str(value)
