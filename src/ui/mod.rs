//! The one place that prints. [`Ui`] owns stdout (data: listings, names, replies asked for) and
//! stderr (status, summaries, errors, questions), decides colour once, and sanitizes every
//! server-supplied string before it reaches a terminal. Handlers return [`Output`]; the REPL
//! hands it to [`Ui::show`].

mod answer;
pub mod clean;
pub mod events;
pub mod progress;
pub mod render;
pub mod watch;

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use colored::Colorize;

use crate::error::{Error, Reply};
use crate::listing::Listing;
use render::{sanitize, sanitize_lines};

/// What a command produced, for the UI to render.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Nothing to show.
    Nothing,
    /// Server-supplied lines for stdout (listings, names, paths); sanitized when printed.
    Remote(Vec<String>),
    /// A parsed directory listing, shown as aligned columns (sizes human-readable when
    /// `human`), then the lines not understood as the server sent them. (Elsewhere than on a
    /// terminal `ls` streams the server's lines instead, through [`Ui::stream`].)
    Listing {
        /// The entries in the order to show them, and every line not understood.
        listing: Listing,
        /// Human-readable sizes.
        human: bool,
    },
    /// Machine-readable records, one JSON object per line on stdout.
    Json(Vec<serde_json::Value>),
    /// A server reply the user asked for (`quote`, `system`), printed to stdout, sanitized.
    Reply(Reply),
    /// Text of our own for stdout (help, settings).
    Text(String),
    /// A status line for stderr (confirmations, transfer summaries); sanitized when printed.
    Status(String),
    /// Run the commands in this local file (`source`); the interpreter does it.
    Source(std::path::PathBuf),
    /// Run these lines of the macro `name` (`$`, a `.netrc`'s `init`); the interpreter does it.
    Run {
        /// The macro's name, for error messages (`$name:LINE`).
        name: String,
        /// The lines, arguments already put in.
        lines: Vec<String>,
    },
    /// End the session.
    Quit,
}

/// The shell's way to resume a kept partial download.
const RESUME_HINT: &str = "`reget`";

/// A shared writer for stderr (or a buffer in tests). The UI's own messages, progress lines and
/// the protocol trace all write through it, so they interleave in one stream.
pub type Sink = Arc<Mutex<Box<dyn Write + Send>>>;

/// Where output goes and how it looks.
pub struct Ui {
    out: Box<dyn Write>,
    err: Sink,
    /// Colour on (decided once at start-up).
    pub color: bool,
    /// Whether stdout shows formatted listings (a terminal, or colour forced).
    pub pretty: bool,
    /// Whether the user can be asked questions (stdin is a terminal).
    pub interactive: bool,
    /// Whether stderr is a terminal (progress bars can be drawn).
    pub stderr_tty: bool,
    /// Whether stdout is a terminal (file contents are sanitized, a pager can be used, a bar
    /// would share the screen with them).
    pub stdout_tty: bool,
    /// Suppress status lines (errors still show).
    pub quiet: bool,
    /// What an error about a kept partial download names as the way to resume it.
    pub resume_hint: &'static str,
    /// Lines typed ahead that a question set aside, to run next.
    typed_ahead: VecDeque<String>,
}

/// A shared in-memory buffer standing in for stdout or stderr in tests.
#[derive(Clone, Default)]
pub struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("buffer lock")).into_owned()
    }

    /// Forgets what was written.
    pub fn clear(&self) {
        self.0.lock().expect("buffer lock").clear();
    }
}

impl Write for Buffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("buffer lock").extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Ui {
    /// The real terminal streams. Listings are formatted when stdout is a terminal or
    /// `force_pretty` (`--color always`) says so.
    pub fn terminal(color: bool, force_pretty: bool) -> Ui {
        Ui {
            out: Box::new(io::stdout()),
            err: Arc::new(Mutex::new(Box::new(io::stderr()))),
            color,
            pretty: force_pretty || io::stdout().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            stdout_tty: io::stdout().is_terminal(),
            quiet: false,
            interactive: io::stdin().is_terminal(),
            resume_hint: RESUME_HINT,
            typed_ahead: VecDeque::new(),
        }
    }

    /// A non-interactive, colourless UI writing into two buffers (stdout, stderr); listings are
    /// raw unless `pretty` is set afterwards.
    pub fn captured() -> (Ui, Buffer, Buffer) {
        let (out, err) = (Buffer::default(), Buffer::default());
        let ui = Ui {
            out: Box::new(out.clone()),
            err: Arc::new(Mutex::new(Box::new(err.clone()))),
            color: false,
            pretty: false,
            stderr_tty: false,
            stdout_tty: false,
            quiet: false,
            interactive: false,
            resume_hint: RESUME_HINT,
            typed_ahead: VecDeque::new(),
        };
        (ui, out, err)
    }

    /// Renders a command's output.
    pub fn show(&mut self, output: &Output) {
        match output {
            Output::Nothing | Output::Quit | Output::Source(_) | Output::Run { .. } => {}
            Output::Remote(lines) => self.lines_out(lines.iter().map(|l| sanitize(l))),
            Output::Listing { listing, human } => {
                let mut out = io::BufWriter::with_capacity(64 << 10, &mut self.out);
                render::listing(listing, *human, self.color, |row| {
                    let _ = out.write_all(row.as_bytes());
                    let _ = out.write_all(b"\n");
                });
                let _ = out.flush();
                drop(out);
                if let Some(note) = render::not_understood(listing.not_understood) {
                    self.status(&format!("ls: {note}, shown as sent"));
                }
            }
            Output::Reply(reply) => self.lines_out(sanitize_lines(&reply.text)),
            Output::Text(text) => self.lines_out([text.trim_end_matches('\n')]),
            Output::Json(records) => self.lines_out(records.iter().map(render::json_line)),
            Output::Status(s) => self.status(s),
        }
    }

