#!/usr/bin/env bash
# Builds the arraylib Jupyter kernel, builds its template evcxr session (arraylib
# compiled once, here, not in every new kernel) and registers the kernelspec
# "arraylib-rust". Idempotent: re-running rebuilds only what changed.
#
# usage: install/install-kernel.sh [PREFIX] [--user] [--skip-build]
#   PREFIX        Python environment (venv) whose Jupyter gets the kernelspec and
#                 which holds the kernel binary and template (default: <repo>/.venv)
#   --user        also register the kernelspec for the current user
#                 (~/.local/share/jupyter/kernels), pointing at the same files
#   --skip-build  do not run cargo (use the binary already in the target dir)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX=""
USER_TOO=0
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --user) USER_TOO=1 ;;
    --skip-build) BUILD=0 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) PREFIX="$arg" ;;
  esac
done
PREFIX="${PREFIX:-$ROOT/.venv}"
mkdir -p "$PREFIX"
PREFIX="$(cd "$PREFIX" && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/arraylib-kernel/target}"

if [ "$BUILD" = 1 ]; then
  echo "==> building arraylib-kernel (release)"
  (cd "$ROOT" && cargo build --release -p kernel --bin arraylib-kernel)
fi
BIN_SRC="$CARGO_TARGET_DIR/release/arraylib-kernel"
[ -x "$BIN_SRC" ] || { echo "missing $BIN_SRC (build failed?)" >&2; exit 1; }

SHARE="$PREFIX/share/arraylib-kernel"
mkdir -p "$SHARE"
BIN="$SHARE/arraylib-kernel"
if ! cmp -s "$BIN_SRC" "$BIN"; then
  # Copy then rename: running kernels keep their (old) inode.
  cp "$BIN_SRC" "$BIN.new" && mv -f "$BIN.new" "$BIN"
fi

# The template session: a snapshot of the crates cells compile against (arraylib and
# kernel/cell, with the workspace manifest they inherit from) plus an evcxr session
# that already compiled them. Kernels copy the session and never see later edits of
# the checkout until the next install. It lives outside the repository: an evcxr
# session inside a cargo workspace directory fails to load. Keyed by content.
CACHE_DIR="${ARRAYLIB_CACHE_DIR:-$HOME/.cache/arraylib-kernel}"
SOURCES=(Cargo.toml Cargo.lock arraylib/Cargo.toml arraylib/src kernel/Cargo.toml kernel/src kernel/cell/Cargo.toml kernel/cell/src)
stamp() {
  {
    rustc --version
    sha256sum "$BIN" | cut -d' ' -f1
    cd "$ROOT" && find "${SOURCES[@]}" -type f | LC_ALL=C sort | xargs sha256sum
  } | sha256sum | cut -c1-16
}
KEY="$(stamp)"
TEMPLATE="$CACHE_DIR/kernel-templates/$KEY"
if [ ! -f "$TEMPLATE/.complete" ]; then
  echo "==> building the template session $TEMPLATE (compiles arraylib once; minutes the first time)"
  rm -rf "$TEMPLATE"
  mkdir -p "$TEMPLATE/src"
  (cd "$ROOT" && cp -a --parents "${SOURCES[@]}" "$TEMPLATE/src/")
  # Cells link kernel_cell as a Rust dylib (ARCHITECTURE.md, "Why cells link one shared
  # library"); the checkout keeps it an rlib so that its doctests run.
  CELL_MANIFEST="$TEMPLATE/src/kernel/cell/Cargo.toml"
  sed -i 's/^crate-type = \["rlib"\]$/crate-type = ["dylib"]/' "$CELL_MANIFEST"
  grep -qx 'crate-type = \["dylib"\]' "$CELL_MANIFEST" || { echo "no crate-type line in $CELL_MANIFEST" >&2; exit 1; }
  "$BIN" --create-template "$TEMPLATE" --crates "$TEMPLATE/src"
  touch "$TEMPLATE/.complete"
else
  echo "==> template session $TEMPLATE is up to date"
fi
# Drop templates of older installs after a day (running kernels compile against theirs).
find "$CACHE_DIR/kernel-templates" -mindepth 1 -maxdepth 1 -type d ! -name "$KEY" -mtime +1 \
  -exec rm -rf {} + 2>/dev/null || true

write_spec() {
  local dir="$1/arraylib-rust"
  mkdir -p "$dir"
  cat > "$dir/kernel.json" <<JSON
{
  "argv": ["$BIN", "--template", "$TEMPLATE", "--connection-file", "{connection_file}"],
  "display_name": "Rust (arraylib)",
  "language": "rust",
  "interrupt_mode": "message",
  "env": {},
  "metadata": {"debugger": false}
}
JSON
  echo "==> kernelspec arraylib-rust installed in $dir"
}
write_spec "$PREFIX/share/jupyter/kernels"
if [ "$USER_TOO" = 1 ]; then
  write_spec "${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels"
fi
if [ -x "$PREFIX/bin/jupyter" ]; then
  "$PREFIX/bin/jupyter" kernelspec list | grep arraylib-rust || true
fi
