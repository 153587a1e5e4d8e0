//! Where output goes: data on stdout (a table or `--json`), status, warnings
//! and errors on stderr. Colour is decided once, here, from `--color`,
//! `NO_COLOR` and whether each stream is a terminal.

use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use serde::Serialize;

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    #[default]
    Auto,
    Always,
    Never,
}

const BOLD: Style = Style::new().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();
const ITALIC: Style = Style::new().italic();

/// The user's terminal, as folio writes to it.
#[derive(Debug, Clone)]
pub struct Ui {
    quiet: bool,
    color_stdout: bool,
    color_stderr: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice, quiet: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |is_tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_tty && !no_color,
        };
        let ui = Self {
            quiet,
            color_stdout: decide(io::stdout().is_terminal()),
            color_stderr: decide(io::stderr().is_terminal()),
        };
        COLOURS.store(ui.color_stdout || ui.color_stderr, std::sync::atomic::Ordering::Relaxed);
        ui
    }

    pub fn color_stdout(&self) -> bool {
        self.color_stdout
    }

    /// A progress or confirmation line on stderr; silenced by `--quiet`.
    pub fn status(&self, message: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", for_terminal(message.as_ref()));
        }
    }

    /// Whether status lines (and progress) are silenced.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// A suggestion on stderr after a command that worked; silenced by `--quiet`.
    pub fn hint(&self, message: &str) {
        if !self.quiet {
            eprintln!("{} {}", self.paint_err("hint:", BOLD), for_terminal(message));
        }
    }

    /// What folio made of what was typed, on stderr; silenced by `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{} {}", self.paint_err("note:", BOLD), for_terminal(message));
        }
    }

    pub fn warn(&self, message: impl AsRef<str>) {
        let label = self.paint_err("warning:", YELLOW);
        eprintln!("{label} {}", for_terminal(message.as_ref()));
    }

    pub fn error(&self, message: &str, hint: Option<&str>) {
        eprintln!("{} {}", self.paint_err("error:", RED), for_terminal(message));
        if let Some(hint) = hint {
            eprintln!("{} {}", self.paint_err("hint:", BOLD), for_terminal(hint));
        }
    }

    fn paint_err(&self, text: &str, style: Style) -> String {
        paint(self.color_stderr, text, style)
    }

    /// Bold on stdout when colour is on.
    pub fn bold(&self, text: &str) -> String {
        paint(self.color_stdout, text, BOLD)
    }

    /// Bold red on stdout when colour is on: what is overdue or expired.
    pub fn alert(&self, text: &str) -> String {
        paint(self.color_stdout, text, RED)
    }

    /// Italic on stdout when colour is on.
    pub fn italic(&self, text: &str) -> String {
        paint(self.color_stdout, text, ITALIC)
    }

    /// Faint on stdout when colour is on.
    pub fn dim(&self, text: &str) -> String {
        paint(self.color_stdout, text, DIM)
    }

    /// Markers put around search matches: bold with colour, brackets without.
    pub fn match_marks(&self) -> (String, String) {
        if self.color_stdout {
            (BOLD.render().to_string(), BOLD.render_reset().to_string())
        } else {
            ("[".into(), "]".into())
        }
    }

    /// Whether the output is wide enough for extra columns (at least `columns`).
    pub fn is_wide(&self, columns: u16) -> bool {
        match terminal_width() {
            Some(width) => width >= columns,
            None => crossterm_width().is_none_or(|w| w >= columns),
        }
    }

    /// A table that fits the terminal (or `COLUMNS`), with a bold header.
    pub fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
        if self.color_stdout {
            table.enforce_styling();
        }
        if let Some(width) = terminal_width() {
            table.set_width(width);
        }
        table.set_header(header.iter().map(|h| {
            let cell = Cell::new(h);
            if self.color_stdout { cell.add_attribute(Attribute::Bold) } else { cell }
        }));
        table
    }
}

fn paint(enabled: bool, text: &str, style: Style) -> String {
    if enabled { format!("{style}{text}{style:#}") } else { text.to_string() }
}

/// `COLUMNS` if set, the terminal's width if stdout is one, else 100.
fn terminal_width() -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()) {
        return Some(columns.max(20));
    }
    if io::stdout().is_terminal() { None } else { Some(100) }
}

/// Human-readable size: `812 B`, `14.2 KB`, `3.1 MB`.
pub fn human_size(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A count and its noun, singular for one: `1 entry`, `3 entries`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A count with thousands separated: `77,216`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Whether folio writes colours this run: only then may colour sequences pass [`for_terminal`].
static COLOURS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Writes one line for a person to stdout (see [`for_terminal`]).
pub fn print_line(line: impl std::fmt::Display) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{}", for_terminal(&line.to_string()))?;
    out.flush()
}

/// Text for a person's terminal. A title, tag or reviewer's name can hold
/// control characters that would clear the screen, retitle the window or
/// reverse what follows (U+202E): each is shown escaped (`\u{1b}`). Newlines
/// and tabs stay, and, when folio writes colours, so do colour sequences
/// (`ESC [ digits ; m`, all folio writes). `--json` and exports keep the
/// data exact.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    escaped(text, COLOURS.load(std::sync::atomic::Ordering::Relaxed))
}

/// [`for_terminal`], colour sequences kept or not.
fn escaped(text: &str, keep_colours: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && keep_colours
            && let Some(colour) = colour_sequence(rest)
        {
            shown.push_str(colour);
            rest = &rest[colour.len()..];
            continue;
        }
        if unsafe_char(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(shown)
}

/// The colour (SGR) sequence `text` starts with, if it does: `ESC [ 1 ; 31 m`.
fn colour_sequence(text: &str) -> Option<&str> {
    let body = text.strip_prefix("\u{1b}[")?;
    let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
    (body[end..].starts_with('m')).then(|| &text[..2 + end + 1])
}

/// Writes any serialisable value to stdout as pretty JSON.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    // A closed pipe (`folio list --json | head`) stays an io::Error, which
    // main treats as the reader having had enough, not as a failure.
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => anyhow::Error::from(io::Error::from(kind)),
        None => e.into(),
    })?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The terminal's width as comfy-table sees it, when stdout is one.
fn crossterm_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_well() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(14_540), "14.2 KB");
    }

    #[test]
    fn control_characters_reach_the_terminal_escaped_and_folio_s_colours_do_not() {
        assert_eq!(escaped("plain title", true), "plain title");
        assert_eq!(escaped("a\u{1b}[2Jb", true), "a\\u{1b}[2Jb", "clearing the screen is shown, not done");
        assert_eq!(escaped("\u{1b}]0;owned\u{7}", true), "\\u{1b}]0;owned\\u{7}", "no window title");
        assert_eq!(escaped("x\u{202e}y\rz", true), "x\\u{202e}y\\u{d}z");
        let coloured = "\u{1b}[1;31merror\u{1b}[0m\tok\n";
        assert_eq!(escaped(coloured, true), coloured, "folio's own colours stay when it writes colours");
        assert_eq!(escaped(coloured, false), "\\u{1b}[1;31merror\\u{1b}[0m\tok\n", "and only then");
        assert_eq!(escaped("שלום עולם", false), "שלום עולם", "right-to-left text itself is text");
        let counts: Vec<String> = [0, 999, 1_000, 77_216, 1_234_567].into_iter().map(thousands).collect();
        assert_eq!(counts, ["0", "999", "1,000", "77,216", "1,234,567"]);
    }
}
