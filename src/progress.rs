//! Progress on long work: a bar on stderr, with what is being done and how
//! far ("importing entries 41,200 — 62%"), when stderr is a terminal, the
//! user did not ask for `--quiet`, and the work has taken more than a
//! second (short work shows nothing). Cheap to feed: the bar is drawn at
//! most a few times a second, and items are counted in batches.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::{Ui, thousands};

/// How long work runs before its bar shows.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How many items pass between two updates of the count.
const BATCH: u64 = 500;

pub struct Progress {
    bar: Option<ProgressBar>,
    what: &'static str,
    items: u64,
    started: Instant,
    shown: bool,
    /// How many items pass between two updates.
    batch: u64,
}

impl Progress {
    /// Progress through `total` units (bytes of a file read, entries
    /// written), counting `what` ("importing entries") as items go.
    pub fn new(ui: &Ui, total: u64, what: &'static str) -> Self {
        let wanted = !ui.is_quiet() && std::io::stderr().is_terminal();
        let bar = wanted.then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template("{msg} {wide_bar} {percent}%")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(what);
            bar
        });
        Self { bar, what, items: 0, started: Instant::now(), shown: false, batch: BATCH }
    }

    /// Updates after every item (big ones: stored files), not in batches.
    pub fn each(mut self) -> Self {
        self.batch = 1;
        self
    }

    /// Enters the stage `n` of `stages` (the bar counts stages, the message names it).
    pub fn stage(&mut self, stages: &[&str], n: usize) {
        let message = format!("{}: {}", self.what, stages.get(n).copied().unwrap_or_default());
        let Some(bar) = self.revealed() else { return };
        bar.set_length(stages.len() as u64);
        bar.set_position(n as u64);
        bar.set_message(message);
    }

    /// The total, when it is known only once the work has begun.
    pub fn total(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
        }
    }

    /// One more item done, `position` units of the total reached.
    pub fn item(&mut self, position: u64) {
        self.items += 1;
        if !self.items.is_multiple_of(self.batch) {
            return;
        }
        let message = format!("{} {}", self.what, thousands(self.items));
        let Some(bar) = self.revealed() else { return };
        bar.set_message(message);
        bar.set_position(position);
    }

    /// The bar, drawn on stderr from now on once the work has run long enough.
    fn revealed(&mut self) -> Option<&ProgressBar> {
        let bar = self.bar.as_ref()?;
        if !self.shown && self.started.elapsed() >= SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
            self.shown = true;
        }
        Some(bar)
    }

    /// Takes the bar off the screen (the summary line follows).
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A reader that counts the bytes read through it, for progress over a file.
pub struct Counted<R> {
    inner: R,
    pub read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R> Counted<R> {
    pub fn new(inner: R) -> Self {
        Self { inner, read: Default::default() }
    }
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}
