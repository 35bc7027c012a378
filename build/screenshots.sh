#!/usr/bin/env bash
# README.md's screenshots, taken on the demo data: builds (Release), starts a throwaway PostgreSQL cluster, runs the one
# browser test that loads the demo institution (the plan `seed --demo` sends) and photographs Today and a partner page
# (tests/PartnershipLifecycle.Web.Tests/DemoScreenshotTests.cs, full page, 1280 px wide), then copies the two PNGs to
# docs/images/today.png and docs/images/partner.png. Needs Debian's chromium and fonts-noto-cjk, as ./test.sh does.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=build/postgres.sh
source build/postgres.sh

dotnet build PartnershipLifecycle.sln -c Release -v quiet -nologo

data="$(mktemp -d "${TMPDIR:-/tmp}/partnership-shots-pg.XXXXXX")"
chmod 755 "$data"
cleanup() {
  pg_stop "$data/cluster"
  rm -rf "$data"
}
trap cleanup EXIT
port=$(pg_free_port 15533)
pg_start "$data/cluster" "$port" fsync=off synchronous_commit=off full_page_writes=off
pg_create_database "$port" partnerships_test
export ConnectionStrings__Marten="Host=127.0.0.1;Port=$port;Database=partnerships_test;Username=postgres;Maximum Pool Size=80"

rm -f TestResults/browser/demo-today.png TestResults/browser/demo-partner.png
dotnet test tests/PartnershipLifecycle.Web.Tests/PartnershipLifecycle.Web.Tests.csproj -c Release --no-build \
  --filter "Category=Screenshots"

mkdir -p docs/images
for shot in today partner; do
  cp "TestResults/browser/demo-$shot.png" "docs/images/$shot.png"
  echo "docs/images/$shot.png: $(du -k "docs/images/$shot.png" | cut -f1) KB"
done
