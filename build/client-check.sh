#!/usr/bin/env bash
# The OpenAPI document as integrators meet it, checked with tools nobody here wrote (docs/api.md, "Generated clients"):
#   1. Redocly CLI lints /openapi/v1.json (recommended rules): no errors.
#   2. NSwag generates a C# client (build/clients/csharp/Generate), compiled as generated, which drives a partner's
#      life against the running service (build/clients/csharp/Story).
#   3. openapi-typescript generates TypeScript types; `tsc --noEmit` checks a script doing the same with openapi-fetch
#      (build/clients/typescript/story.ts).
# Needs the Release build (./test.sh builds it) and ConnectionStrings__Marten (./test.sh's cluster). Node.js and npm
# come from Debian when missing; the npm packages from the registry, at the versions of build/clients/package-lock.json.
#   build/client-check.sh            (from ./test.sh, or by hand with ConnectionStrings__Marten set)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="$root/build/clients"
: "${ConnectionStrings__Marten:?set ConnectionStrings__Marten (./test.sh does)}"
started=$(date +%s)
step() { echo "==> client check: $* ($(( $(date +%s) - started )) s)"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  step "installing Node.js and npm (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

# npm ci only when the lock file changed since the last install here (a fresh clone always installs).
stamp="$clients/node_modules/.lock-sha256"
lock_sum=$(sha256sum "$clients/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]; then
  step "npm ci"
  (cd "$clients" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/partnership-client-check.XXXXXX")"
api_pid=""
cleanup() {
  if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

app="$root/src/PartnershipLifecycle.Api/bin/Release/net10.0"
[ -f "$app/PartnershipLifecycle.Api.dll" ] || { echo "No Release build in $app: run ./test.sh (or dotnet build -c Release)." >&2; exit 1; }
export ASPNETCORE_ENVIRONMENT=Production
export Auth__SigningKey="client-check-signing-key-0123456789-abcdefghijklmnop"
export RateLimits__Enabled=false
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
step "starting the service on $url"
(cd "$app" && exec dotnet PartnershipLifecycle.Api.dll --urls "$url" >"$work/service.log" 2>&1) &
api_pid=$!
for _ in $(seq 1 240); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/ready" || true)" = 200 ]; then break; fi
  if ! kill -0 "$api_pid" 2>/dev/null; then cat "$work/service.log" >&2; echo "The service stopped at start-up." >&2; exit 1; fi
  sleep 0.5
done
curl -sf "$url/openapi/v1.json" -o "$work/openapi.json" || { cat "$work/service.log" >&2; echo "No /openapi/v1.json." >&2; exit 1; }
token=$(cd "$app" && dotnet PartnershipLifecycle.Api.dll token --tenant "client-check-$(date +%s%N)" --role coordinator,analyst --sub client-check | tail -n 1)

step "Redocly lint"
(cd "$clients" && npx --no-install redocly lint "$work/openapi.json" --format=stylish 2>&1 | grep -v -e '^\s*$' -e '║' -e '╔' -e '╚' )
# (redocly exits non-zero on any error; pipefail carries it)

step "NSwag: generate the C# client"
story="$clients/csharp/Story"
mkdir -p "$story/obj"
dotnet build "$clients/csharp/Generate/Generate.csproj" -c Release -v quiet -nologo
dotnet "$clients/csharp/Generate/bin/Release/net10.0/Generate.dll" "$work/openapi.json" "$story/obj/PartnershipClient.cs"
step "NSwag: build the story on the generated client"
dotnet build "$story/Story.csproj" -c Release -v quiet -nologo
step "NSwag: drive a partner's life"
dotnet "$story/bin/Release/net10.0/Story.dll" "$url" "$token"

step "openapi-typescript: generate the types"
mkdir -p "$clients/typescript/generated"
(cd "$clients" && npx --no-install openapi-typescript "$work/openapi.json" -o typescript/generated/api.d.ts)
step "tsc --noEmit over the TypeScript story"
(cd "$clients" && npx --no-install tsc -p typescript/tsconfig.json)

step "passed"
