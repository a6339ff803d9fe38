#!/usr/bin/env bash
# Sets up everything the kernel needs, idempotently: the Python environment with Jupyter
# (.venv inside the project), the release build of the kernel, and its kernelspec.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

step "Python environment in $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha"
want="$(sha256sum install/requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet -r install/requirements.txt
    echo "$want" > "$stamp"
fi

step "Kernel: release build and kernelspec"
bash install/install-kernel.sh "$VENV"
