# Sourced by run.sh, test.sh and bench.sh: a private PostgreSQL cluster in a folder of our own.
# initdb and pg_ctl refuse to run as root; as root we run them as the 'postgres' user on a folder it owns.

pg_log() { echo "[postgres] $*" >&2; }

# Prints the folder holding initdb/pg_ctl, installing Debian's postgresql when there is none.
pg_bindir() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  pg_log "initdb not found: installing Debian's postgresql"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2 || {
    pg_log "could not install postgresql; install it, or set ConnectionStrings__Marten"
    return 1
  }
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# Runs a PostgreSQL binary as the owner of the data folder.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The first port from $1 on which nothing listens.
pg_free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port"
}

# The port of the cluster already running on <data-dir>, if any.
pg_running_port() {
  local data=$1 bin
  bin=$(pg_bindir) || return 1
  [ -f "$data/postmaster.pid" ] && pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && sed -n 4p "$data/postmaster.pid"
}

# pg_start <data-dir> <port> [extra postgres -c settings...]: initdb on first use, then start on 127.0.0.1.
pg_start() {
  local data=$1 port=$2
  shift 2
  local bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$data"
  fi
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_log "initdb $data"
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$data.initdb.log" 2>&1 || {
      cat "$data.initdb.log" >&2
      return 1
    }
  fi
  local options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c max_connections=200"
  local extra
  for extra in "$@"; do options="$options -c $extra"; done
  pg_log "starting on 127.0.0.1:$port ($data)"
  # A session of its own: Ctrl+C on the script must not reach the server before the service has stopped.
  pg_as_owner setsid "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$options" -w -t 60 start >/dev/null || {
    tail -20 "$data/server.log" >&2
    return 1
  }
}

pg_stop() {
  local data=$1 bin
  bin=$(pg_bindir) || return 1
  if [ -f "$data/postmaster.pid" ]; then
    pg_log "stopping ($data)"
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# pg_create_database <port> <name>
pg_create_database() {
  local port=$1 name=$2 bin
  bin=$(pg_bindir) || return 1
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname = '$name'" postgres | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}
