#!/usr/bin/env bash
# Restores, builds, starts a throwaway PostgreSQL cluster (own temporary folder, free port, removed at the
# end even on failure), runs every test project, then checks the OpenAPI document with a linter and two client
# generators against the service on that cluster (build/client-check.sh). Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=build/postgres.sh
source build/postgres.sh

# The browser tests (tests/PartnershipLifecycle.Web.Tests) drive Debian's Chromium by path (Playwright downloads no
# browser); without the CJK fonts, Chinese names render as empty boxes.
if ! command -v chromium >/dev/null || ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"; then
  echo "==> installing chromium and fonts-noto-cjk (Debian)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

echo "==> restore"
dotnet restore PartnershipLifecycle.sln
echo "==> build (Release)"
dotnet build PartnershipLifecycle.sln -c Release --no-restore

data="$(mktemp -d "${TMPDIR:-/tmp}/partnership-test-pg.XXXXXX")"
chmod 755 "$data"   # the postgres user must reach the cluster folder inside it
cleanup() {
  pg_stop "$data/cluster"
  rm -rf "$data"
}
trap cleanup EXIT
port=$(pg_free_port 15433)
# A test cluster trades durability for speed; nothing in it outlives the run.
pg_start "$data/cluster" "$port" fsync=off synchronous_commit=off full_page_writes=off
pg_create_database "$port" partnerships_test
export ConnectionStrings__Marten="Host=127.0.0.1;Port=$port;Database=partnerships_test;Username=postgres;Maximum Pool Size=80"

# One project at a time: the reliability suite (tests/PartnershipLifecycle.Reliability.Tests) restarts this cluster.
status=0
started=$SECONDS
for project in tests/*/*.Tests.csproj; do
  echo "==> test $project"
  project_started=$SECONDS
  dotnet test "$project" -c Release --no-build || status=1
  echo "==> $project: $((SECONDS - project_started)) s"
done
echo "==> every test project: $((SECONDS - started)) s"

echo "==> OpenAPI document with real generators (build/client-check.sh)"
check_started=$(date +%s)
build/client-check.sh || status=1
echo "==> client check took $(( $(date +%s) - check_started )) s"
exit $status
