#!/usr/bin/env bash
# Every check CI runs, in this order: Python format and lint, package types, JavaScript lint and
# types, the JS logic against the shared vectors (Node, no browser), then pytest (unit, build,
# browser). Arguments go to pytest, e.g.  bash tests/run-all.sh -m "not browser"
set -euo pipefail
cd "$(dirname "$0")/.."
ruff format --check .
ruff check .
mypy exercises
npx --no-install biome lint
bash tests/js/check-types.sh
node --test tests/js/
python3 -m pytest "$@"
