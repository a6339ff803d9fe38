//! Shell channel: request dispatch, the evaluator worker thread, execute semantics
//! (counts, silent, store_history, stop_on_error, aborts) and the output sink.

use super::Replier;
use super::history::History;
use super::iopub::Iopub;
use super::stdin::Stdin;
use super::wire::{Message, Signer};
use crate::interpreter::{
    Completions, ExecuteOutcome, ExecuteRequest, Interpreter, IsComplete, LanguageServices, MimeBundle, OutputSink,
    StreamName,
};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use zeromq::SocketRecv;

/// State shared by the shell reader, the worker thread and the control channel.
pub struct ShellState {
    /// IOPub publisher.
    pub iopub: Iopub,
    /// Shell reply sender.
    pub reply: Replier,
    /// Stdin channel.
    pub stdin: Stdin,
    /// Immediate language services.
    pub services: Arc<dyn LanguageServices>,
    /// True while the worker executes a cell.
    busy: AtomicBool,
    /// Last execution count handed out.
    execution_count: AtomicU64,
    history: Mutex<History>,
}

impl ShellState {
    /// Creates the shared state.
    pub fn new(iopub: Iopub, reply: Replier, stdin: Stdin, services: Arc<dyn LanguageServices>) -> Self {
        ShellState {
            iopub,
            reply,
            stdin,
            services,
            busy: AtomicBool::new(false),
            execution_count: AtomicU64::new(0),
            history: Mutex::new(History::default()),
        }
    }

    /// Content of kernel_info_reply.
    pub fn kernel_info(&self) -> Value {
        json!({
            "status": "ok",
            "protocol_version": super::wire::PROTOCOL_VERSION,
            "implementation": "arraylib-kernel",
            "implementation_version": env!("CARGO_PKG_VERSION"),
            "language_info": self.services.language_info(),
            "banner": self.services.banner(),
            "help_links": [],
            "debugger": false,
            "supported_features": [],
        })
    }
}

/// Creates the interpreter on the worker thread.
pub type InterpreterFactory = Box<dyn FnOnce() -> Box<dyn Interpreter> + Send>;

/// Handle to the worker thread that owns the [`Interpreter`].
pub struct Worker {
    tx: mpsc::Sender<Message>,
}

impl Worker {
    /// Starts the worker thread. The interpreter is created *on* that thread (it
    /// may be neither `Send` nor quick to start); requests queue meanwhile.
    pub fn spawn(state: Arc<ShellState>, factory: InterpreterFactory) -> Worker {
        let (tx, rx) = mpsc::channel::<Message>();
        std::thread::Builder::new()
            .name("interpreter".into())
            .spawn(move || {
                let mut interpreter = factory();
                let mut backlog: VecDeque<Message> = VecDeque::new();
                loop {
                    let msg = match backlog.pop_front() {
                        Some(m) => m,
                        None => match rx.recv() {
                            Ok(m) => m,
                            Err(_) => return,
                        },
                    };
                    state.iopub.status(Some(&msg), "busy");
                    match msg.msg_type() {
                        "execute_request" => {
                            let failed = execute(&state, interpreter.as_mut(), &msg);
                            if failed && msg.content["stop_on_error"].as_bool().unwrap_or(true) {
                                // Abort executes already queued behind the failed cell, as
                                // ipykernel does; other requests still get answered.
                                while let Ok(m) = rx.try_recv() {
                                    backlog.push_back(m);
                                }
                                let mut kept = VecDeque::new();
                                for m in backlog.drain(..) {
                                    if m.msg_type() == "execute_request" {
                                        abort(&state, &m);
                                    } else {
                                        kept.push_back(m);
                                    }
                                }
                                backlog = kept;
                            }
                        }
                        "complete_request" => {
                            let (code, cursor) = code_and_cursor(&msg);
                            let c = interpreter.complete(&code, cursor);
                            state.reply.reply(&msg, "complete_reply", complete_content(c));
                        }
                        "inspect_request" => {
                            let (code, cursor) = code_and_cursor(&msg);
                            let detail = msg.content["detail_level"].as_u64().unwrap_or(0) as u8;
                            let data = interpreter.inspect(&code, cursor, detail);
                            state.reply.reply(
                                &msg,
                                "inspect_reply",
                                json!({
                                    "status": "ok",
                                    "found": data.is_some(),
                                    "data": data.unwrap_or_default(),
                                    "metadata": {},
                                }),
                            );
                        }
                        other => eprintln!("[arraylib-kernel] worker: unexpected {other}"),
                    }
                    state.iopub.status(Some(&msg), "idle");
                }
            })
            .expect("spawn interpreter thread");
        Worker { tx }
    }
}

