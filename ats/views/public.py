from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ats import selectors
from ats.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "jobs": selectors.jobs_public()[:20],
        # With DEBUG on, the home page lists the demo logins so a newcomer can try each role.
        "demo_users": DEMO_USERS if settings.DEBUG else (),
        "demo_password": DEMO_PASSWORD,
    }
    return render(request, "ats/home.html", context)
