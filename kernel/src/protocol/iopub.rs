//! IOPub channel: broadcasts from every other part of the kernel, plus the JEP 65
//! `iopub_welcome` message, which needs an XPUB socket to see subscriptions.

use super::wire::{Message, Signer};
use bytes::Bytes;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use zeromq::{Socket, SocketRecv, SocketSend, ZmqMessage};

/// Cheap, cloneable handle for publishing on IOPub from any thread.
#[derive(Clone)]
pub struct Iopub {
    tx: mpsc::UnboundedSender<Message>,
    session: String,
}

impl Iopub {
    /// Publishes `msg_type` with `content`, parented to `parent`.
    pub fn send(&self, parent: Option<&Message>, msg_type: &str, content: Value) {
        self.send_with_metadata(parent, msg_type, content, json!({}));
    }

    /// Like [`Iopub::send`] with message metadata.
    pub fn send_with_metadata(&self, parent: Option<&Message>, msg_type: &str, content: Value, metadata: Value) {
        let mut msg = Message::new(&self.session, parent, msg_type, content);
        msg.metadata = metadata;
        // IOPub carries a topic instead of routing identities.
        msg.identities = vec![Bytes::from(format!("kernel.{}.{}", self.session, msg_type))];
        let _ = self.tx.send(msg);
    }

    /// `status` message (`busy`, `idle`, `starting`).
    pub fn status(&self, parent: Option<&Message>, state: &str) {
        self.send(parent, "status", json!({ "execution_state": state }));
    }
}

enum Event {
    Outgoing(Option<Message>),
    Subscription(Result<ZmqMessage, zeromq::ZmqError>),
}

/// Binds the XPUB socket and starts the publishing task.
pub async fn start(endpoint: String, signer: Signer, session: String) -> anyhow::Result<Iopub> {
    let mut socket = zeromq::XPubSocket::new();
    socket.bind(&endpoint).await?;
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    let welcome_session = session.clone();
    tokio::spawn(async move {
        loop {
            // The select lives in its own block so both socket borrows end before we send.
            let event = {
                tokio::select! {
                    m = rx.recv() => Event::Outgoing(m),
                    s = socket.recv() => Event::Subscription(s),
                }
            };
            match event {
                Event::Outgoing(Some(msg)) => {
                    send_frames(&mut socket, msg.encode(&signer)).await;
                }
                Event::Outgoing(None) => break,
                Event::Subscription(Ok(sub)) => {
                    // First byte 1 = subscribe, rest = topic (JEP 65).
                    let Some(frame) = sub.get(0) else { continue };
                    if frame.first() == Some(&1) {
                        let topic = String::from_utf8_lossy(&frame[1..]).into_owned();
                        let mut msg = Message::new(
                            &welcome_session,
                            None,
                            "iopub_welcome",
                            json!({ "subscription": topic }),
                        );
                        msg.identities = vec![Bytes::from(topic)];
                        send_frames(&mut socket, msg.encode(&signer)).await;
                    }
                }
                Event::Subscription(Err(e)) => {
                    eprintln!("[arraylib-kernel] iopub subscription error: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
        }
    });
    Ok(Iopub { tx, session })
}

async fn send_frames(socket: &mut zeromq::XPubSocket, frames: Vec<Bytes>) {
    match ZmqMessage::try_from(frames) {
        Ok(m) => {
            if let Err(e) = socket.send(m).await {
                eprintln!("[arraylib-kernel] iopub send failed: {e}");
            }
        }
        Err(e) => eprintln!("[arraylib-kernel] iopub frame error: {e:?}"),
    }
}
