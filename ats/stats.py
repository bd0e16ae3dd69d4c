"""Order statistics (median, percentiles) and elapsed times, computed in the database.

A percentile is interpolated linearly between the two nearest ranks: PostgreSQL's
`percentile_cont`, and Python's `statistics.quantiles(method="inclusive")`.
PostgreSQL computes it with `percentile_cont` itself; SQLite has no such
aggregate, so there it is read off the rows ranked by the window function
`ROW_NUMBER()` within their bucket. The analytics tests check both against the
same hand-worked figures.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import FloatField, Func, QuerySet

SECONDS_PER_DAY = 86400.0
# A fraction is written into the SQL as an integer number of thousandths, so that
# both databases compute a rank's integer part by integer division.
_PER_MILLE = 1000


class EpochSeconds(Func):
    """Seconds since 1970 of a datetime column: the difference of two is an elapsed time."""

    output_field = FloatField()
    arity = 1
    # date_part, not EXTRACT: a double precision, where EXTRACT's numeric is several
    # times slower to subtract and sort.
    template = "date_part('epoch', %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite keeps datetimes as UTC text; julianday() reads it, in days since 4714 BC.
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)", **extra_context
        )


def days_between(start, end) -> Func:
    """The days from `start` to `end` (expressions or column names), as a fraction."""
    return Func(
        EpochSeconds(end) - EpochSeconds(start),
        template=f"((%(expressions)s) / {SECONDS_PER_DAY})",
        output_field=FloatField(),
    )


@dataclass(frozen=True)
class Spread:
    """How a set of values is spread: their count, extremes, mean and percentiles (by fraction)."""

    count: int
    minimum: float | None = None
    maximum: float | None = None
    mean: float | None = None
    percentiles: tuple[tuple[float, float], ...] = ()

    def at(self, fraction: float) -> float | None:
        return dict(self.percentiles).get(fraction)

    @property
    def median(self) -> float | None:
        return self.at(0.5)


EMPTY = Spread(count=0)


def spreads(values: QuerySet, *, fractions: Sequence[float] = (0.25, 0.5, 0.75)) -> dict[Hashable, Spread]:
    """One Spread per bucket of `values`, in one query.

    `values` is a `.values(bucket=..., amount=...)` queryset: each row one value
    (`amount`; NULLs are left out) in one bucket (a stage, say; any constant for
    a single spread). Buckets without rows are absent.
    """
    inner_sql, params = values.order_by().query.sql_with_params()
    sql = (_percentile_cont if connection.vendor == "postgresql" else _ranked)(inner_sql, fractions)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        bucket: Spread(
            count=int(count),
            minimum=float(low),
            maximum=float(high),
            mean=float(mean),
            percentiles=tuple((fraction, float(value)) for fraction, value in zip(fractions, picked, strict=True)),
        )
        for bucket, count, low, high, mean, *picked in rows
    }


def _percentile_cont(inner_sql: str, fractions: Sequence[float]) -> str:
    picks = ", ".join(f"percentile_cont({float(fraction)}) WITHIN GROUP (ORDER BY amount)" for fraction in fractions)
    return (
        f"SELECT bucket, COUNT(amount), MIN(amount), MAX(amount), AVG(amount), {picks}"  # noqa: S608 -- Django's SQL
        f" FROM ({inner_sql}) AS measured GROUP BY bucket HAVING COUNT(amount) > 0"
    )


def _ranked(inner_sql: str, fractions: Sequence[float]) -> str:
    """The same figures from window functions: each value's rank in its bucket, and the
    bucket's count, pick the two values each percentile lies between."""
    picks = []
    for number, share in enumerate(round(fraction * _PER_MILLE) for fraction in fractions):
        rank = f"1 + ((n - 1) * {share}) / {_PER_MILLE}"
        low = f"MAX(CASE WHEN rn = {rank} THEN amount END)"
        high = f"MAX(CASE WHEN rn = {rank} + 1 THEN amount END)"
        # "%%": a literal modulo once the driver has put the parameters in.
        weight = f"MAX(((n - 1) * {share}) %% {_PER_MILLE}) / {float(_PER_MILLE)}"
        picks.append(f"{low} + COALESCE({high} - {low}, 0) * {weight} AS p{number}")
    # NULLs are ranked last (by "amount IS NULL" first) and left out of the count.
    return (
        "WITH ranked AS ("  # noqa: S608 -- the inner query is Django's, with its parameters
        " SELECT bucket, amount,"
        " ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY amount IS NULL, amount) AS rn,"
        " COUNT(amount) OVER (PARTITION BY bucket) AS n"
        f" FROM ({inner_sql}) AS measured)"
        f" SELECT bucket, MAX(n), MIN(amount), MAX(amount), AVG(amount), {', '.join(picks)}"
        " FROM ranked GROUP BY bucket HAVING COUNT(amount) > 0"
    )
