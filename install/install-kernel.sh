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

# The template must be rebuilt whenever what cells compile against changes.
stamp() {
  {
    rustc --version
    "$BIN" --print-setup
    cat "$ROOT/Cargo.lock" 2>/dev/null || true
    find "$ROOT/arraylib" "$ROOT/kernel/cell" -path '*/target' -prune -o -type f \
      \( -name '*.rs' -o -name 'Cargo.toml' \) -print | LC_ALL=C sort | xargs cat
  } | sha256sum | cut -d' ' -f1
}
# The template lives outside the repository: an evcxr session inside a cargo
# workspace directory fails to load ("believes it's in a workspace"). It is keyed by
# the setup cell, which names the arraylib/kernel_cell paths of this clone.
CACHE_DIR="${ARRAYLIB_CACHE_DIR:-$HOME/.cache/arraylib-kernel}"
TEMPLATE="$CACHE_DIR/kernel-templates/$("$BIN" --print-setup | sha256sum | cut -c1-16)"
mkdir -p "$(dirname "$TEMPLATE")"
WANT="$(stamp)"
if [ "$(cat "$TEMPLATE/.stamp" 2>/dev/null || true)" != "$WANT" ]; then
  echo "==> building the template session (compiles arraylib once; a few minutes the first time)"
  rm -rf "$TEMPLATE.new"
  "$BIN" --create-template "$TEMPLATE.new"
  echo "$WANT" > "$TEMPLATE.new/.stamp"
  rm -rf "$TEMPLATE"
  mv "$TEMPLATE.new" "$TEMPLATE"
else
  echo "==> template session is up to date"
fi

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
