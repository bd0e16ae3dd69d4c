#!/usr/bin/env bash
# `make loadtest`: the whole stack as production runs it, under Locust (issue 15).
#
# PostgreSQL database $LOADTEST_DATABASE (created when missing) with seed_load's data,
# the Procfile's `web` (gunicorn, DEBUG off) and `worker` (Huey on Redis), then Locust
# headless; ats/loadtest/report.py prints the table and fails the run on any failed
# request or a p95 over $LOADTEST_MAX_P95_MS (500 ms; the password checks of logins:
# $LOADTEST_MAX_LOGIN_P95_MS, see report.py). PostgreSQL and Redis must be running
# (.ci/run starts them). Both processes are stopped on the way out, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${LOADTEST_SECONDS:-60}
users=${LOADTEST_USERS:-50}
spawn_rate=${LOADTEST_SPAWN_RATE:-10}
jobs=${LOADTEST_JOBS:-20}
applications=${LOADTEST_APPLICATIONS:-20000}
port=${LOADTEST_PORT:-8860}
database=${LOADTEST_DATABASE:-ats_load}
out=var/loadtest
mkdir -p "$out"

# Production's settings, except for what a TLS-terminating proxy in front would do:
# gunicorn is reached over plain HTTP, so no redirect to HTTPS (the locustfile sends the
# Secure cookies anyway), and each simulated person's address comes in X-Forwarded-For.
export DATABASE_URL=${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$database}
export REDIS_URL=${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/14}
export DEBUG=false HUEY_IMMEDIATE=false SECURE_SSL_REDIRECT=false
export SECRET_KEY=${SECRET_KEY:-load-test-only-not-a-secret}
export SITE_URL=http://127.0.0.1:$port ALLOWED_HOSTS=127.0.0.1 PORT=$port
export ALLAUTH_TRUSTED_PROXY_COUNT=1 ATS_TRUSTED_PROXY_COUNT=1
export EMAIL_URL=dummymail:// MEDIA_ROOT=$PWD/$out/media LOG_LEVEL=WARNING
export LOADTEST_CANDIDATES=$(( (applications + 3) / 4 ))
export PATH=$PWD/.venv/bin:$PATH

if [[ $DATABASE_URL == postgres://*127.0.0.1* ]]; then
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres "$database"
fi
echo "--- migrate, collectstatic, seed_load ($jobs jobs, $applications applications)"
python manage.py migrate --noinput -v0
python manage.py collectstatic --noinput -v0
python manage.py seed_load --force --jobs "$jobs" --applications "$applications" | tail -1

web=$(sed -n 's/^web: //p' Procfile)
worker=$(sed -n 's/^worker: //p' Procfile)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM
echo "--- web: $web; worker: $worker (logs in $out/)"
$web >"$out/web.log" 2>&1 & pids+=($!)
$worker >"$out/worker.log" 2>&1 & pids+=($!)
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "gunicorn did not start:"; tail -20 "$out/web.log"; exit 1; }

echo "--- locust: $users people (+$spawn_rate a second) for ${seconds}s on $(nproc) cores"
locust -f ats/loadtest/locustfile.py --headless --only-summary -u "$users" -r "$spawn_rate" -t "${seconds}s" \
  --host "http://127.0.0.1:$port" --csv "$out/locust" --loglevel WARNING >"$out/locust.log" 2>&1 || true
python ats/loadtest/report.py "$out/locust_stats.csv" "$out/locust_failures.csv" \
  --max-p95-ms "${LOADTEST_MAX_P95_MS:-500}" --max-login-p95-ms "${LOADTEST_MAX_LOGIN_P95_MS:-2000}"
