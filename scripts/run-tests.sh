#!/usr/bin/env bash
# The whole suite: lint, then every test on SQLite (with the browser tests), then again
# on PostgreSQL with Redis. Extra arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv

echo "== lint"
$VENV/bin/ruff check .

echo "== translations"
if compgen -G "chumchon/locale/*/LC_MESSAGES/*.po" >/dev/null \
  || compgen -G "chumchon/*/locale/*/LC_MESSAGES/*.po" >/dev/null; then
  $VENV/bin/python manage.py compilemessages --ignore=.venv -v 0
  # The compiled catalogues are committed so `make demo` needs no gettext; they must match.
  if [ -d .git ] && [ -n "$(git status --porcelain -- 'chumchon/locale' 'chumchon/*/locale')" ]; then
    echo "compiled translations (.mo) are stale: commit the output of compilemessages" >&2
    exit 1
  fi
fi

echo "== SQLite (with browser tests)"
$VENV/bin/pytest "$@"

echo "== PostgreSQL and Redis"
eval "$(scripts/services.sh start)"
trap 'scripts/services.sh stop "$SERVICES_DIR"' EXIT
# Browser tests ran on SQLite already; the SQLite plan's own tests need SQLite as the
# default database.
$VENV/bin/pytest -m "not browser and not sqlite_plan" "$@"
