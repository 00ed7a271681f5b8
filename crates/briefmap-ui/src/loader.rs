//! The loader thread: loads briefs (with their corrections, through the corpus cache) off
//! the UI thread and reports progress and results through a channel; the window stays
//! interactive meanwhile, and a load can be cancelled.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use briefmap_core::app::Command;
use briefmap_core::app::loading::load_through_cache;
use briefmap_core::app::state::LoadedData;
use briefmap_core::corpus::{CacheMode, Progress};

/// Least time between two progress reports (a load of 100,000 files reports each file).
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// Running loads; each delivers `LoadProgress` commands and one `LoadFinished`.
pub struct Loader {
    receivers: Vec<Receiver<Command>>,
    cancels: Vec<Arc<AtomicBool>>,
    /// Where extraction results are cached.
    pub cache: CacheMode,
}

impl Default for Loader {
    /// A loader without a cache (tests); the window sets the user's cache.
    fn default() -> Self {
        Self {
            receivers: Vec::new(),
            cancels: Vec::new(),
            cache: CacheMode::Off,
        }
    }
}

impl Loader {
    /// Starts loading `paths` on a thread of its own, delivering the result as `finish` makes
    /// it into a command; an error says why it could not start.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        paths: Vec<PathBuf>,
        finish: impl FnOnce(LoadedData) -> Command + Send + 'static,
    ) -> Result<(), String> {
        let (tx, rx): (Sender<Command>, Receiver<Command>) = channel();
        let ctx = ctx.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        let cancelled = cancel.clone();
        let cache = self.cache.clone();
        let spawned = std::thread::Builder::new()
            .name("briefmap-loader".into())
            .spawn(move || {
                let started = Instant::now();
                let progress_tx = std::sync::Mutex::new((tx.clone(), None::<Instant>));
                let repaint = ctx.clone();
                let on_progress = move |p: Progress| {
                    let Ok(mut guard) = progress_tx.lock() else {
                        return;
                    };
                    let (tx, last) = &mut *guard;
                    if last.is_some_and(|t| t.elapsed() < PROGRESS_EVERY) && p.done() < p.found {
                        return;
                    }
                    *last = Some(Instant::now());
                    // A failed send means the window is gone: nobody is left to tell.
                    if tx.send(Command::LoadProgress(p)).is_ok() {
                        repaint.request_repaint();
                    }
                };
                let mut data = load_through_cache(&paths, &cache, &on_progress, &cancelled);
                data.started = Some(started);
                if tx.send(finish(data)).is_ok() {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.receivers.push(rx);
                self.cancels.push(cancel);
                Ok(())
            }
            Err(e) => Err(format!("could not start loading: {e}")),
        }
    }

    pub fn is_busy(&self) -> bool {
        !self.receivers.is_empty()
    }

    /// Asks every running load to stop.
    pub fn cancel_all(&mut self) {
        for c in &self.cancels {
            c.store(true, Ordering::Relaxed);
        }
    }

    /// Commands that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        let mut open = Vec::new();
        for (rx, cancel) in self.receivers.drain(..).zip(self.cancels.drain(..)) {
            let alive = loop {
                match rx.try_recv() {
                    Ok(cmd) => out.push(cmd),
                    Err(std::sync::mpsc::TryRecvError::Empty) => break true,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => break false,
                }
            };
            if alive {
                open.push((rx, cancel));
            }
        }
        (self.receivers, self.cancels) = open.into_iter().unzip();
        out
    }

    /// Blocks until every running load finished (for tests and screenshots).
    pub fn wait_all(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        for rx in self.receivers.drain(..) {
            out.extend(rx.iter());
        }
        self.cancels.clear();
        out
    }
}
