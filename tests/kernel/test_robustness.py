"""Robustness of the arraylib kernel through a real jupyter_client connection:
forged and malformed messages, panics and arraylib errors keeping state,
interrupts keeping state, runtime crashes, restart, rich output."""

from __future__ import annotations

import json
import os
import queue
import time
import uuid

import pytest
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

from kernel_helpers import KERNEL, collect_until_idle, errors, run, shell_reply, text_of


def alive(kc) -> None:
    """The kernel still answers and still evaluates."""
    kc.kernel_info()
    reply, msgs = run(kc, "40 + 2")
    assert reply["content"]["status"] == "ok"
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["42"]


def no_shell_reply(kc, seconds: float = 2.0) -> None:
    with pytest.raises(queue.Empty):
        kc.get_shell_msg(timeout=seconds)


# --- protocol hygiene --------------------------------------------------------------------------


def test_forged_signature_is_not_executed(kernel, tmp_path):
    _, kc = kernel
    marker = tmp_path / "forged"
    forger = Session(key=b"not-the-key", username="mallory")
    code = f'std::fs::write({json.dumps(str(marker))}, "pwned").unwrap();'
    msg = forger.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                          "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    forger.send(kc.shell_channel.socket, msg)
    no_shell_reply(kc, 3.0)
    assert not marker.exists()
    # Unsigned (empty signature) is rejected too.
    unsigned = Session(key=b"", username="mallory")
    unsigned.send(kc.shell_channel.socket, unsigned.msg("execute_request", {"code": code}))
    no_shell_reply(kc, 2.0)
    assert not marker.exists()
    alive(kc)


def _signed_frames(kc, header: bytes, parent: bytes, metadata: bytes, content: bytes) -> list[bytes]:
    sig = kc.session.sign([header, parent, metadata, content])
    return [b"<IDS|MSG>", sig, header, parent, metadata, content]


def test_malformed_messages_do_not_crash(kernel):
    _, kc = kernel
    sock = kc.shell_channel.socket
    hdr = lambda t: json.dumps({"msg_id": uuid.uuid4().hex, "msg_type": t, "session": kc.session.session,  # noqa: E731
                                "username": "u", "date": "2026-01-01T00:00:00Z", "version": "5.4"}).encode()
    sock.send_multipart([b"garbage"])  # no delimiter
    sock.send_multipart([b"<IDS|MSG>", b"deadbeef"])  # too few frames
    sock.send_multipart(_signed_frames(kc, b"{not json", b"{}", b"{}", b"{}"))  # invalid JSON, valid signature
    sock.send_multipart(_signed_frames(kc, b"[1,2]", b"{}", b"{}", b"{}"))  # header not an object
    sock.send_multipart(_signed_frames(kc, b'{"msg_id": "x"}', b"{}", b"{}", b"{}"))  # no msg_type
    sock.send_multipart(_signed_frames(kc, hdr("no_such_request"), b"{}", b"{}", b"{}"))  # unknown type
    no_shell_reply(kc, 2.0)
    # A known request with missing content fields is answered with an error, not executed.
    h = hdr("execute_request")
    sock.send_multipart(_signed_frames(kc, h, b"{}", b"{}", b'{"silent": false}'))
    reply = shell_reply(kc, json.loads(h)["msg_id"], timeout=30)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "InvalidRequest"
    alive(kc)


def test_fast_requests_while_a_cell_runs(kernel):
    _, kc = kernel
    run(kc, "let quick_var_for_completion = 1;")
    msg_id = kc.execute("std::thread::sleep(std::time::Duration::from_millis(3000));")
    time.sleep(0.7)  # let the cell start (compile + run)
    for send, kind in [
        (lambda: kc.kernel_info(), "kernel_info_reply"),
        (lambda: kc.is_complete("fn f() {"), "is_complete_reply"),
        (lambda: kc.history(hist_access_type="tail", n=3), "history_reply"),
        (lambda: kc.complete("quick_var_for"), "complete_reply"),
    ]:
        t = time.monotonic()
        rid = send()
        reply = shell_reply(kc, rid, timeout=10)
        took = time.monotonic() - t
        assert reply["msg_type"] == kind
        assert took < 0.5, f"{kind} took {took:.3f}s while a cell was running"
        if kind == "complete_reply":
            assert "quick_var_for_completion" in reply["content"]["matches"]
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"


def test_execution_count_silent_and_store_history(kernel):
    _, kc = kernel
    r1, _ = run(kc, "1")
    n = r1["content"]["execution_count"]
    r2, msgs = run(kc, "2", silent=True)
    assert r2["content"]["status"] == "ok"
    assert not [m for m in msgs if m["msg_type"] == "execute_result"]
    r3, _ = run(kc, "3", store_history=False)
    r4, _ = run(kc, "4")
    assert r4["content"]["execution_count"] == n + 1


