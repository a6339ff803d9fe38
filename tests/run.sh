#!/usr/bin/env bash
# The README's test command: sets up what the tests need, then runs every test of the project.
source "$(dirname "${BASH_SOURCE[0]}")/../install/common.sh"
cd "$ROOT"

step "Formatting"
cargo fmt --all --check

# First: the venv holds NumPy, which arraylib's file round-trip tests compare against.
bash "$ROOT/install/setup.sh"

step "arraylib: unit tests, doctests and the golden corpus (debug)"
cargo test -p arraylib

step "arraylib's linear algebra on the MKL backend: the golden corpus and the linalg doctests"
source "$ROOT/install/mkl.sh"
cargo test -p arraylib --no-default-features --features mkl --test golden
cargo test -p arraylib --no-default-features --features mkl --doc linalg

step "Workspace tests in release (golden corpus again, kernel unit tests)"
cargo test --release --workspace

step "The vendored evcxr's own change: cells built by rustc directly (release)"
cargo test --release -p evcxr --lib module::direct_rustc

step "kernel_cell, the crate cells link against: plots, progress bars, timing (release)"
cargo test --release --manifest-path kernel/cell/Cargo.toml

step "Kernel through real Jupyter clients"
bash tests/kernel/run.sh "$VENV"

step "JupyterLab in a real browser (headless Chromium)"
bash tests/browser/run.sh "$VENV"

step "Tutorial notebooks, executed headless"
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -gt 0 ]; then
    "$VENV/bin/python" install/execute_notebooks.py --out "$CACHE_DIR/executed-notebooks" "${notebooks[@]}"
fi
echo "all tests passed"
