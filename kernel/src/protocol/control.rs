//! Control channel: interrupt, shutdown (with/without restart), kernel_info.

use super::Replier;
use super::shell::ShellState;
use super::stdin::Stdin;
use super::wire::{Message, Signer};
use serde_json::json;
use std::sync::Arc;
use zeromq::SocketRecv;

/// Serves the control channel; returns when a shutdown request was answered.
pub async fn run(
    mut rx: zeromq::RouterRecvHalf,
    signer: Signer,
    state: Arc<ShellState>,
    reply: Replier,
    stdin: Stdin,
) -> anyhow::Result<()> {
    loop {
        let frames = match rx.recv().await {
            Ok(m) => m.into_vec(),
            Err(e) => {
                eprintln!("[arraylib-kernel] control recv failed: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let msg = match Message::decode(frames, &signer) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("[arraylib-kernel] control: dropped invalid message: {e}");
                continue;
            }
        };
        let iopub = &state.iopub;
        iopub.status(Some(&msg), "busy");
        match msg.msg_type() {
            "interrupt_request" => {
                stdin.cancel();
                state.services.interrupt();
                reply.reply(&msg, "interrupt_reply", json!({ "status": "ok" }));
            }
            "shutdown_request" => {
                let restart = msg.content["restart"].as_bool().unwrap_or(false);
                state.services.shutdown();
                reply.reply(&msg, "shutdown_reply", json!({ "status": "ok", "restart": restart }));
                iopub.status(Some(&msg), "idle");
                // Give the writer tasks a moment to flush the reply; the frontend
                // (re)starts the process itself when `restart` is true.
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                return Ok(());
            }
            "kernel_info_request" => {
                reply.reply(&msg, "kernel_info_reply", state.kernel_info());
            }
            "debug_request" => {
                // We advertise `debugger: false`; answer so a frontend never hangs.
                reply.reply(&msg, "debug_reply", json!({ "status": "error", "ename": "NotSupported", "evalue": "this kernel has no debugger", "traceback": [] }));
            }
            other => eprintln!("[arraylib-kernel] control: ignoring unknown message type {other:?}"),
        }
        iopub.status(Some(&msg), "idle");
    }
}
