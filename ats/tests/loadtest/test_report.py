"""The load test's verdict (ats/loadtest/report.py): any failure or a p95 over the limit fails it."""

from ats.loadtest import report


def row(name: str, *, failures: int = 0, p95: str = "120") -> dict[str, str]:
    return {
        "Name": name,
        "Request Count": "100",
        "Failure Count": str(failures),
        "Requests/s": "10.5",
        "50%": "40",
        "95%": p95,
        "99%": "900",
    }


def test_a_run_without_failures_under_the_limit_passes():
    assert report.verdict([row("board"), row("Aggregated")], [], max_p95_ms=500) == []


def test_a_failed_request_fails_the_run():
    failures = [{"Method": "POST", "Name": "log in", "Error": "403", "Occurrences": "1"}]

    problems = report.verdict([row("log in", failures=1), row("Aggregated", failures=1)], failures, max_p95_ms=500)

    assert "log in: 1 failed requests" in problems
    assert "all requests: 1 failed requests" in problems
    assert "failure: POST log in: 403 (1x)" in problems


def test_a_p95_over_the_limit_fails_the_run():
    problems = report.verdict([row("board", p95="510"), row("Aggregated")], [], max_p95_ms=500)

    assert problems == ["board: p95 510 ms is over 500 ms"]


def test_logins_have_their_own_limit_and_the_mixed_total_only_counts_failures():
    stats = [row("log in", p95="2400"), row("api token", p95="5100"), row("Aggregated", p95="900")]

    problems = report.verdict(stats, [], max_p95_ms=500, max_login_p95_ms=5000)

    assert problems == ["api token: p95 5100 ms is over 5000 ms"]


def test_no_statistics_fail_the_run_and_the_table_shows_each_endpoint(tmp_path, capsys):
    assert report.main([str(tmp_path / "none.csv"), str(tmp_path / "none.csv")]) == 1

    stats = tmp_path / "stats.csv"
    stats.write_text("Name,Request Count,Failure Count,Requests/s,50%,95%,99%\nboard,100,0,10.5,40,120,900\n")
    assert report.main([str(stats), str(tmp_path / "none.csv")]) == 0
    output = capsys.readouterr().out
    assert "board" in output and "120" in output and "PASS" in output
