//! Stdin channel: `input_request` to the frontend and waiting for its `input_reply`.

use super::wire::{Message, Signer};
use bytes::Bytes;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use zeromq::{Socket, SocketRecv, SocketSend, ZmqMessage};

/// Handle used by the (blocking) worker thread to ask for input.
#[derive(Clone)]
pub struct Stdin {
    out: mpsc::UnboundedSender<Message>,
    replies: crossbeam_channel::Receiver<Message>,
    session: String,
    cancel: Arc<AtomicBool>,
}

impl Stdin {
    /// Sends `input_request` to the frontend that sent `parent` (routing by its
    /// shell identities, as jupyter_client uses one identity for shell and stdin)
    /// and blocks until the reply arrives or [`Stdin::cancel`] is called.
    pub fn request_input(&self, parent: &Message, prompt: &str, password: bool) -> Option<String> {
        while self.replies.try_recv().is_ok() {}
        self.cancel.store(false, Ordering::SeqCst);
        let msg = Message::new(
            &self.session,
            Some(parent),
            "input_request",
            json!({ "prompt": prompt, "password": password }),
        );
        self.out.send(msg).ok()?;
        loop {
            match self.replies.recv_timeout(Duration::from_millis(100)) {
                Ok(reply) => return reply.content["value"].as_str().map(str::to_owned),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    if self.cancel.swap(false, Ordering::SeqCst) {
                        return None;
                    }
                }
                Err(_) => return None,
            }
        }
    }

    /// Abandons a pending input request (used on interrupt).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// Binds the stdin ROUTER socket and starts its reader and writer tasks.
pub async fn start(endpoint: String, signer: Signer, session: String) -> anyhow::Result<Stdin> {
    let mut socket = zeromq::RouterSocket::new();
    socket.bind(&endpoint).await?;
    let (mut send_half, mut recv_half) = socket.split();
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Message>();
    let (reply_tx, reply_rx) = crossbeam_channel::unbounded();
    let wsigner = signer.clone();
    tokio::spawn(async move {
        while let Some(msg) = out_rx.recv().await {
            let frames: Vec<Bytes> = msg.encode(&wsigner);
            if let Ok(m) = ZmqMessage::try_from(frames)
                && let Err(e) = send_half.send(m).await
            {
                eprintln!("[arraylib-kernel] stdin send failed: {e}");
            }
        }
    });
    tokio::spawn(async move {
        loop {
            match recv_half.recv().await {
                Ok(m) => match Message::decode(m.into_vec(), &signer) {
                    Ok(msg) if msg.msg_type() == "input_reply" => {
                        let _ = reply_tx.send(msg);
                    }
                    Ok(msg) => eprintln!("[arraylib-kernel] stdin: ignoring {}", msg.msg_type()),
                    Err(e) => eprintln!("[arraylib-kernel] stdin: dropped message: {e}"),
                },
                Err(e) => {
                    eprintln!("[arraylib-kernel] stdin recv failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    });
    Ok(Stdin {
        out: out_tx,
        replies: reply_rx,
        session,
        cancel: Arc::new(AtomicBool::new(false)),
    })
}
