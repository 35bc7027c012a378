#!/usr/bin/env bash
# Measures the service against the physical limit (raw Npgsql) and bare Marten in one run and prints one markdown
# table; tests/PartnershipLifecycle.Benchmarks/RESULTS.md explains every figure. Builds in Release, starts a private
# PostgreSQL cluster with production durability (fsync, synchronous_commit and full_page_writes on, PostgreSQL's
# defaults), runs the Release service as its own process, and removes both at the end, even on failure.
#
#   ./bench.sh              the full run (about 15 minutes on 2 cores); updates RESULTS.md and README.md
#   ./bench.sh --quick      one short round of everything (about 4 minutes); writes nothing
#   ./bench.sh --pg-stats   also loads pg_stat_statements and prints the costliest statements of each database
#   ./bench.sh --keep       keeps the temporary folder (the service's log, cold-start.log, the stopped cluster)
#   ./bench.sh --help       every option
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=build/postgres.sh
source build/postgres.sh

args=()
pg_stats=""
keep=""
for arg in "$@"; do
  case "$arg" in
    --pg-stats) pg_stats=1 ;;
    --keep) keep=1 ;;
    *) args+=("$arg") ;;
  esac
done

echo "==> build (Release)"
dotnet build tests/PartnershipLifecycle.Benchmarks -c Release -nologo -v quiet
bench="$root/tests/PartnershipLifecycle.Benchmarks/bin/Release/net10.0/PartnershipLifecycle.Benchmarks.dll"
for arg in "${args[@]+"${args[@]}"}"; do
  if [ "$arg" = --help ] || [ "$arg" = -h ]; then exec dotnet "$bench" --help; fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/partnership-bench.XXXXXX")"
chmod 755 "$work"   # the postgres user must reach the cluster folder inside it
cleanup() {
  local status=$?
  # The benchmark stops the service it started; if it could not (killed, crashed), stop it here.
  if [ -f "$work/service.pid" ]; then
    local pid
    pid=$(cat "$work/service.pid")
    if kill -0 "$pid" 2>/dev/null; then
      echo "==> stopping the service (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/service.log" ]; then
    echo "==> the last lines of the service's log" >&2
    tail -n 40 "$work/service.log" >&2
  fi
  if [ -n "$keep" ]; then
    echo "==> kept $work (logs; the cluster's data in cluster/, stopped)"
    pg_stop "$work/cluster"
  else
    pg_stop "$work/cluster"
    rm -rf "$work"
  fi
}
trap cleanup EXIT

port=$(pg_free_port 15533)
settings=()
if [ -n "$pg_stats" ]; then settings+=(shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all); fi
# Production durability: no fsync=off or synchronous_commit=off here, unlike the test cluster.
pg_start "$work/cluster" "$port" "${settings[@]+"${settings[@]}"}"
postgres="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
if [ -n "$pg_stats" ]; then
  "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create extension pg_stat_statements" postgres
fi

echo "==> machine load (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" --postgres "$postgres" --repo "$root" --work "$work" "${args[@]+"${args[@]}"}"

if [ -n "$pg_stats" ]; then
  echo "==> pg_stat_statements: the costliest statements of each database"
  "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres postgres -P pager=off -c "
    select d.datname as db, s.calls, round(s.total_exec_time::numeric, 0) as total_ms, round(s.mean_exec_time::numeric, 3) as mean_ms,
           left(regexp_replace(s.query, '\s+', ' ', 'g'), 140) as query
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname like 'bench_%' order by s.total_exec_time desc limit 40"
  "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres postgres -P pager=off -c "
    select d.datname as db, d.xact_commit as commits, d.xact_rollback as rollbacks,
           (select sum(s.calls) from pg_stat_statements s where s.dbid = d.datid) as statements,
           (select round(sum(s.total_exec_time)::numeric, 0) from pg_stat_statements s where s.dbid = d.datid) as exec_ms
    from pg_stat_database d where d.datname like 'bench_%' order by d.datname"
fi
