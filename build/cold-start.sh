#!/usr/bin/env bash
# Measures cold start: from process start to the first 200 from /health/ready, and to the first command
# answered (POST /api/partners, where code generated at run time would be compiled), in the Production
# environment. Prints each run and the medians.
#
#   build/cold-start.sh [published-folder] [runs]
#
# Without a folder it publishes src/PartnershipLifecycle.Api (Release) into a temporary one. Without
# ConnectionStrings__Marten it starts a private PostgreSQL cluster for the measurement and removes it after.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=build/postgres.sh
source "$root/build/postgres.sh"

app_dir="${1:-}"
runs="${2:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/partnership-cold-start.XXXXXX")"
chmod 755 "$work"
data=""
cleanup() {
  if [ -n "$data" ]; then pg_stop "$data"; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$app_dir" ]; then
  app_dir="$work/app"
  echo "==> publishing (Release) into $app_dir" >&2
  dotnet publish "$root/src/PartnershipLifecycle.Api" -c Release -o "$app_dir" -nologo -v quiet >&2
fi

if [ -z "${ConnectionStrings__Marten:-}" ]; then
  data="$work/cluster"
  port=$(pg_free_port 16600)
  pg_start "$data" "$port" >&2
  pg_create_database "$port" partnerships_cold_start
  export ConnectionStrings__Marten="Host=127.0.0.1;Port=$port;Database=partnerships_cold_start;Username=postgres"
fi

export ASPNETCORE_ENVIRONMENT=Production
export Auth__SigningKey="${Auth__SigningKey:-cold-start-measurement-signing-key-0123456789}"
dll="$app_dir/PartnershipLifecycle.Api.dll"
# The schema exists before the first measured start, as it does when a deployed service restarts.
(cd "$app_dir" && dotnet "$dll" db-apply >/dev/null)
token=$(cd "$app_dir" && dotnet "$dll" token --tenant cold-start --role coordinator --sub cold-start | tail -n 1)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

http_port=$(pg_free_port 18080)
url="http://127.0.0.1:$http_port"
ready_times=()
command_times=()
for run in $(seq 1 "$runs"); do
  start=$(now_ms)
  (cd "$app_dir" && exec dotnet "$dll" --urls "$url" >"$work/run-$run.log" 2>&1) &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/ready" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$work/run-$run.log" >&2
      echo "the service stopped before it was ready" >&2
      exit 1
    fi
    sleep 0.01
  done
  ready=$(( $(now_ms) - start ))
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/partners" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"Cold Start $run $RANDOM$RANDOM\",\"sector\":\"it\",\"channel\":\"inbound\",\"allowDuplicate\":true}")
  command=$(( $(now_ms) - start ))
  kill -TERM "$pid"
  wait "$pid" || true
  [ "$status" = 201 ] || { cat "$work/run-$run.log" >&2; echo "the first command answered $status" >&2; exit 1; }
  echo "run $run: ready after ${ready} ms, first command answered after ${command} ms"
  ready_times+=("$ready")
  command_times+=("$command")
done
echo "median: ready $(printf '%s\n' "${ready_times[@]}" | median) ms, first command $(printf '%s\n' "${command_times[@]}" | median) ms"
