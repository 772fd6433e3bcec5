#!/usr/bin/env bash
# Throw-away PostgreSQL and Redis servers on loopback, on free ports, for one test run.
#   eval "$(scripts/services.sh start)"   prints DATABASE_URL, REDIS_URL and SERVICES_DIR
#   scripts/services.sh stop "$SERVICES_DIR"
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  # PostgreSQL refuses to run as root; use the postgres system user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir bin pg_port redis_port
  dir=$(mktemp -d /tmp/chumchon-services.XXXXXX)
  chmod 755 "$dir"
  bin=$(pg_bin)
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
  mkdir -p "$dir/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pg"
  as_owner "$bin/initdb" -D "$dir/pg/data" -U chumchon --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  pg_port=$(free_port)
  as_owner "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U chumchon chumchon
  redis_port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  echo "export SERVICES_DIR=$dir"
  echo "export DATABASE_URL=postgres://chumchon@127.0.0.1:$pg_port/chumchon"
  echo "export REDIS_URL=redis://127.0.0.1:$redis_port/0"
}

stop() {
  local dir=$1 bin
  bin=$(pg_bin)
  [ -d "$dir/pg/data" ] && as_owner "$bin/pg_ctl" -D "$dir/pg/data" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?services dir}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
