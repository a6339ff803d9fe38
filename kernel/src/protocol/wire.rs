//! Jupyter wire format: framing, HMAC-SHA256 signing and verification.
//!
//! We frame messages ourselves on top of the `zeromq` crate instead of using
//! `jupyter-zmq-client`'s typed connections, because a conformant kernel must be
//! able to *answer* a request whose content is malformed (it needs the routing
//! identities and header of a message that failed to parse into a typed struct)
//! and must control exactly how replies serialise (typed structs there turn an
//! absent `transient` into `null`, which frontends reject).

use bytes::Bytes;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value, json};
use sha2::Sha256;
use std::fmt;

/// The delimiter frame between routing identities and the signed message parts.
pub const DELIMITER: &[u8] = b"<IDS|MSG>";

/// Messaging protocol version we implement.
pub const PROTOCOL_VERSION: &str = "5.4";

/// One Jupyter message: routing identities, the four signed JSON parts and
/// optional binary buffers.
#[derive(Debug, Clone)]
pub struct Message {
    /// ZeroMQ routing identities (ROUTER sockets) or the topic (IOPub).
    pub identities: Vec<Bytes>,
    /// The header object; always contains string `msg_id` and `msg_type`.
    pub header: Value,
    /// The parent header (`{}` when there is no parent).
    pub parent_header: Value,
    /// Free-form metadata object.
    pub metadata: Value,
    /// Message content; its schema depends on `msg_type`.
    pub content: Value,
    /// Extra binary buffers (not signed-over semantics beyond the spec: they are not signed).
    pub buffers: Vec<Bytes>,
}

/// Why an incoming multipart message was rejected. None of these is ever executed.
#[derive(Debug)]
pub enum WireError {
    /// No `<IDS|MSG>` delimiter frame.
    MissingDelimiter,
    /// Fewer than the signature plus four JSON frames.
    TooFewFrames(usize),
    /// The signature did not match (or was missing while a key is configured).
    BadSignature,
    /// One of the four JSON frames did not parse or has the wrong JSON type.
    InvalidJson(&'static str, String),
    /// The header lacks a required string field.
    MissingHeaderField(&'static str),
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::MissingDelimiter => write!(f, "no <IDS|MSG> delimiter"),
            WireError::TooFewFrames(n) => write!(f, "only {n} frames after the delimiter"),
            WireError::BadSignature => write!(f, "invalid HMAC signature"),
            WireError::InvalidJson(part, e) => write!(f, "invalid JSON in {part}: {e}"),
            WireError::MissingHeaderField(k) => write!(f, "header lacks string field `{k}`"),
        }
    }
}

/// Signs and verifies messages with the connection file's key.
#[derive(Clone)]
pub struct Signer {
    /// `None` when the connection file's key is empty (signing disabled by the frontend).
    key: Option<Hmac<Sha256>>,
}

impl Signer {
    /// Creates a signer; an empty key disables signing as the spec prescribes.
    pub fn new(key: &str) -> Self {
        let key = if key.is_empty() {
            None
        } else {
            Some(Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC accepts any key"))
        };
        Signer { key }
    }

    /// Hex HMAC-SHA256 over the given parts (empty string when signing is disabled).
    pub fn sign(&self, parts: &[&[u8]]) -> String {
        match &self.key {
            None => String::new(),
            Some(mac) => {
                let mut mac = mac.clone();
                for p in parts {
                    mac.update(p);
                }
                hex::encode(mac.finalize().into_bytes())
            }
        }
    }

    /// Constant-time verification of a hex signature.
    pub fn verify(&self, signature: &[u8], parts: &[&[u8]]) -> bool {
        match &self.key {
            None => true,
            Some(mac) => {
                let Ok(sig) = hex::decode(signature) else {
                    return false;
                };
                let mut mac = mac.clone();
                for p in parts {
                    mac.update(p);
                }
                mac.verify_slice(&sig).is_ok()
            }
        }
    }
}

fn parse_object(part: &'static str, bytes: &[u8]) -> Result<Value, WireError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| WireError::InvalidJson(part, e.to_string()))?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(WireError::InvalidJson(part, "not a JSON object".into()))
    }
}

