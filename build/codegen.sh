#!/usr/bin/env bash
# Rewrites Wolverine's generated handler and endpoint code under src/PartnershipLifecycle.Api/Internal/Generated,
# which every environment but Development and Testing loads instead of compiling at run time. Run it after
# changing a handler, an endpoint or Wolverine's configuration (the test
# The_committed_generated_code_is_what_codegen_writes_today fails until you do), and commit the result.
# It needs no database. The old code is removed first: after a handler's signature changed it may not compile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
api="$root/src/PartnershipLifecycle.Api"
rm -rf "$api/Internal/Generated"
dotnet build "$api" -c Debug -v quiet -nologo
cd "$api"
# Development reads appsettings.Development.json (a signing key and a connection string nothing connects to).
ASPNETCORE_ENVIRONMENT=Development dotnet bin/Debug/net10.0/PartnershipLifecycle.Api.dll codegen write | grep -c 'Wrote generated code file' \
  | xargs -I{} echo "==> wrote {} files under src/PartnershipLifecycle.Api/Internal/Generated"