fn code_and_cursor(msg: &Message) -> (String, usize) {
    let code = msg.content["code"].as_str().unwrap_or("").to_owned();
    let len = code.chars().count();
    let cursor = msg.content["cursor_pos"]
        .as_u64()
        .map(|c| c as usize)
        .unwrap_or(len)
        .min(len);
    (code, cursor)
}

fn complete_content(c: Completions) -> Value {
    json!({
        "status": "ok",
        "matches": c.matches,
        "cursor_start": c.cursor_start,
        "cursor_end": c.cursor_end,
        "metadata": {},
    })
}

fn abort(state: &ShellState, msg: &Message) {
    state.iopub.status(Some(msg), "busy");
    state.reply.reply(
        msg,
        "execute_reply",
        json!({ "status": "aborted", "execution_count": state.execution_count.load(Ordering::SeqCst) }),
    );
    state.iopub.status(Some(msg), "idle");
}

/// Runs one execute request; returns true when it ended in an error.
fn execute(state: &ShellState, interpreter: &mut dyn Interpreter, msg: &Message) -> bool {
    let Some(code) = msg.content["code"].as_str() else {
        // A malformed request is answered, never executed.
        let count = state.execution_count.load(Ordering::SeqCst);
        state.reply.reply(
            msg,
            "execute_reply",
            json!({ "status": "error", "execution_count": count, "ename": "InvalidRequest",
                    "evalue": "execute_request without a string `code` field", "traceback": [] }),
        );
        return true;
    };
    let silent = msg.content["silent"].as_bool().unwrap_or(false);
    let store_history = !silent && msg.content["store_history"].as_bool().unwrap_or(true);
    let allow_stdin = msg.content["allow_stdin"].as_bool().unwrap_or(true);
    let count = if store_history {
        let c = state.execution_count.fetch_add(1, Ordering::SeqCst) + 1;
        state.history.lock().unwrap().push(c, code);
        c
    } else {
        state.execution_count.load(Ordering::SeqCst)
    };
    if !silent {
        state.iopub.send(
            Some(msg),
            "execute_input",
            json!({ "code": code, "execution_count": count }),
        );
    }
    let sink = Arc::new(ExecSink {
        parent: msg.clone(),
        iopub: state.iopub.clone(),
        stdin: state.stdin.clone(),
        allow_stdin,
    });
    state.busy.store(true, Ordering::SeqCst);
    let outcome = interpreter.execute(
        &ExecuteRequest {
            code: code.to_owned(),
            silent,
        },
        sink,
    );
    state.busy.store(false, Ordering::SeqCst);
    match outcome {
        ExecuteOutcome::Ok(result) => {
            if let (Some(data), false) = (result, silent) {
                if store_history && let Some(text) = data.get("text/plain").and_then(Value::as_str) {
                    state.history.lock().unwrap().set_output(count, text.to_owned());
                }
                state.iopub.send(
                    Some(msg),
                    "execute_result",
                    json!({ "execution_count": count, "data": data, "metadata": {} }),
                );
            }
            state.reply.reply(
                msg,
                "execute_reply",
                json!({ "status": "ok", "execution_count": count, "user_expressions": {}, "payload": [] }),
            );
            false
        }
        ExecuteOutcome::Page(data) => {
            state.reply.reply(
                msg,
                "execute_reply",
                json!({ "status": "ok", "execution_count": count, "user_expressions": {},
                        "payload": [{ "source": "page", "data": data, "start": 0 }] }),
            );
            false
        }
        ExecuteOutcome::Error(e) => {
            state.iopub.send(
                Some(msg),
                "error",
                json!({ "ename": e.ename, "evalue": e.evalue, "traceback": e.traceback }),
            );
            state.reply.reply(
                msg,
                "execute_reply",
                json!({ "status": "error", "execution_count": count, "ename": e.ename,
                        "evalue": e.evalue, "traceback": e.traceback }),
            );
            true
        }
    }
}

/// Turns interpreter output calls into IOPub/stdin messages parented to one request.
struct ExecSink {
    parent: Message,
    iopub: Iopub,
    stdin: Stdin,
    allow_stdin: bool,
}

impl OutputSink for ExecSink {
    fn stream(&self, name: StreamName, text: &str) {
        self.iopub.send(
            Some(&self.parent),
            "stream",
            json!({ "name": name.as_str(), "text": text }),
        );
    }