def test_stop_on_error_aborts_queued_cells(kernel):
    _, kc = kernel
    bad = kc.execute('panic!("first fails")')
    queued = kc.execute("1+1")
    assert shell_reply(kc, bad)["content"]["status"] == "error"
    assert shell_reply(kc, queued)["content"]["status"] == "aborted"
    alive(kc)


# --- errors keep state -------------------------------------------------------------------------


def test_panic_keeps_variables(kernel):
    _, kc = kernel
    run(kc, "let keep_me = 41;")
    reply, msgs = run(kc, 'let doomed = 5;\npanic!("boom {}", keep_me);')
    assert reply["content"]["status"] == "error"
    (err,) = errors(msgs)
    assert err["ename"] == "Panic" and err["evalue"] == "boom 41"
    reply, msgs = run(kc, "keep_me + 1")
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["42"]


def test_arraylib_style_error_names(kernel):
    _, kc = kernel
    run(kc, "let survivor = array![1.0, 2.0, 3.0];")
    reply, msgs = run(kc, 'panic!("ValueError: operands could not be broadcast together with shapes (2,3) (2,)")')
    (err,) = errors(msgs)
    assert (err["ename"], err["evalue"]) == ("ValueError", "operands could not be broadcast together with shapes (2,3) (2,)")
    assert reply["content"]["ename"] == "ValueError"
    reply, msgs = run(kc, "survivor")
    assert reply["content"]["status"] == "ok"


def test_real_arraylib_error(kernel):
    _, kc = kernel
    # Variables created by the failing cell itself are dropped (evcxr only keeps what
    # existed before a panicking cell), so `a` comes from an earlier cell.
    run(kc, "let a = array![1.0, 2.0, 3.0];")
    reply, msgs = run(kc, "let b = a.reshape(&[2, 2]);")
    if reply["content"]["status"] == "error" and reply["content"]["ename"] == "CompileError":
        pytest.skip("arraylib has no reshape yet: " + reply["content"]["evalue"])
    (err,) = errors(msgs)
    assert err["ename"] == "ValueError", err
    assert "reshape" in err["evalue"] or "size" in err["evalue"]
    reply, _ = run(kc, "a")
    assert reply["content"]["status"] == "ok"


def test_compile_error_is_relative_to_cell(kernel):
    _, kc = kernel
    reply, msgs = run(kc, 'let fine = 1;\nlet x: i32 = "nope";')
    (err,) = errors(msgs)
    assert err["ename"] == "CompileError"
    assert "line 2" in err["evalue"], err["evalue"]
    assert any("cell:2:" in line for line in err["traceback"]), err["traceback"]


def test_abort_restarts_runtime_and_reports_lost_state(kernel):
    _, kc = kernel
    run(kc, "let before_abort = 3;")
    reply, msgs = run(kc, "std::process::abort();")
    (err,) = errors(msgs)
    assert err["ename"] == "RuntimeRestarted"
    assert "before_abort" in err["evalue"]
    alive(kc)
    # Display still works after the restart (the setup cell was replayed).
    reply, msgs = run(kc, 'display(&Html::new("<i>back</i>"));')
    assert [m for m in msgs if m["msg_type"] == "display_data"]


# --- interrupts --------------------------------------------------------------------------------


def _interrupt_after(km, kc, code: str, delay: float) -> tuple[dict, list[dict], float]:
    msg_id = kc.execute(code)
    time.sleep(delay)
    t = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=60)
    took = time.monotonic() - t
    msgs = collect_until_idle(kc, msg_id, timeout=30)
    return reply, msgs, took


def test_interrupt_cooperative_loop_keeps_variables(kernel):
    km, kc = kernel
    run(kc, "let kept_after_interrupt = 7;")
    reply, msgs, took = _interrupt_after(km, kc, "let mut n = 0u64;\nloop { check_interrupt(); n += 1; }", 2.0)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert took < 1.5, took
    reply, msgs = run(kc, "kept_after_interrupt")
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["7"]


def test_interrupt_timeit_keeps_variables(kernel):
    km, kc = kernel
    run(kc, "let kept_timeit = 8;")
    reply, _, took = _interrupt_after(km, kc, "timeit(|| std::thread::sleep(std::time::Duration::from_millis(50)))", 2.0)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert took < 1.5, took
    reply, msgs = run(kc, "kept_timeit")
    assert reply["content"]["status"] == "ok"


def test_interrupt_stubborn_loop_kills_and_reports(kernel):
    km, kc = kernel
    run(kc, "let lost_by_kill = 9;")
    reply, msgs, took = _interrupt_after(km, kc, "loop { std::hint::spin_loop(); }", 2.0)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert "lost_by_kill" in reply["content"]["evalue"]
    assert took < 10
    alive(kc)


# --- output ------------------------------------------------------------------------------------


