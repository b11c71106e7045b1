#!/usr/bin/env bash
# The whole test suite: system deps, typecheck, lint, unit and end-to-end tests (one build, one browser).
# Ends with the line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
echo "== typecheck"; npx --no-install vue-tsc -b
echo "== lint"; npx --no-install eslint . --max-warnings=0
echo "== unit + end-to-end"; npx --no-install vitest run
