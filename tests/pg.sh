#!/usr/bin/env bash
# tests/pg.sh -- helpers (to source) for a throwaway PostgreSQL server in a temporary directory.
#
#   . tests/pg.sh
#   if pg_start; then uri=$(pg_new_db mydb); ...; pg_stop; else echo "skipped: $PG_SKIP"; fi
#
# pg_start initialises a cluster with the Debian server binaries (/usr/lib/postgresql/*/bin; package
# `postgresql`) in a fresh temporary directory, trust authentication, listening only on a unix socket in that
# directory (no TCP port, so nothing else on the machine is disturbed). PostgreSQL refuses to run as root:
# as root the cluster belongs to the `postgres` user (runuser, else su). On failure it returns 1 with the
# reason in PG_SKIP. pg_stop stops the server and removes the directory; call it from an EXIT trap.

PG_DIR=""; PG_BIN=""; PG_PORT=""; PG_SKIP=""; PG_URI_BASE=""

pg__as() { # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
    else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else "$@"; fi
}

pg_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    PG_SKIP="no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (scripts/deps.sh --test installs them)"
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    PG_SKIP="running as root and there is no 'postgres' user to own the cluster"
    return 1
  fi
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dyad-pg.XXXXXX") || { PG_SKIP="mktemp failed"; return 1; }
  chmod 700 "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  PG_PORT=$(( 20000 + RANDOM % 20000 ))
  if ! pg__as "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1; then
    PG_SKIP="initdb failed: $(tail -3 "$PG_DIR/initdb.log" | tr '\n' ' ')"
    pg_stop; return 1
  fi
  if ! pg__as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
       -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -c port=$PG_PORT -c fsync=off -c synchronous_commit=off" \
       start >"$PG_DIR/pg_ctl.log" 2>&1; then
    PG_SKIP="the server did not start: $(tail -3 "$PG_DIR/server.log" 2>/dev/null | tr '\n' ' ')"
    pg_stop; return 1
  fi
  PG_URI_BASE="host=$PG_DIR&port=$PG_PORT&user=postgres"
  if ! "$PG_BIN/psql" -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    PG_SKIP="cannot connect to the server it started"
    pg_stop; return 1
  fi
  return 0
}

# pg_new_db NAME: creates database NAME (dropping an old one) and prints its postgresql:// URI
pg_new_db() {
  "$PG_BIN/psql" -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres \
    -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\"" >/dev/null 2>&1 || return 1
  echo "postgresql:///$1?$PG_URI_BASE"
}

# pg_sql DB SQL: runs SQL on database DB, prints the rows unaligned
pg_sql() {
  "$PG_BIN/psql" -X -q -A -t -h "$PG_DIR" -p "$PG_PORT" -U postgres -d "$1" -c "$2"
}

pg_stop() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    [ -f "$PG_DIR/data/postmaster.pid" ] && pg__as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}
