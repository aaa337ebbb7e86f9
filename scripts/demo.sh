#!/usr/bin/env bash
# Start the demo: generate keys once, migrate the SQLite database, load the Yuxi demo data once, and
# serve on http://127.0.0.1:$PORT. Called by `make demo`; the virtual environment must exist.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
export SQJZ_DATA_DIR="${SQJZ_DATA_DIR:-$PWD/data}"
mkdir -p "$SQJZ_DATA_DIR"
env_file="$SQJZ_DATA_DIR/demo.env"
if [ ! -f "$env_file" ]; then
  # Demo secrets: generated here, kept beside the demo database, never committed.
  .venv/bin/python - > "$env_file" <<'PY'
import secrets
print(f"SQJZ_SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"SQJZ_FIELD_KEYS=1:{secrets.token_hex(16)}")
print(f"SQJZ_INDEX_KEY={secrets.token_hex(32)}")
PY
  chmod 600 "$env_file"
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
export DJANGO_SETTINGS_MODULE=sqjz.settings
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py demo --if-empty --url "http://127.0.0.1:${PORT}/"
# The task worker runs queued background jobs (e.g. `manage.py inbox_refresh` from cron) beside the web server.
# A worker killed mid-task leaves the task RUNNING: tasks_recover puts it back in the queue (decision 0017).
.venv/bin/python manage.py tasks_recover --worker-id demo
.venv/bin/python manage.py db_worker --no-startup-delay --interval 5 --worker-id demo &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT
.venv/bin/gunicorn sqjz.wsgi --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 --timeout 60 \
  --access-logfile - --error-logfile -
