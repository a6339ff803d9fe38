# Shared settings for the project's scripts (sourced, not run).
# Build caches live outside the clone so that a fresh clone (CI) rebuilds only what changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CACHE_DIR="${ARRAYLIB_CACHE_DIR:-$HOME/.cache/arraylib-kernel}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export PIP_CACHE_DIR="${PIP_CACHE_DIR:-$CACHE_DIR/pip}"
export VENV="${ARRAYLIB_VENV:-$ROOT/.venv}"
export JUPYTER_PATH="$VENV/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
step() { printf '\n==> %s\n' "$*"; }