    /// A status line on stderr, sanitized.
    pub fn status(&mut self, msg: &str) {
        if self.quiet {
            return;
        }
        let mut err = lock(&self.err);
        for line in sanitize_lines(msg) {
            let _ = writeln!(err, "{line}");
        }
        let _ = err.flush();
    }

    /// Prints an error once, on stderr, prefixed with `where_` (e.g. `stdin:3: cd`) when given.
    pub fn error(&mut self, where_: Option<&str>, err: &Error) {
        let msg = sanitize_lines(&err.message(self.resume_hint)).join("\n  ");
        let label = if self.color { "error:".red().bold().to_string() } else { "error:".to_string() };
        let mut err = lock(&self.err);
        let _ = match where_ {
            Some(w) => writeln!(err, "{w}: {label} {msg}"),
            None => writeln!(err, "{label} {msg}"),
        };
        let _ = err.flush();
    }

    /// Asks a question on stderr and reads the answer from the terminal (`answer`): lines typed
    /// ahead before it are kept for [`Ui::typed_ahead`], never taken as the answer. `None` when
    /// not interactive, without a terminal, or at end of input.
    pub fn ask(&mut self, prompt: &str) -> Option<String> {
        if !self.interactive {
            return None;
        }
        self.typed_ahead.extend(answer::typed_ahead());
        {
            let mut err = lock(&self.err);
            let _ = write!(err, "{prompt}");
            let _ = err.flush();
        }
        answer::read_line()
    }

    /// The next line typed ahead while a question was being asked, to run as the next command.
    pub fn typed_ahead(&mut self) -> Option<String> {
        self.typed_ahead.pop_front()
    }

    /// Asks for a secret without echo; `None` when not interactive.
    pub fn ask_secret(&mut self, prompt: &str) -> Option<String> {
        if !self.interactive {
            return None;
        }
        rpassword::prompt_password(prompt).ok()
    }

    /// The stderr stream, shared, for progress lines and the protocol trace.
    pub fn err_sink(&self) -> Sink {
        Arc::clone(&self.err)
    }

    /// The data stream (stdout), for file contents (`get FILE -`).
    pub fn data(&mut self) -> &mut dyn Write {
        &mut *self.out
    }

    /// Stdout for output printed as it comes (listings too long to hold in memory): buffered,
    /// unless stdout is a terminal, where each line shows at once.
    pub fn stream(&mut self) -> Stream<'_> {
        let each_line = self.pretty;
        Stream { out: io::BufWriter::with_capacity(64 << 10, &mut self.out), each_line, text: String::new() }
    }

    /// The width of the terminal stdout is, else 80 columns.
    pub fn columns(&self) -> usize {
        let size = self.stdout_tty.then(|| console::Term::stdout().size_checked()).flatten();
        size.map_or(80, |(_, cols)| usize::from(cols).max(20))
    }

    /// Lines of a finished output on stdout, buffered and flushed once at the end (one write
    /// for a listing of thousands of lines, not one per line).
    fn lines_out<S: AsRef<str>>(&mut self, lines: impl IntoIterator<Item = S>) {
        let mut out = io::BufWriter::with_capacity(64 << 10, &mut self.out);
        for line in lines {
            let _ = out.write_all(line.as_ref().as_bytes());
            let _ = out.write_all(b"\n");
        }
        let _ = out.flush();
    }
}

/// Server lines and JSON records written to stdout as they come, sanitized; flushed when
/// dropped. See [`Ui::stream`].
pub struct Stream<'a> {
    out: io::BufWriter<&'a mut Box<dyn Write>>,
    each_line: bool,
    /// The line being written, sanitized (one buffer for all of them).
    text: String,
}

impl Stream<'_> {
    /// A line from the server, sanitized.
    pub fn line(&mut self, line: &str) {
        self.text.clear();
        render::push_sanitized(&mut self.text, line);
        self.text.push('\n');
        let _ = self.out.write_all(self.text.as_bytes());
        self.flush_line();
    }

    /// Fields of a record (`du`'s size and path) on one line, each sanitized, tab-separated.
    pub fn fields(&mut self, fields: &[&str]) {
        let line: Vec<String> = fields.iter().map(|f| sanitize(f)).collect();
        let _ = writeln!(self.out, "{}", line.join("\t"));
        self.flush_line();
    }

    /// A JSON record on a line of its own, already escaped ([`crate::text::JsonRecord`]).
    pub fn record(&mut self, line: &str) {
        let _ = self.out.write_all(line.as_bytes());
        let _ = self.out.write_all(b"\n");
        self.flush_line();
    }

    fn flush_line(&mut self) {
        if self.each_line {
            let _ = self.out.flush();
        }
    }
}

impl Drop for Stream<'_> {
    fn drop(&mut self) {
        let _ = self.out.flush();
    }
}

/// The writer behind a sink; a writer poisoned by a panic elsewhere is still used.
pub fn lock(sink: &Sink) -> std::sync::MutexGuard<'_, Box<dyn Write + Send>> {
    sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
