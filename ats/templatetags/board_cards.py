"""A board column's cards, written in Python: `{% board_cards column %}`.

A board shows up to 150 cards, and the template engine spends about half a
millisecond on each (a variable lookup, an escape and a filter per attribute):
more than the rest of the page together. Here a card is one format string, every
value escaped, its date formatted without the template machinery; what is rare
(an interview, recommendations) costs only where present. The markup is the one
board.html's column partial wraps, and ats/tests/workspace/ reads it as before.
"""

from datetime import datetime
from html import escape

from django import template
from django.template.loader import get_template
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe

from ats.selectors.board import BoardCard

register = template.Library()

RECOMMENDATIONS_TEMPLATE = "ats/candidates/_recommendations.html"


def _day(moment: datetime) -> str:
    """As the `date:'j M Y'` filter writes it, in the viewer's time zone ("3 Mar 2026")."""
    local = timezone.localtime(moment)
    return f"{local.day} {str(MONTHS_3[local.month]).title()} {local.year}"


def _interview(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return (
        f'<p class="board-card__interview">Interview <time datetime="{dateformat.format(local, "c")}">'
        f"{dateformat.format(local, 'D j M, H:i')}</time></p>"
    )


def _card(card: BoardCard, *, stage: str, application_url: str, has_menu: bool) -> str:
    name = escape(card.candidate_name)
    url = f"{application_url}{card.pk}/"
    days = card.days_in_stage
    parts = [
        f'<li class="board-card" data-application-id="{card.pk}"'
        f' data-allowed-targets="{" ".join(card.allowed_targets)}" data-candidate="{name}">'
        f'<a class="board-card__name" href="{url}" draggable="false">{name}</a>'
        f'<p class="board-card__meta"><span title="In {stage} since {_day(card.application.stage_changed_at)}">'
        f'{days} day{"" if days == 1 else "s"}</span><span class="visually-hidden"> in {stage}</span></p>'
    ]
    if card.withdrawn:
        parts.append('<p class="board-card__withdrawn">Withdrawn by the candidate</p>')
    if card.interviews is not None:
        if card.interviews.next_interview_at:
            parts.append(_interview(card.interviews.next_interview_at))
        if card.recommendations:
            parts.append(get_template(RECOMMENDATIONS_TEMPLATE).render({"recommendations": card.recommendations}))
    if card.tags:
        chips = "".join(
            f'<li class="tag-chip tag-chip--small" title="{escape(tag.name)}">{escape(tag.name)}</li>'
            for tag in card.tags
        )
        parts.append(f'<ul class="board-card__tags" aria-label="Tags">{chips}</ul>')
    if has_menu:
        # Its moves and tags come from application_card_menu when it opens (board.js).
        parts.append(
            '<details class="card-menu"><summary class="card-menu__button">Actions'
            f'<span class="visually-hidden"> for {name}</span></summary>'
            f'<div class="card-menu__list" aria-live="polite"><a class="card-menu__item" href="{url}">'
            "Open the application</a></div></details>"
        )
    parts.append("</li>")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def board_cards(context: template.Context, column: dict) -> SafeString:
    """The `<li>` of each of the column's cards. A card has a menu when the viewer may move
    it somewhere (`can_move`) or tag it (`card_menus_tag`: may tag, and the company has tags)."""
    can_move, may_tag = bool(context.get("can_move")), bool(context.get("card_menus_tag"))
    application_url = context["application_url"]
    stage = escape(column["stage"])
    # Every value in it is escaped above.
    return mark_safe(
        "".join(
            _card(
                card,
                stage=stage,
                application_url=application_url,
                has_menu=may_tag or (can_move and bool(card.allowed_targets)),
            )
            for card in column["cards"]
        )
    )
