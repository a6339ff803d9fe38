//! Heartbeat channel: echo every ping back unchanged.

use zeromq::{Socket, SocketRecv, SocketSend};

/// Binds the REP socket and echoes forever.
pub async fn run(endpoint: String) -> anyhow::Result<()> {
    let mut socket = zeromq::RepSocket::new();
    socket.bind(&endpoint).await?;
    tokio::spawn(async move {
        loop {
            match socket.recv().await {
                Ok(msg) => {
                    if let Err(e) = socket.send(msg).await {
                        eprintln!("[arraylib-kernel] heartbeat send failed: {e}");
                    }
                }
                Err(e) => {
                    eprintln!("[arraylib-kernel] heartbeat recv failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    });
    Ok(())
}
