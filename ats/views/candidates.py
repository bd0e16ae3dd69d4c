"""The hiring team's Candidates list (every application they may see, searchable) and a person's profile."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from ats.forms.candidates import CandidateFilterForm
from ats.http import AuthenticatedHttpRequest
from ats.selectors.candidates import candidate_profile as profile_of
from ats.selectors.candidates import candidates_page
from ats.views.bulk import bulk_bar_context
from ats.views.helpers import require_perm, wants_fragment

LIST_TEMPLATE = "ats/candidates/list.html"

# The list's sortable columns: (sort key, heading). Each heading links to its key,
# or to the reverse when the list is already sorted by it.
SORTABLE_COLUMNS = [
    ("name", "Name"),
    ("job", "Job"),
    ("stage", "Stage"),
    ("days", "In stage"),
    ("applied", "Applied"),
    ("source", "Source"),
    ("activity", "Last activity"),
]
# How each key's first order reads to a screen reader (aria-sort).
_NATURAL_ORDER = {"name": "ascending", "job": "ascending", "stage": "ascending", "source": "ascending"}


def _headings(sort: str) -> list[dict]:
    headings = []
    for key, label in SORTABLE_COLUMNS:
        natural = _NATURAL_ORDER.get(key, "descending")
        reverse = "descending" if natural == "ascending" else "ascending"
        active = sort in (key, f"-{key}")
        headings.append(
            {
                "key": key,
                "label": label,
                "next": f"-{key}" if sort == key else key,
                "aria_sort": (natural if sort == key else reverse) if active else None,
            }
        )
    return headings


@require_GET
@login_required
@vary_on_headers("HX-Request")
def candidates_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "ats.search_candidates")
    form = CandidateFilterForm(request.GET, viewer=request.user)
    filters = form.filters()
    found = candidates_page(viewer=request.user, filters=filters, page_number=request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": found.page,
        "rows": found.rows,
        "sort": found.sort,
        "headings": _headings(found.sort),
        "searching": bool(filters.get("q")),
        **bulk_bar_context(request.user, matching=request.GET, total=found.page.paginator.count),
    }
    template = f"{LIST_TEMPLATE}#results" if wants_fragment(request) else LIST_TEMPLATE
    return render(request, template, context)


@require_GET
@login_required
def candidate_profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "ats.search_candidates")
    profile = profile_of(viewer=request.user, candidate_id=pk)
    if profile is None:
        raise Http404("No candidate here.")
    return render(request, "ats/candidates/profile.html", {"profile": profile})