impl Message {
    /// Parses and verifies a multipart message. The signature is checked *before*
    /// any JSON is parsed, so unsigned input never reaches a JSON parser.
    pub fn decode(frames: Vec<Bytes>, signer: &Signer) -> Result<Message, WireError> {
        let delim = frames
            .iter()
            .position(|f| &f[..] == DELIMITER)
            .ok_or(WireError::MissingDelimiter)?;
        let rest = &frames[delim + 1..];
        if rest.len() < 5 {
            return Err(WireError::TooFewFrames(rest.len()));
        }
        let sig = &rest[0];
        let parts: [&[u8]; 4] = [&rest[1], &rest[2], &rest[3], &rest[4]];
        if !signer.verify(sig, &parts) {
            return Err(WireError::BadSignature);
        }
        let header = parse_object("header", parts[0])?;
        for k in ["msg_id", "msg_type"] {
            if !header.get(k).is_some_and(Value::is_string) {
                return Err(WireError::MissingHeaderField(k));
            }
        }
        Ok(Message {
            identities: frames[..delim].to_vec(),
            header,
            parent_header: parse_object("parent_header", parts[1])?,
            metadata: parse_object("metadata", parts[2])?,
            content: parse_object("content", parts[3])?,
            buffers: rest[5..].to_vec(),
        })
    }

    /// Serialises and signs the message into frames ready for a ZeroMQ socket.
    pub fn encode(&self, signer: &Signer) -> Vec<Bytes> {
        let parts: Vec<Vec<u8>> = [&self.header, &self.parent_header, &self.metadata, &self.content]
            .iter()
            .map(|v| serde_json::to_vec(v).expect("JSON values serialise"))
            .collect();
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let sig = signer.sign(&refs);
        let mut frames = self.identities.clone();
        frames.push(Bytes::from_static(DELIMITER));
        frames.push(Bytes::from(sig.into_bytes()));
        frames.extend(parts.into_iter().map(Bytes::from));
        frames.extend(self.buffers.iter().cloned());
        frames
    }

    /// The header's `msg_type`.
    pub fn msg_type(&self) -> &str {
        self.header["msg_type"].as_str().unwrap_or("")
    }

    /// A new message in session `session` with the given parent (for routing and
    /// `parent_header`), or none.
    pub fn new(session: &str, parent: Option<&Message>, msg_type: &str, content: Value) -> Message {
        Message {
            identities: parent.map(|p| p.identities.clone()).unwrap_or_default(),
            header: new_header(session, msg_type),
            parent_header: parent
                .map(|p| p.header.clone())
                .unwrap_or_else(|| Value::Object(Map::new())),
            metadata: json!({}),
            content,
            buffers: Vec::new(),
        }
    }
}

/// A fresh header for a message sent by the kernel.
pub fn new_header(session: &str, msg_type: &str) -> Value {
    json!({
        "msg_id": uuid::Uuid::new_v4().to_string(),
        "session": session,
        "username": "kernel",
        "date": iso8601_now(),
        "msg_type": msg_type,
        "version": PROTOCOL_VERSION,
    })
}

/// Current UTC time as ISO 8601 with microseconds (what jupyter_client emits).
pub fn iso8601_now() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil-from-days (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60,
        d.subsec_micros()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(signer: &Signer) -> Vec<Bytes> {
        let m = Message::new("s", None, "kernel_info_request", json!({}));
        m.encode(signer)
    }

    #[test]
    fn roundtrip_and_signature() {
        let signer = Signer::new("secret");
        let frames = sample(&signer);
        let m = Message::decode(frames.clone(), &signer).unwrap();
        assert_eq!(m.msg_type(), "kernel_info_request");
        let other = Signer::new("other");
        assert!(matches!(Message::decode(frames, &other), Err(WireError::BadSignature)));
    }

    #[test]
    fn rejects_garbage() {
        let signer = Signer::new("");
        let frames = vec![
            Bytes::from_static(DELIMITER),
            Bytes::new(),
            Bytes::from_static(b"{not json"),
            Bytes::from_static(b"{}"),
            Bytes::from_static(b"{}"),
            Bytes::from_static(b"{}"),
        ];
        assert!(matches!(
            Message::decode(frames, &signer),
            Err(WireError::InvalidJson("header", _))
        ));
        assert!(matches!(
            Message::decode(vec![Bytes::from_static(b"x")], &signer),
            Err(WireError::MissingDelimiter)
        ));
    }

    #[test]
    fn date_format() {
        let d = iso8601_now();
        assert_eq!(d.len(), 27, "{d}");
        assert!(d.ends_with('Z'));
    }
}
