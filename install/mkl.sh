# Provides Intel MKL for arraylib's `mkl` feature (sourced, not run): installs PyPI's static MKL
# wheels once into the build cache and exports MKLROOT, where `intel-mkl-src` finds them.
# usage: source install/mkl.sh   then   cargo build -p arraylib --no-default-features --features mkl
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
MKL_VERSION=2026.2.0
export MKLROOT="$CACHE_DIR/mkl/$MKL_VERSION"
if [ ! -f "$MKLROOT/.complete" ]; then
    step "Installing static Intel MKL $MKL_VERSION into $MKLROOT (PyPI wheels, about 1 GB)"
    rm -rf "$MKLROOT"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
        --prefix "$MKLROOT" "mkl-static==$MKL_VERSION" "mkl-include==$MKL_VERSION"
    touch "$MKLROOT/.complete"
fi
