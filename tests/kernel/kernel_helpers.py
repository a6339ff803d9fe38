"""Helpers to run cells and collect their IOPub output."""

from __future__ import annotations

import os
import time
from typing import Any

#: The kernelspec the tests start (the installed kernel unless overridden).
KERNEL = os.environ.get("ARRAYLIB_KERNEL_NAME", "arraylib-rust")


def run(kc, code: str, timeout: float = 120, **kwargs: Any) -> tuple[dict, list[dict]]:
    """Executes `code`, returns (execute_reply, iopub messages of that request, minus status)."""
    msgs: list[dict] = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=msgs.append, **kwargs)
    return reply, [m for m in msgs if m["msg_type"] not in ("status", "execute_input")]


def collect_until_idle(kc, msg_id: str, timeout: float = 120) -> list[dict]:
    """IOPub messages of request `msg_id` up to its idle status (with receive times)."""
    out = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msg["_received"] = time.monotonic()
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out
    raise TimeoutError(f"no idle for {msg_id}")


def shell_reply(kc, msg_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def text_of(msgs: list[dict], name: str = "stdout") -> str:
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def errors(msgs: list[dict]) -> list[dict]:
    return [m["content"] for m in msgs if m["msg_type"] == "error"]
