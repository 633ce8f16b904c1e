# shellcheck shell=bash
# A throw-away PostgreSQL on 127.0.0.1 for the county tests.
#
# Source it (`. .ci/postgres.sh`) so that VILLAGE_TUI_PG_URL stays exported, or
# run it with bash and read the URL it prints. Idempotent: a second run finds
# the server already up and the database already there. Installs Debian's
# postgresql when no server binaries are present. It never `exit`s (it may be
# sourced by a `set -eu` script); failures `return 1` or end with a message.

_vt_pg_main() {
  local port="${VILLAGE_TUI_PG_PORT:-55432}"
  local dir="${VILLAGE_TUI_PG_DIR:-${TMPDIR:-/tmp}/village-tui-pg}"
  local db="village_tui_test" user="village_tui" password="village_tui"
  local bin=""

  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    echo "== installing postgresql (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || {
      apt-get update -qq >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1
    } || { echo "postgres.sh: could not install postgresql" >&2; return 1; }
  fi
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

  # The server refuses to run as root: it runs as the postgres user (created by
  # the Debian package), or as the current user when that is not root.
  local runas=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    runas=(runuser -u postgres --)
  fi

  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "${#runas[@]}" -gt 0 ] && chown postgres "$dir"
      "${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
        --locale=C >"$dir/initdb.log" 2>&1 || {
        echo "postgres.sh: initdb failed, see $dir/initdb.log" >&2
        return 1
      }
    fi
    local opts="-h 127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off"
    if ! "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null; then
      # A server killed with its session leaves a stale lock file behind; the
      # data is throw-away, so start once more without it.
      rm -f "$dir/data/postmaster.pid"
      "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null || {
        echo "postgres.sh: server did not start, see $dir/server.log" >&2
        return 1
      }
    fi
  fi

  local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$user'")" != "1" ]; then
    "${psql[@]}" -c "CREATE ROLE $user LOGIN PASSWORD '$password' CREATEDB" || return 1
  fi
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$db'")" != "1" ]; then
    "${psql[@]}" -c "CREATE DATABASE $db OWNER $user ENCODING 'UTF8' TEMPLATE template0" || return 1
  fi

  export VILLAGE_TUI_PG_URL="postgresql+psycopg://$user:$password@127.0.0.1:$port/$db"
  echo "VILLAGE_TUI_PG_URL=$VILLAGE_TUI_PG_URL"
}

_vt_pg_main "$@"
