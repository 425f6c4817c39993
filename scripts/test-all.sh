#!/usr/bin/env bash
# Every test the studio has: type check, lint and unused-code check, unit and integration tests
# (Vitest) on SQLite and again on PostgreSQL, then the built app in a real Chromium (Playwright)
# against the sandbox gateway, and last the benchmarks in quick mode. Installs Chromium and
# PostgreSQL from Debian when they are missing; Playwright's own browser download is not used.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The PostgreSQL pass starts its own throwaway server with these binaries.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== Installing ${missing[*]} from Debian's packages"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== Type check"
npx tsc --noEmit

echo "== Lint (ESLint) and unused code (knip)"
npm run lint

echo "== Unit and integration tests (Vitest, SQLite)"
npx vitest run

echo "== The database suites again on PostgreSQL (a throwaway server)"
npm run test:postgres

echo "== Production build"
npx next build

echo "== Browser tests (Playwright, Chromium, sandbox gateway)"
npx playwright test

# Figures only: a missed target is reported in the table, not failed; a benchmark that cannot
# run to its end fails the step, so the scripts keep working.
echo "== Benchmarks, quick (small counts)"
npm run bench -- --quick
