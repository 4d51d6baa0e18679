#!/usr/bin/env bash
# Regenerates the embedded copy of Schemas/studio-actions.json.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/CXLintModel/StudioActionCatalogData.swift
{
  echo '// Generated from Schemas/studio-actions.json by scripts/embed-catalog.sh; do not edit.'
  echo '// StudioActionCatalogTests fails when the two differ.'
  echo 'enum StudioActionCatalogData {'
  echo '    static let json = #"""'
  cat Schemas/studio-actions.json
  echo '"""#'
  echo '}'
} > "$out"
