#!/usr/bin/env bash
# Type-check the page modules (tsc --checkJs) as the site serves them: all in one folder, like
# Sphinx's _static/, so that their relative imports (./kurs-common.js) resolve.
set -euo pipefail
cd "$(dirname "$0")/../.."
flat="$(mktemp -d)"
trap 'rm -rf "$flat"' EXIT
find exercises -path '*/static/*.js' -exec cp {} "$flat/" \;
npx --no-install tsc --allowJs --checkJs --noEmit --skipLibCheck --target ES2022 --module ES2022 \
  --moduleResolution bundler --lib ES2022,DOM,DOM.Iterable "$flat"/*.js tests/js/globals.d.ts
