# postgres_start: a throwaway PostgreSQL cluster in a temp dir, on a free local port.
# Installs PostgreSQL with apt when its binaries are missing. Sets PG_URL; stops on exit.

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; fi
  done | sort -V | tail -1
}

postgres_start() {
  local bin
  bin="$(find_pg_bin)"
  if [ -z "$bin" ]; then apt_install postgresql; bin="$(find_pg_bin)"; fi
  PG_DIR="$(mktemp -d /tmp/soteria-pg.XXXXXX)"
  local port
  port="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: run the cluster as the postgres (or nobody) user.
    local owner=postgres
    id "$owner" >/dev/null 2>&1 || owner=nobody
    chown "$owner" "$PG_DIR"
    run=(runuser -u "$owner" --)
  fi
  say "Starting PostgreSQL ($("$bin/postgres" --version)) in $PG_DIR on port $port"
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U soteria --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
  PG_URL="postgresql://soteria@127.0.0.1:$port/postgres"
  export PG_URL
  PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop)
  trap 'postgres_stop; rm -rf "$SOTERIA_DATA_DIR"' EXIT
}

postgres_stop() {
  if [ -n "${PG_DIR:-}" ]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
