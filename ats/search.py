"""Searching applications by the words of the candidate's name, email, cover letter and
resume; and the public job board's jobs by their title, company, place and description
(at the end of this module).

One box takes any text. Only its words count (letters and digits; quotes,
operators and control characters are dropped), each must match, and each
matches as a prefix on PostgreSQL ("kube" finds "Kubernetes") or anywhere as a
substring on SQLite. A query with an "@" also finds the candidate whose email
it is.

PostgreSQL: each application keeps a weighted `search_vector` (its name as A,
cover letter as C, resume text as D, in the `english` configuration), indexed
with GIN (migration 0014) and written here whenever one of its parts changes;
results are ranked and a highlighted snippet shows where the words matched.

SQLite: a case-insensitive contains on every part, newest first, with the
snippet cut in Python. It reads every row, which is fine for the few thousand
applications of a laptop; production runs on PostgreSQL.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ats.models import JOB_DESCRIPTION_MAX_LENGTH, Application, Company, Job, User

SEARCH_CONFIG = "english"
QUERY_MAX_LENGTH = 200
QUERY_MAX_WORDS = 12
SNIPPET_CONTEXT = 80

_WORDS = re.compile(r"[^\W_]+")
# ts_headline's markers: control characters no resume text keeps (the extraction drops them).
_START, _STOP = "\x02", "\x03"


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def query_words(text: str | None) -> list[str]:
    """The words of a search box's text, lower case, at most QUERY_MAX_WORDS."""
    return [word.casefold() for word in _WORDS.findall((text or "")[:QUERY_MAX_LENGTH])][:QUERY_MAX_WORDS]


def _email_in(text: str | None) -> str | None:
    cleaned = (text or "")[:QUERY_MAX_LENGTH].replace("\x00", "").strip()
    return cleaned if "@" in cleaned and " " not in cleaned else None


def _tsquery(words: list[str]) -> SearchQuery:
    # Each word is letters and digits only, so quoting it cannot change the query's syntax.
    raw = " & ".join(f"'{word}':*" for word in words)
    return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)


def search_filter(
    applications: QuerySet[Application], text: str | None, *, ranked: bool = True, many: bool = False
) -> QuerySet[Application]:
    """`applications` narrowed to those matching `text`; on PostgreSQL, when `ranked`,
    annotated with `search_rank` (higher is better). Text without words leaves them as they are.

    `many` says the words are known to match many rows (the caller counted them) and
    a page is read in an indexed order: PostgreSQL then checks the words row by row
    along that order, a page within a few hundred rows, instead of through the GIN
    index, which it would otherwise pick (it can't estimate prefix matches) and then
    sort thousands of rows."""
    words = query_words(text)
    email = _email_in(text)
    if not words:
        return applications
    if uses_full_text():
        query = _tsquery(words)
        condition = Q(search_vector=query)
        if email:
            condition |= Q(candidate__email__iexact=email)
        if many:
            # COALESCE(… @@ …, false) means the same, but no index can answer it.
            matching = applications.filter(Coalesce(ExpressionWrapper(condition, BooleanField()), Value(False)))
        else:
            matching = applications.filter(condition)
        return matching.annotate(search_rank=SearchRank(F("search_vector"), query)) if ranked else matching
    condition = Q()
    for word in words:
        condition &= (
            Q(candidate__first_name__icontains=word)
            | Q(candidate__last_name__icontains=word)
            | Q(candidate__email__icontains=word)
            | Q(cover_letter__icontains=word)
            | Q(resume_text__icontains=word)
        )
    return applications.filter(condition)


