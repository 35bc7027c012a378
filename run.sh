#!/usr/bin/env bash
# Builds and starts the service on http://127.0.0.1:5080. Without ConnectionStrings__Marten it runs its own
# PostgreSQL cluster under .data/ (port 5433 or the next free one), which stops again on Ctrl+C.
#   ./run.sh          the service
#   ./run.sh --demo   first loads the demo institution (about 40 partners) into tenant t1, if t1 has no partners yet
set -euo pipefail
demo=""
for arg in "$@"; do
  case "$arg" in
    --demo) demo=1 ;;
    *) echo "unknown option: $arg (./run.sh [--demo])" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=build/postgres.sh
source build/postgres.sh

urls="${URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

echo "==> build"
dotnet build src/PartnershipLifecycle.Api -c Debug -v quiet -nologo
app="$root/src/PartnershipLifecycle.Api/bin/Debug/net10.0/PartnershipLifecycle.Api"
api() { (cd "$root/src/PartnershipLifecycle.Api" && exec "$app" "$@"); }

data=""
app_pid=""
shutdown() {
  trap - INT TERM EXIT
  if [ -n "$app_pid" ]; then
    kill -TERM "$app_pid" 2>/dev/null || true
    # Let the service finish with the database before the database goes.
    while kill -0 "$app_pid" 2>/dev/null; do sleep 0.2; done
  fi
  if [ -n "$data" ]; then pg_stop "$data"; fi
}
trap shutdown EXIT
trap 'exit 130' INT TERM

if [ -z "${ConnectionStrings__Marten:-}" ]; then
  data="$root/.data/postgres"
  if port=$(pg_running_port "$data"); then
    echo "==> reusing the PostgreSQL already running on .data/postgres"
    data=""   # not ours to stop
  else
    port=$(pg_free_port 5433)
    pg_start "$data" "$port"
  fi
  pg_create_database "$port" partnerships
  export ConnectionStrings__Marten="Host=127.0.0.1;Port=$port;Database=partnerships;Username=postgres"
  echo "==> PostgreSQL on 127.0.0.1:$port (data in .data/postgres)"
fi

echo "==> applying the schema"
api db-apply >/dev/null
# The verb prints assembly-scanning notes first; the token is its last line.
token=$(api token --tenant t1 --role coordinator --sub dev-coordinator | tail -n 1)
if [ -n "$demo" ]; then
  echo "==> loading the demo institution into tenant t1 (seed --demo; about a minute)"
  # The verb prints assembly-scanning notes first; its summary (or why it loaded nothing) is its last line.
  api seed --demo --tenant t1 2>&1 | tail -n 1 || true
fi
cat <<INFO

Web app: $urls/app   (Development: sign in with any institution, role and name)
API:     $urls/api   (OpenAPI: $urls/openapi/v1.json)

Development coordinator token (tenant t1):
  export TOKEN=$token

Create a partner:
  curl -s -X POST $urls/api/partners -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"name":"Acme Robotics Ltd","sector":"manufacturing","channel":"chamber_of_commerce","website":"https://acme.example"}'

Other tokens: ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/PartnershipLifecycle.Api -- token --tenant t1 --role analyst --sub ann
OpenAPI: $urls/openapi/v1.json   Ready: $urls/health/ready   Stop: Ctrl+C

INFO
echo "==> starting on $urls"
# Not through api(): "api ... &" would put a shell between us and the service, and $! would be that shell's.
(cd "$root/src/PartnershipLifecycle.Api" && exec "$app" --urls "$urls") &
app_pid=$!
wait "$app_pid"
