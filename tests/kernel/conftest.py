"""Fixtures: a real "arraylib-rust" kernel started through jupyter_client."""

from __future__ import annotations

import pytest
from jupyter_client.manager import start_new_kernel

from kernel_helpers import KERNEL


@pytest.fixture(scope="module")
def kernel():
    """(KernelManager, BlockingKernelClient) shared by one test module, warmed up."""
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
    reply = kc.execute_interactive("1+1", timeout=300, output_hook=lambda m: None)
    assert reply["content"]["status"] == "ok", reply
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=False)
