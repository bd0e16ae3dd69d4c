"""Analytics in real Chromium: every chart draws (a canvas with a Chart.js chart, no
console error), the tables beside them show the figures, the filters keep to the URL,
and axe-core finds nothing serious at a laptop's and a phone's width."""

import pytest
from playwright.sync_api import expect

from ats.tests import factories
from ats.tests.analytics.hiring_story import tell

PHONE = {"width": 390, "height": 844}
MARCH = "start=2026-03-01&end=2026-03-31"
CHARTS = 8


@pytest.fixture
def story(db):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    job.hiring_managers.add(manager)
    told = tell(
        job=job,
        other_job=factories.JobFactory(company=acme, title="Designer"),
        recruiter=recruiter,
        hiring_manager=manager,
        outsider_job=factories.JobFactory(title="Elsewhere"),
    )
    return {"recruiter": recruiter, "manager": manager, "job": job, "story": told}


def watch_console(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def charts_drawn(page) -> int:
    """How many canvases hold a Chart.js chart with at least one bar's worth of data."""
    return page.evaluate(
        """() => [...document.querySelectorAll("canvas[data-chart]")]
            .filter((canvas) => { const chart = Chart.getChart(canvas);
                return chart && canvas.width > 0 && chart.data.datasets.some((set) => set.data.length > 0); })
            .length"""
    )


def table_rows(page, section: str) -> list[list[str]]:
    rows = page.locator(f"#{section} table tbody tr")
    return [[cell.strip() for cell in rows.nth(n).locator("th, td").all_inner_texts()] for n in range(rows.count())]


@pytest.mark.django_db(transaction=True)
def test_a_recruiter_sees_every_chart_drawn_beside_its_figures(page, log_in, story, assert_accessible):
    errors = watch_console(page)
    base = log_in(story["recruiter"])
    page.goto(f"{base}/workspace/analytics/?{MARCH}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Analytics")
    expect(page.locator("canvas[data-chart]")).to_have_count(CHARTS)
    assert charts_drawn(page) == CHARTS
    assert table_rows(page, "funnel") == [
        ["Applied", "7", "—", "0", "1", "2"],
        ["Screening", "4", "57.1%", "1", "0", "1"],
        ["Interview", "2", "50.0%", "1", "0", "0"],
        ["Offer", "1", "50.0%", "0", "0", "0"],
        ["Hired", "1", "100.0%", "0", "0", "1"],
    ]
    assert table_rows(page, "time_in_stage")[0] == ["Applied", "6", "2.0", "3.5", "2", "12.5"]
    expect(page.locator(".analytics-summary__item").filter(has_text="Scorecards submitted").locator("dd")).to_have_text(
        "2 of 3"
    )
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    page.reload()
    assert charts_drawn(page) == CHARTS
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_the_filters_narrow_the_figures_and_stay_in_the_url(page, log_in, story):
    errors = watch_console(page)
    base = log_in(story["recruiter"])
    page.goto(f"{base}/workspace/analytics/?{MARCH}")

    page.get_by_label("Source", exact=True).select_option("linkedin")
    page.get_by_role("button", name="Show").click()

    expect(page.locator(".analytics-head")).to_contain_text("source “linkedin”")
    assert "source=linkedin" in page.url and "start=2026-03-01" in page.url
    assert [row[:2] for row in table_rows(page, "sources")] == [["linkedin", "2"]]
    # No LinkedIn applicant was rejected: that section says so instead of drawing an empty chart.
    expect(page.locator("#rejection_reasons")).to_contain_text("Nobody was rejected in this period.")
    assert charts_drawn(page) == CHARTS - 1

    page.get_by_role("link", name="Last 30 days").click()
    expect(page.locator(".analytics-presets [aria-current]")).to_have_text("Last 30 days")
    assert "source=linkedin" in page.url
    # March is long past: the sections say what will appear instead of a chart; only the
    # stays still open today (LinkedIn applicants waiting since March) are left to draw.
    expect(page.locator("#funnel")).to_contain_text("The funnel fills in as candidates apply.")
    expect(page.locator("canvas[data-chart]")).to_have_count(1)
    expect(page.locator("#time_in_stage canvas")).to_have_count(1)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_a_hiring_manager_goes_from_analytics_to_their_jobs_figures(page, log_in, story, assert_accessible):
    errors = watch_console(page)
    base = log_in(story["manager"])
    page.goto(f"{base}/workspace/analytics/")
    assert_accessible(page)

    page.get_by_role("link", name="Backend Engineer").click()
    page.goto(f"{page.url}?{MARCH}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Backend Engineer: analytics")
    assert table_rows(page, "funnel")[0][:2] == ["Applied", "6"]
    assert charts_drawn(page) == CHARTS
    expect(page.get_by_label("Job", exact=True)).to_have_count(0)
    assert_accessible(page)
    assert errors == []
