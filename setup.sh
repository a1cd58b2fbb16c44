#!/usr/bin/env bash
# Sets up everything the course needs and builds it.
#   bash setup.sh                    install, then build the course into _build/html
#   bash setup.sh --nur-installieren install only (used by CI before the tests)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installiere Chromium (für die Browsertests) …"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium
fi

echo "Installiere die Python-Pakete aus requirements.txt …"
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt

if [ -f package-lock.json ]; then
  echo "Installiere die Node-Werkzeuge der Tests aus package-lock.json (npm ci) …"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "Bereite das Notebook im Browser vor (Pyodide aus node_modules, Pakete aus PyPI; einmalig) …"
python3 -m exercises.site.lite

if [ "${1:-}" = "--nur-installieren" ]; then
  exit 0
fi

echo "Baue den Kurs …"
jupyter-book build .
echo "Fertig: Öffnen Sie _build/html/index.html im Browser."
