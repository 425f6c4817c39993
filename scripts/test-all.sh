#!/usr/bin/env bash
# Every test the studio has: type check, lint and unused-code check, unit and integration tests (Vitest), then the built
# app in a real Chromium (Playwright) against the sandbox gateway. Installs Chromium from
# Debian when it is missing; Playwright's own browser download is not used.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

if ! command -v chromium >/dev/null 2>&1; then
  echo "== Installing Chromium from Debian's packages"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "== Type check"
npx tsc --noEmit

echo "== Lint (ESLint) and unused code (knip)"
npm run lint

echo "== Unit and integration tests (Vitest)"
npx vitest run

echo "== Production build"
npx next build

echo "== Browser tests (Playwright, Chromium, sandbox gateway)"
npx playwright test
