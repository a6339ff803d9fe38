//! The connection file written by the frontend.

use serde::Deserialize;

/// Contents of a Jupyter connection file.
#[derive(Debug, Clone, Deserialize)]
pub struct ConnectionInfo {
    /// `tcp` (ipc is not supported by the pure-Rust ZeroMQ we use).
    pub transport: String,
    /// Address to bind.
    pub ip: String,
    /// Shell ROUTER port.
    pub shell_port: u16,
    /// IOPub PUB port.
    pub iopub_port: u16,
    /// Stdin ROUTER port.
    pub stdin_port: u16,
    /// Control ROUTER port.
    pub control_port: u16,
    /// Heartbeat REP port.
    pub hb_port: u16,
    /// HMAC key (empty disables signing).
    #[serde(default)]
    pub key: String,
    /// Must be `hmac-sha256` when a key is given.
    #[serde(default)]
    pub signature_scheme: String,
}

impl ConnectionInfo {
    /// Reads and validates a connection file.
    pub fn from_file(path: &std::path::Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        let info: ConnectionInfo = serde_json::from_str(&text)?;
        if !info.key.is_empty() && !info.signature_scheme.is_empty() && info.signature_scheme != "hmac-sha256" {
            anyhow::bail!("unsupported signature scheme {}", info.signature_scheme);
        }
        Ok(info)
    }

    /// ZeroMQ endpoint for a port.
    pub fn endpoint(&self, port: u16) -> String {
        format!("{}://{}:{}", self.transport, self.ip, port)
    }
}
