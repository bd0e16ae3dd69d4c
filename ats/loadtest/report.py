"""Print a Locust run's table (requests per second, p50/p95/p99 per endpoint) and
exit 1 on any failed request or an endpoint whose p95 is over the limit.

The requests that check a password (the login form's post, the API's token) have a
limit of their own, --max-login-p95-ms: a password hash costs CPU by design
(ats/hashers.py), and the ramp's logins all arrive in its first seconds, so they
queue for the cores whatever the server does; the limit shows that they finish, and
every other endpoint's p95 shows that they don't stall the pages. The row of all
requests mixes both, so only its failures count.

    python ats/loadtest/report.py var/loadtest/locust_stats.csv var/loadtest/locust_failures.csv --max-p95-ms 500
"""

import argparse
import csv
import sys
from pathlib import Path

# Locust names of the requests that check a password (ats/loadtest/locustfile.py).
PASSWORD_CHECKS = frozenset({"log in", "api token"})


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def verdict(
    stats: list[dict[str, str]],
    failures: list[dict[str, str]],
    max_p95_ms: float,
    max_login_p95_ms: float = 2000,
) -> list[str]:
    """What fails the run, one line each; none when it passed."""
    if not stats:
        return ["Locust wrote no statistics: did it run?"]
    problems = []
    for row in stats:
        label = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        if int(row["Failure Count"]):
            problems.append(f"{label}: {row['Failure Count']} failed requests")
        if row["Name"] == "Aggregated":
            continue
        limit = max_login_p95_ms if row["Name"] in PASSWORD_CHECKS else max_p95_ms
        if float(row["95%"] if row["95%"] != "N/A" else 0) > limit:
            problems.append(f"{label}: p95 {row['95%']} ms is over {limit:.0f} ms")
    problems += [f"failure: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)" for row in failures]
    return problems


def table(stats: list[dict[str, str]]) -> str:
    lines = [f"{'endpoint':<28} {'requests':>8} {'fails':>5} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"]
    for row in stats:
        name = "ALL" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(
            f"{name:<28} {row['Request Count']:>8} {row['Failure Count']:>5} {float(row['Requests/s']):>6.1f} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stats", type=Path)
    parser.add_argument("failures", type=Path)
    parser.add_argument("--max-p95-ms", type=float, default=500)
    parser.add_argument("--max-login-p95-ms", type=float, default=2000)
    args = parser.parse_args(argv)
    stats = read_rows(args.stats)
    print(table(stats))
    problems = verdict(stats, read_rows(args.failures), args.max_p95_ms, args.max_login_p95_ms)
    for problem in problems:
        print(f"FAIL {problem}")
    if not problems:
        print(
            f"PASS: no failed request, every page's and API call's p95 at most {args.max_p95_ms:.0f} ms, "
            f"logins' at most {args.max_login_p95_ms:.0f} ms"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
