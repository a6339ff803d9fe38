//! The output pump: forwards the runtime's stdout/stderr to the current cell's
//! [`OutputSink`] while the cell runs, and decodes `kernel_cell`'s marker lines
//! (display, update, clear, panic reports).

use crate::interpreter::{MimeBundle, OutputSink, StreamName};
use crossbeam_channel::{Receiver, Sender, select};
use serde_json::Value;
use std::sync::Arc;

/// Marker prefix written by `kernel_cell` (keep in sync with `kernel_cell::MARKER`).
pub const MARKER: &str = "\u{1}ARRAYLIB_KERNEL\u{2} ";

/// A panic reported by the cell-side panic hook.
#[derive(Debug, Clone)]
pub struct PanicReport {
    /// The panic message.
    pub message: String,
    /// `file:line` where it happened.
    pub location: String,
    /// Name of the panicking thread (a panic off the cell's thread is labelled).
    pub thread: String,
}

enum Cmd {
    Begin(Arc<dyn OutputSink>),
    Fence(Sender<Option<PanicReport>>),
}

/// Handle to the pump thread.
pub struct Pump {
    cmd: Sender<Cmd>,
}

impl Pump {
    /// Starts the pump over evcxr's output channels.
    pub fn start(stdout: Receiver<String>, stderr: Receiver<String>) -> Pump {
        let (cmd, cmd_rx) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("output-pump".into())
            .spawn(move || run(stdout, stderr, cmd_rx))
            .expect("spawn output pump");
        Pump { cmd }
    }

    /// Routes output to `sink` from now on.
    pub fn begin(&self, sink: Arc<dyn OutputSink>) {
        let _ = self.cmd.send(Cmd::Begin(sink));
    }

    /// Waits until every line produced so far has been forwarded, detaches the sink
    /// and returns the first panic reported since [`Pump::begin`].
    pub fn fence(&self) -> Option<PanicReport> {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let _ = self.cmd.send(Cmd::Fence(tx));
        rx.recv().ok().flatten()
    }
}

struct State {
    sink: Option<Arc<dyn OutputSink>>,
    panic: Option<PanicReport>,
}

fn run(stdout: Receiver<String>, stderr: Receiver<String>, cmd: Receiver<Cmd>) {
    let mut st = State {
        sink: None,
        panic: None,
    };
    loop {
        select! {
            recv(stdout) -> line => match line {
                Ok(l) => {
                    // Coalesce bursts into one stream message.
                    let mut lines = vec![l];
                    while lines.len() < 1000 {
                        match stdout.try_recv() { Ok(l) => lines.push(l), Err(_) => break }
                    }
                    handle_stdout(&mut st, lines);
                }
                Err(_) => return,
            },
            recv(stderr) -> line => match line {
                Ok(l) => {
                    let mut text = l + "\n";
                    while let Ok(l) = stderr.try_recv() { text.push_str(&l); text.push('\n'); }
                    stream(&st, StreamName::Stderr, &text);
                }
                Err(_) => return,
            },
            recv(cmd) -> c => match c {
                Ok(Cmd::Begin(sink)) => { st.sink = Some(sink); st.panic = None; }
                Ok(Cmd::Fence(done)) => {
                    // evcxr returns only after its stdout channel is drained by us;
                    // stderr is read by another evcxr thread, so give it a moment.
                    let lines: Vec<String> = stdout.try_iter().collect();
                    if !lines.is_empty() { handle_stdout(&mut st, lines); }
                    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(5);
                    while let Ok(l) = stderr.recv_deadline(deadline) {
                        stream(&st, StreamName::Stderr, &(l + "\n"));
                    }
                    let _ = done.send(st.panic.take());
                    st.sink = None;
                }
                Err(_) => return,
            },
        }
    }
}

fn stream(st: &State, name: StreamName, text: &str) {
    match &st.sink {
        Some(s) => s.stream(name, text),
        // Output outside any cell (e.g. a background thread): keep it in the log.
        None => eprint!("[runtime {}] {text}", name.as_str()),
    }
}

fn handle_stdout(st: &mut State, lines: Vec<String>) {
    let mut text = String::new();
    for line in lines {
        if let Some(pos) = line.find(MARKER) {
            // Text before the marker is a partial line the cell printed with `print!`.
            text.push_str(&line[..pos]);
            if !text.is_empty() {
                stream(st, StreamName::Stdout, &std::mem::take(&mut text));
            }
            handle_marker(st, &line[pos + MARKER.len()..]);
        } else {
            text.push_str(&line);
            text.push('\n');
        }
    }
    if !text.is_empty() {
        stream(st, StreamName::Stdout, &text);
    }
}

fn handle_marker(st: &mut State, json: &str) {
    let Ok(v) = serde_json::from_str::<Value>(json) else {
        eprintln!("[arraylib-kernel] bad marker line: {json}");
        return;
    };
    match v["kind"].as_str() {
        Some("panic") => {
            if st.panic.is_none() {
                st.panic = Some(PanicReport {
                    message: v["message"].as_str().unwrap_or("").to_owned(),
                    location: v["location"].as_str().unwrap_or("").to_owned(),
                    thread: v["thread"].as_str().unwrap_or("").to_owned(),
                });
            }
        }
        Some("display") => {
            if let Some(sink) = &st.sink {
                let mut data: MimeBundle = v["data"].as_object().cloned().unwrap_or_default();
                crate::figure_formats::apply(&mut data);
                let id = v["display_id"].as_str().map(str::to_owned);
                sink.display(data, serde_json::json!({}), id, v["update"].as_bool().unwrap_or(false));
            }
        }
        Some("clear_output") => {
            if let Some(sink) = &st.sink {
                sink.clear_output(v["wait"].as_bool().unwrap_or(false));
            }
        }
        other => eprintln!("[arraylib-kernel] unknown marker kind {other:?}"),
    }
}
