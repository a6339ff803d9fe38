//! The language-agnostic Jupyter protocol core.
//!
//! Data flow: each ROUTER channel (shell, control, stdin) has a reader task that
//! decodes and verifies frames ([`wire`]) and a writer task fed by a channel, so
//! replies can come from any thread. Shell requests that need evaluator state go
//! to one worker thread ([`shell::Worker`]) in arrival order; cheap requests are
//! answered at once by the reader task, also while a cell runs. Everything that
//! frontends watch (status, streams, results) goes through [`iopub::Iopub`].

pub mod connection;
pub mod control;
pub mod heartbeat;
pub mod history;
pub mod iopub;
pub mod shell;
pub mod stdin;
pub mod wire;

use crate::interpreter::LanguageServices;
use connection::ConnectionInfo;
use std::sync::Arc;
use wire::{Message, Signer};
use zeromq::{Socket, SocketSend, ZmqMessage};

/// A cloneable sender of messages to one ROUTER socket's writer task.
#[derive(Clone)]
pub struct Replier {
    tx: tokio::sync::mpsc::UnboundedSender<Message>,
    session: String,
}

impl Replier {
    /// Sends a reply of `msg_type` to the sender of `parent`.
    pub fn reply(&self, parent: &Message, msg_type: &str, content: serde_json::Value) {
        let _ = self
            .tx
            .send(Message::new(&self.session, Some(parent), msg_type, content));
    }
}

/// Binds a ROUTER socket; returns its receive half and a [`Replier`] for it.
async fn bind_router(
    endpoint: &str,
    signer: Signer,
    session: &str,
) -> anyhow::Result<(zeromq::RouterRecvHalf, Replier)> {
    let mut socket = zeromq::RouterSocket::new();
    socket.bind(endpoint).await?;
    let (mut send_half, recv_half) = socket.split();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Message>();
    tokio::spawn(async move {
        while let Some(msg) = rx.recv().await {
            if let Ok(m) = ZmqMessage::try_from(msg.encode(&signer))
                && let Err(e) = send_half.send(m).await
            {
                eprintln!("[arraylib-kernel] send failed: {e}");
            }
        }
    });
    Ok((
        recv_half,
        Replier {
            tx,
            session: session.to_owned(),
        },
    ))
}

/// Runs a kernel on the given connection until a shutdown request arrives.
pub async fn serve(
    conn: ConnectionInfo,
    interpreter: shell::InterpreterFactory,
    services: Arc<dyn LanguageServices>,
) -> anyhow::Result<()> {
    let session = uuid::Uuid::new_v4().to_string();
    let signer = Signer::new(&conn.key);
    // Bind every socket before anything else: the frontend starts talking as soon
    // as the ports accept connections.
    heartbeat::run(conn.endpoint(conn.hb_port)).await?;
    let iopub = iopub::start(conn.endpoint(conn.iopub_port), signer.clone(), session.clone()).await?;
    let stdin = stdin::start(conn.endpoint(conn.stdin_port), signer.clone(), session.clone()).await?;
    let (shell_rx, shell_reply) = bind_router(&conn.endpoint(conn.shell_port), signer.clone(), &session).await?;
    let (control_rx, control_reply) = bind_router(&conn.endpoint(conn.control_port), signer.clone(), &session).await?;

    let state = Arc::new(shell::ShellState::new(
        iopub.clone(),
        shell_reply,
        stdin.clone(),
        services.clone(),
    ));
    iopub.status(None, "starting");
    let worker = shell::Worker::spawn(state.clone(), interpreter);
    tokio::spawn(shell::run(shell_rx, signer.clone(), state.clone(), worker));

    // SIGINT (jupyter_client's "signal" interrupt mode, or Ctrl-C in a terminal)
    // interrupts the cell instead of killing the kernel.
    let sig_services = services.clone();
    let sig_stdin = stdin.clone();
    tokio::spawn(async move {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()) {
            while s.recv().await.is_some() {
                sig_stdin.cancel();
                sig_services.interrupt();
            }
        }
    });

    control::run(control_rx, signer, state, control_reply, stdin).await
}
