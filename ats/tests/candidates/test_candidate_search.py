"""Searching the candidates list: one box over name, email, cover letter and resume text, on either database."""

import pytest

from ats import search
from ats.models import Application
from ats.services.accounts import profile_update
from ats.tests import factories

URL = "/workspace/candidates/"


@pytest.fixture
def ada(job):
    candidate = factories.CandidateFactory(
        username="ada", first_name="Ada", last_name="Lovelace", email="ada@lovelace.example"
    )
    application = factories.ApplicationFactory(job=job, candidate=candidate, cover_letter="I write compilers.")
    Application.objects.filter(pk=application.pk).update(
        resume_text="Ten years running Kubernetes clusters <script>alert(1)</script> on bare metal.",
        resume_text_status=Application.ResumeText.EXTRACTED,
    )
    search.vectors_refresh(application_ids=[application.pk])
    return application


@pytest.fixture
def grace(job):
    candidate = factories.CandidateFactory(username="grace", first_name="Grace", last_name="Hopper")
    return factories.ApplicationFactory(job=job, candidate=candidate, cover_letter="COBOL and compilers.")


def found(text: str) -> list[str]:
    return sorted(a.candidate.first_name for a in search.search_filter(Application.objects.all(), text))


def test_finds_a_word_only_in_the_resume_text(ada, grace):
    assert found("kubernetes") == ["Ada"]


def test_finds_the_start_of_a_word(ada, grace):
    assert found("kube") == ["Ada"]


def test_finds_by_name_and_cover_letter(ada, grace):
    assert found("hopper") == ["Grace"]
    assert found("compilers") == ["Ada", "Grace"]


def test_every_word_must_match(ada, grace):
    assert found("compilers cobol") == ["Grace"]


def test_finds_by_email(ada, grace):
    assert found("ada@lovelace.example") == ["Ada"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"unclosed', []),
        ("kubernetes & | ! ( ) :* <-> '", ["Ada"]),
        ("\x00kubernetes\x00", ["Ada"]),
        ("x" * 10_000, []),
        ("DROP TABLE ats_application; --", []),
        ("ü€𝄞", []),
    ],
)
def test_any_text_is_safe_to_search(ada, grace, text, expected):
    # Operators and quotes are not syntax: only the words count, and nothing raises.
    assert found(text) == expected


def test_a_renamed_candidate_is_found_by_the_new_name(ada):
    profile_update(user=ada.candidate, first_name="Augusta", last_name="King", time_zone="UTC")
    assert found("augusta") == ["Augusta"]


def test_the_snippet_marks_the_words_and_escapes_the_resume(ada):
    snippet = search.snippets([ada.pk], "kubernetes")[ada.pk]
    assert "<mark>Kubernetes</mark>" in snippet
    assert "<script>" not in snippet


def test_a_match_by_name_alone_has_no_snippet(ada):
    assert search.snippets([ada.pk], "lovelace") == {}


def test_the_page_shows_the_snippet_and_counts_the_matches(client, recruiter, ada, grace):
    client.force_login(recruiter)
    response = client.get(URL, {"q": "kubernetes"})
    page = response.content.decode()
    assert [row.application.pk for row in response.context["rows"]] == [ada.pk]
    assert "<mark>Kubernetes</mark>" in page
    assert "1 application matches “kubernetes”" in page


def test_a_search_too_long_says_so(client, recruiter, ada):
    client.force_login(recruiter)
    response = client.get(URL, {"q": "kubernetes " * 1000})
    assert response.status_code == 200
    assert "Search for at most 200 characters" in response.content.decode()


def test_a_nul_in_the_search_is_harmless(client, recruiter, ada):
    client.force_login(recruiter)
    response = client.get(URL, {"q": "kuber\x00netes"})
    assert response.status_code == 200


@pytest.mark.postgres
def test_postgres_ranks_a_name_match_above_a_resume_match(job, ada):
    if not search.uses_full_text():
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    kubernetes = factories.CandidateFactory(username="k8s", first_name="Kubernetes", last_name="Fan")
    by_name = factories.ApplicationFactory(job=job, candidate=kubernetes)
    ranked = search.search_filter(Application.objects.all(), "kubernetes").order_by("-search_rank")
    assert [application.pk for application in ranked] == [by_name.pk, ada.pk]


@pytest.mark.postgres
def test_postgres_lists_too_many_matches_to_rank_by_latest_activity(client, recruiter, job, ada, monkeypatch):
    if not search.uses_full_text():
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    monkeypatch.setattr("ats.selectors.candidates.RANKED_MATCHES_MAX", 1)
    newer = factories.ApplicationFactory(job=job, cover_letter="Kubernetes, briefly.")
    factories.ApplicationFactory(job=job, cover_letter="Nothing about containers.")
    client.force_login(recruiter)
    response = client.get(URL, {"q": "kubernetes"})
    assert response.context["sort"] == "activity"
    # Read along the activity index (search_filter's `many`), the non-match still stays out.
    assert [row.application.pk for row in response.context["rows"]] == [newer.pk, ada.pk]
    assert response.context["page"].paginator.count == 2


def test_the_snippet_is_cut_between_words(job):
    long_resume = " ".join(["alpha"] * 40) + " Kubernetes " + " ".join(["omega"] * 60)
    application = factories.ApplicationFactory(job=job)
    Application.objects.filter(pk=application.pk).update(resume_text=long_resume)
    search.vectors_refresh(application_ids=[application.pk])
    snippet = str(search.snippets([application.pk], "kubernetes")[application.pk])
    words = snippet.replace("<mark>", "").replace("</mark>", "").replace("…", "").split()
    assert set(words) == {"alpha", "Kubernetes", "omega"}
