#!/usr/bin/env bash
# End-to-end test in a real browser: JupyterLab from VENV served on localhost, headless
# Chromium (Debian's package) driven by Playwright, a notebook opened and run, the rendered
# HTML table and SVG plot looked for on the page, a screenshot kept as an artifact.
# usage: tests/browser/run.sh [VENV]   (the kernelspec in VENV must be installed already)
# Installs what it needs, idempotently: Debian's chromium (apt) and Playwright (pip).
# Skips, saying why, only when no Chromium can be installed on this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${1:-$ROOT/.venv}"
CACHE_DIR="${ARRAYLIB_CACHE_DIR:-$HOME/.cache/arraylib-kernel}"
mkdir -p "$CACHE_DIR"

find_chromium() { command -v chromium || command -v chromium-browser || true; }
CHROMIUM="$(find_chromium)"
if [ -z "$CHROMIUM" ]; then
    echo "==> installing Debian's chromium (apt)"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo -n"
    # Playwright's own browser download needs hosts other than the package registries, so
    # the browser comes from the distribution.
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } \
        > "$CACHE_DIR/apt-chromium.log" 2>&1 || true
    CHROMIUM="$(find_chromium)"
fi
if [ -z "$CHROMIUM" ]; then
    echo "SKIPPED browser test: chromium could not be installed (apt-get install chromium failed;" \
         "see $CACHE_DIR/apt-chromium.log)"
    exit 0
fi

"$VENV/bin/python" -m pip install -q -r "$ROOT/tests/browser/requirements.txt"
export ARRAYLIB_CHROMIUM="$CHROMIUM"
export ARRAYLIB_ARTIFACTS="${ARRAYLIB_ARTIFACTS:-$CACHE_DIR/test-artifacts}"
export JUPYTER_PATH="$VENV/share/jupyter"
cd "$ROOT/tests/browser"
exec "$VENV/bin/python" -m pytest -v ${PYTEST_ARGS:-} test_jupyterlab.py