def snippets(application_ids: Iterable[int], text: str | None) -> dict[int, SafeString]:
    """Where `text` matched in each application's cover letter or resume: a short
    excerpt, HTML-escaped, the matching words in <mark>. Applications that matched
    only by name have none. One query, whatever the number of ids."""
    words = query_words(text)
    ids = list(application_ids)
    if not words or not ids:
        return {}
    documents = Application.objects.filter(pk__in=ids)
    if uses_full_text():
        headline = SearchHeadline(
            Concat("cover_letter", Value("\n"), "resume_text", output_field=TextField()),
            _tsquery(words),
            config=SEARCH_CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=24,
            min_words=10,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        found = dict(documents.annotate(headline=headline).values_list("pk", "headline"))
        return {pk: _marked(excerpt) for pk, excerpt in found.items() if excerpt and _START in excerpt}
    result = {}
    for pk, cover_letter, resume_text in documents.values_list("pk", "cover_letter", "resume_text"):
        excerpt = _excerpt(f"{cover_letter}\n{resume_text}", words)
        if excerpt:
            result[pk] = excerpt
    return result


def _marked(excerpt: str) -> SafeString:
    html = escape(" ".join(excerpt.split()))
    return mark_safe(html.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _excerpt(document: str, words: list[str]) -> SafeString | None:
    folded = document.casefold()
    positions = [position for word in words if (position := folded.find(word)) >= 0]
    if not positions:
        return None
    start = max(min(positions) - SNIPPET_CONTEXT, 0)
    end = min(min(positions) + SNIPPET_CONTEXT * 2, len(document))
    # Whole words only: move the cuts to the nearest spaces inside them.
    if start > 0 and (space := document.find(" ", start, min(positions))) >= 0:
        start = space + 1
    if end < len(document) and (space := document.rfind(" ", min(positions), end)) > min(positions):
        end = space
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    marked = pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", document[start:end])
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(document) else ""
    return _marked(f"{prefix}{marked}{suffix}")


def vectors_refresh(*, application_ids: Iterable[int] = (), candidate: User | None = None, missing: int = 0) -> int:
    """Write the search document of the given applications, of all of `candidate`'s,
    or of up to `missing` applications that have none yet (after the migration).
    Returns how many rows were written; nothing on SQLite, which reads the columns directly."""
    if not uses_full_text():
        return 0
    params: list[Any]
    if candidate is not None:
        where, params = "a.candidate_id = %s", [candidate.pk]
    elif missing:
        table = Application._meta.db_table
        # An erased application has no document and never gets one again.
        where = (
            f"a.id IN (SELECT id FROM {table} WHERE search_vector IS NULL AND candidate_id IS NOT NULL"  # noqa: S608
            " ORDER BY id LIMIT %s)"
        )
        params = [missing]
    else:
        ids = list(application_ids)
        if not ids:
            return 0
        where, params = "a.id = ANY(%s)", [ids]
    sql = f"""
        UPDATE {Application._meta.db_table} AS a SET search_vector =
            setweight(to_tsvector(%s, u.first_name || ' ' || u.last_name), 'A')
            || setweight(to_tsvector(%s, a.cover_letter), 'C')
            || setweight(to_tsvector(%s, a.resume_text), 'D')
        FROM {User._meta.db_table} AS u
        WHERE u.id = a.candidate_id AND {where}
    """  # noqa: S608 (table names from the models; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [SEARCH_CONFIG, SEARCH_CONFIG, SEARCH_CONFIG, *params])
        return cursor.rowcount


# The public job board -----------------------------------------------------------

# Jobs are searched in the `simple` configuration: no stop words (a search for "IT"
# finds IT jobs; `english` drops "it") and no stemming, so each word matches as a
# prefix of what the posting says, close to SQLite's substring search.
JOB_SEARCH_CONFIG = "simple"


def job_search_query(text: str | None) -> SearchQuery | None:
    """The tsquery of a job board search: every word, each as a prefix; None without words."""
    words = query_words(text)
    if not words:
        return None
    return SearchQuery(" & ".join(f"'{word}':*" for word in words), search_type="raw", config=JOB_SEARCH_CONFIG)


def job_vectors_refresh(*, job_ids: Iterable[int] = (), company_id: int | None = None) -> int:
    """Write the job board's search document of the given jobs, or of all of a company's
    (after a rename). Returns how many rows were written; nothing on SQLite."""
    if not uses_full_text():
        return 0
    params: list[Any]
    if company_id is not None:
        where, params = "j.company_id = %s", [company_id]
    else:
        ids = list(job_ids)
        if not ids:
            return 0
        where, params = "j.id = ANY(%s)", [ids]
    # A description from before its limit may be megabytes, past what a tsvector holds: its start is read.
    sql = f"""
        UPDATE {Job._meta.db_table} AS j SET search_vector =
            setweight(to_tsvector(%s, j.title), 'A')
            || setweight(to_tsvector(%s, c.name || ' ' || j.location), 'B')
            || setweight(to_tsvector(%s, left(j.description, %s)), 'C')
        FROM {Company._meta.db_table} AS c
        WHERE c.id = j.company_id AND {where}
    """  # noqa: S608 (table names from the models; values are parameters)
    config = JOB_SEARCH_CONFIG
    with connection.cursor() as cursor:
        cursor.execute(sql, [config, config, config, JOB_DESCRIPTION_MAX_LENGTH, *params])
        return cursor.rowcount
