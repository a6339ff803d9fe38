#!/usr/bin/env bash
# Runs the kernel's tests through real Jupyter clients.
# usage: tests/kernel/run.sh [VENV]   (default: <repo>/.venv; created if missing)
#   1. pip-installs the test requirements into VENV
#   2. builds and installs the kernel and its kernelspec into VENV (install/install-kernel.sh)
#   3. runs pytest on tests/kernel (conformance suite, robustness tests, rich output)
# Extra pytest arguments can be given in PYTEST_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${1:-$ROOT/.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q -r "$ROOT/tests/kernel/requirements.txt"
"$ROOT/install/install-kernel.sh" "$VENV"
cd "$ROOT/tests/kernel"
# Only the venv's kernelspecs: the test must exercise what install/ just registered.
export JUPYTER_PATH="$VENV/share/jupyter"
exec "$VENV/bin/python" -m pytest -v ${PYTEST_ARGS:-} test_conformance.py test_robustness.py test_plots.py test_magics.py
