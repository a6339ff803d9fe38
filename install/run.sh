#!/usr/bin/env bash
# The README's run command. Sets everything up, then opens JupyterLab on the tutorial notebooks.
#   bash install/run.sh                      JupyterLab on notebooks/ (extra args go to jupyter lab)
#   bash install/run.sh --headless [NB ...]  execute notebooks (default: all of notebooks/*.ipynb)
#                                            and write the executed copies to notebooks/executed/
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$ROOT/install/setup.sh"
cd "$ROOT"
if [ "${1:-}" = "--headless" ]; then
    shift
    if [ $# -eq 0 ]; then set -- notebooks/*.ipynb; fi
    step "Executing notebooks headless"
    exec "$VENV/bin/python" install/execute_notebooks.py --out notebooks/executed "$@"
fi
step "Starting JupyterLab on notebooks/"
exec "$VENV/bin/jupyter" lab --notebook-dir="$ROOT/notebooks" "$@"
