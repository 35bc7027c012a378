#!/usr/bin/env bash
# Rebuilds the repo-local NuGet feed (build/local-feed/*.nupkg) from the .nuspec sources under
# build/local-feed/src. nuget.config maps exactly these two package ids to this folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# dotnet pack needs a project to drive the .nuspec; an empty net10.0 one restores nothing.
cat > "$work/pack.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <NoBuild>true</NoBuild>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
</Project>
PROJ
# An empty config so this tiny restore asks no feed at all.
cat > "$work/nuget.config" <<'CFG'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
CFG

for spec in "$here"/src/*/*.nuspec; do
  echo "packing $(basename "$spec")"
  dotnet restore "$work/pack.csproj" --configfile "$work/nuget.config" -v quiet >/dev/null
  dotnet pack "$work/pack.csproj" --no-restore -v quiet -o "$here" \
    -p:NuspecFile="$spec" -p:NuspecBasePath="$(dirname "$spec")" >/dev/null
done
ls -1 "$here"/*.nupkg
