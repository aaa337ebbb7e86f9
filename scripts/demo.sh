#!/usr/bin/env bash
# Start the demo: generate keys once, migrate the SQLite database, load the Yuxi demo data once, and
# serve on http://127.0.0.1:$PORT. Called by `make demo`; the virtual environment must exist.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
export SQJZ_DATA_DIR="${SQJZ_DATA_DIR:-$PWD/data}"
umask 077  # the data folder holds personal data: the owner's only (settings.py sets the same umask in Python)
mkdir -p "$SQJZ_DATA_DIR"
chmod -R go-rwx "$SQJZ_DATA_DIR"  # files an earlier version created readable by others (0644)
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
if ! grep -q '^SQJZ_AUDIT_KEY=' "$env_file"; then
  # The access log's chain key (decision 0013): added to demo.env files made before it existed.
  echo "SQJZ_AUDIT_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')" >> "$env_file"
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
export DJANGO_SETTINGS_MODULE=sqjz.settings
# The demo is plain http on 127.0.0.1: no secure-only cookies, no redirect to https (production keeps both on).
export SQJZ_SECURE_COOKIES=false SQJZ_SSL_REDIRECT=false
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py demo --if-empty --url "http://127.0.0.1:${PORT}/"
# Anchor the access log's head outside the database (production: cron every 10 minutes).
.venv/bin/python manage.py audit_checkpoint || echo "访问日志检查点未记录：请运行 manage.py audit_verify 查明原因。" >&2
# The task worker runs queued background jobs (e.g. `manage.py inbox_refresh` from cron) beside the web server.
# A worker killed mid-task leaves the task RUNNING: tasks_recover puts it back in the queue (decision 0017).
.venv/bin/python manage.py tasks_recover --worker-id demo
.venv/bin/python manage.py task_worker --no-startup-delay --interval 5 --worker-id demo &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT
# The access log names paths without query strings or Referer: searches carry personal data (deploy/gunicorn.conf.py).
.venv/bin/gunicorn -c deploy/gunicorn.conf.py sqjz.wsgi --bind "127.0.0.1:${PORT}" --timeout 60