    fn display(&self, data: MimeBundle, metadata: Value, display_id: Option<String>, update: bool) {
        let mut content = json!({ "data": data, "metadata": metadata });
        if let Some(id) = display_id {
            content["transient"] = json!({ "display_id": id });
        }
        let kind = if update && content.get("transient").is_some() {
            "update_display_data"
        } else {
            "display_data"
        };
        self.iopub.send(Some(&self.parent), kind, content);
    }

    fn clear_output(&self, wait: bool) {
        self.iopub
            .send(Some(&self.parent), "clear_output", json!({ "wait": wait }));
    }

    fn input(&self, prompt: &str, password: bool) -> Option<String> {
        if !self.allow_stdin {
            return None;
        }
        self.stdin.request_input(&self.parent, prompt, password)
    }
}

/// Serves the shell channel forever.
pub async fn run(mut rx: zeromq::RouterRecvHalf, signer: Signer, state: Arc<ShellState>, worker: Worker) {
    loop {
        let frames = match rx.recv().await {
            Ok(m) => m.into_vec(),
            Err(e) => {
                eprintln!("[arraylib-kernel] shell recv failed: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let msg = match Message::decode(frames, &signer) {
            Ok(m) => m,
            Err(e) => {
                // Bad signatures and unparsable messages are logged and dropped,
                // as ipykernel does; nothing in them is ever acted upon.
                eprintln!("[arraylib-kernel] shell: dropped invalid message: {e}");
                continue;
            }
        };
        handle(&state, &worker, msg);
    }
}

fn handle(state: &ShellState, worker: &Worker, msg: Message) {
    let inline = |f: &dyn Fn() -> Option<(&'static str, Value)>| {
        state.iopub.status(Some(&msg), "busy");
        if let Some((kind, content)) = f() {
            state.reply.reply(&msg, kind, content);
        }
        state.iopub.status(Some(&msg), "idle");
    };
    match msg.msg_type() {
        "execute_request" | "inspect_request" => {
            let _ = worker.tx.send(msg);
        }
        "complete_request" => {
            if state.busy.load(Ordering::SeqCst) {
                // The evaluator is busy: answer from state-free sources right away.
                let (code, cursor) = code_and_cursor(&msg);
                let c = state.services.quick_complete(&code, cursor);
                inline(&|| Some(("complete_reply", complete_content(c.clone()))));
            } else {
                let _ = worker.tx.send(msg);
            }
        }
        "kernel_info_request" => inline(&|| Some(("kernel_info_reply", state.kernel_info()))),
        "is_complete_request" => inline(&|| {
            let code = msg.content["code"].as_str().unwrap_or("");
            Some((
                "is_complete_reply",
                match state.services.is_complete(code) {
                    IsComplete::Complete => json!({ "status": "complete" }),
                    IsComplete::Incomplete(indent) => json!({ "status": "incomplete", "indent": indent }),
                    IsComplete::Invalid => json!({ "status": "invalid" }),
                    IsComplete::Unknown => json!({ "status": "unknown" }),
                },
            ))
        }),
        "history_request" => inline(&|| {
            let history = state.history.lock().unwrap().query(&msg.content);
            Some(("history_reply", json!({ "status": "ok", "history": history })))
        }),
        "comm_info_request" => inline(&|| Some(("comm_info_reply", json!({ "status": "ok", "comms": {} })))),
        "comm_open" => inline(&|| {
            // No comm targets are registered: close it again so the frontend knows.
            let id = msg.content["comm_id"].clone();
            eprintln!(
                "[arraylib-kernel] comm_open for unknown target {}",
                msg.content["target_name"]
            );
            state
                .iopub
                .send(Some(&msg), "comm_close", json!({ "comm_id": id, "data": {} }));
            None
        }),
        "comm_msg" | "comm_close" => inline(&|| None),
        "shutdown_request" => {
            // Deprecated on shell but still sent by old frontends.
            let restart = msg.content["restart"].as_bool().unwrap_or(false);
            state.services.shutdown();
            state
                .reply
                .reply(&msg, "shutdown_reply", json!({ "status": "ok", "restart": restart }));
            std::thread::spawn(|| {
                std::thread::sleep(std::time::Duration::from_millis(100));
                std::process::exit(0);
            });
        }
        other => eprintln!("[arraylib-kernel] shell: ignoring unknown message type {other:?}"),
    }
}