def test_array_result_has_html_table(kernel):
    _, kc = kernel
    reply, msgs = run(kc, "array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]")
    (res,) = [m["content"] for m in msgs if m["msg_type"] == "execute_result"]
    assert res["data"]["text/plain"].startswith("array([[")
    html = res["data"]["text/html"]
    assert "<table" in html and "(2, 3)" in html and "float64" in html
    assert html.count("<tr") >= 2


def test_arraylib_paths_and_variables_across_cells(kernel):
    # Cells reach arraylib through libkernel_cell.so: `arraylib::` paths must still resolve,
    # and an array made by one cell's library must be usable from the next one's.
    _, kc = kernel
    reply, _ = run(kc, "let paths = arraylib::Array::from_shape_vec([2, 2], vec![1.0, 2.0, 3.0, 4.0]).unwrap();")
    assert reply["content"]["status"] == "ok", reply["content"]
    reply, msgs = run(kc, "(&paths * 2.0).mean()")
    assert reply["content"]["status"] == "ok", reply["content"]
    (res,) = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
    assert "5.0" in res and "2.5" not in res


def test_a_cell_that_moves_a_variable_keeps_the_same_state_when_run_again(kernel):
    # `data` moves into the array, so it cannot be stored. evcxr learns that from a failed
    # build; a re-run of the same cell drops it up front and must store the same variables.
    _, kc = kernel
    cell = "let data = vec![1.0, 2.0, 3.0];\nlet moved_into = Array::from_vec(data);\nmoved_into.size()"
    for _ in range(3):
        reply, msgs = run(kc, cell)
        assert reply["content"]["status"] == "ok", reply["content"]
        assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["3"]
    reply, msgs = run(kc, "moved_into.size() * 2")
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["6"]
    reply, msgs = run(kc, "data.len()")
    assert reply["content"]["status"] == "error"
    assert "cannot find value `data`" in "".join(e["evalue"] for e in errors(msgs))


def test_cells_sent_at_start_keep_their_variables():
    # The first cells of a kernel run while rust-analyzer is still loading (seconds): rustc
    # infers their variables' types, and the next cell gets the names from rust-analyzer.
    # A closure cannot be stored; its cell still runs, and the next cell says what was dropped.
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
    try:
        reply, _ = run(kc, "let (pa, pb) = (1, 2.5);\nlet mut pv = vec![1u8];\nlet pz = zeros((2, 3), DType::Float64);\n"
                           "let pf = |x: i32| x + 1;")
        assert reply["content"]["status"] == "ok", reply["content"]
        reply, msgs = run(kc, 'pv.push(2);\nformat!("{pa} {pb} {pv:?} {:?}", pz.shape())')
        assert reply["content"]["status"] == "ok", (reply["content"], errors(msgs))
        results = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        assert results == ['"1 2.5 [1, 2] [2, 3]"'], results
        assert "variable `pf` was not kept" in text_of(msgs) and "closure" in text_of(msgs), text_of(msgs)
        # The types named late are the ones stored: the variables load again, as themselves.
        reply, msgs = run(kc, "pv.len() + pa as usize + pz.size()")
        assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["9"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_stdout_streams_while_running(kernel):
    _, kc = kernel
    code = ('println!("first");\n'
            "std::thread::sleep(std::time::Duration::from_millis(1500));\n"
            'println!("second");')
    msg_id = kc.execute(code)
    msgs = collect_until_idle(kc, msg_id)
    streams = [m for m in msgs if m["msg_type"] == "stream"]
    assert "first" in streams[0]["content"]["text"]
    assert streams[-1]["_received"] - streams[0]["_received"] > 1.0


def test_display_update_and_clear(kernel):
    _, kc = kernel
    reply, msgs = run(kc, 'let h = display(&Html::new("<b>a</b>"));\nh.update(&Html::new("<b>b</b>"));\nclear_output();')
    kinds = [m["msg_type"] for m in msgs]
    assert kinds[:3] == ["display_data", "update_display_data", "clear_output"], kinds
    d, u = msgs[0]["content"], msgs[1]["content"]
    assert d["transient"]["display_id"] == u["transient"]["display_id"]
    assert u["data"]["text/html"] == "<b>b</b>"


def test_input_request(kernel):
    _, kc = kernel
    msg_id = kc.execute('let name = input("name?");\nprintln!("hello {name}");', allow_stdin=True)
    req = kc.get_stdin_msg(timeout=60)
    assert req["msg_type"] == "input_request" and "name" in req["content"]["prompt"]
    kc.input("bob")
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"
    msgs = collect_until_idle(kc, msg_id)
    assert "hello bob" in text_of(msgs)


def test_comm_info_and_comm_open(kernel):
    _, kc = kernel
    rid = kc.comm_info()
    assert shell_reply(kc, rid)["content"] == {"status": "ok", "comms": {}}


def test_restart_keeps_kernel_usable(kernel):
    km, kc = kernel
    run(kc, "let gone_after_restart = 1;")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=120)
    reply, msgs = run(kc, "gone_after_restart")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "CompileError"
    alive(kc)
