//! The loader thread: loads briefs (with their corrections) off the UI thread and reports
//! progress and results through a channel; the window stays interactive meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use briefmap_core::app::Command;
use briefmap_core::app::core_api::LoadProgress;
use briefmap_core::app::loading::load_with_corrections;

/// Running loads; each delivers `LoadProgress` commands and one `LoadFinished`.
#[derive(Default)]
pub struct Loader {
    receivers: Vec<Receiver<Command>>,
}

impl Loader {
    /// Starts loading `paths` on a new thread.
    /// Starts loading `paths` on a thread of its own; an error says why it could not start.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        paths: Vec<PathBuf>,
        replace: bool,
    ) -> Result<(), String> {
        let (tx, rx): (Sender<Command>, Receiver<Command>) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("briefmap-loader".into())
            .spawn(move || {
                let progress_tx = std::sync::Mutex::new(tx.clone());
                let repaint = ctx.clone();
                let on_progress = move |p: LoadProgress| {
                    // A failed send means the window is gone: nobody is left to tell.
                    if let Ok(tx) = progress_tx.lock()
                        && tx
                            .send(Command::LoadProgress {
                                done: p.done,
                                total: p.total,
                            })
                            .is_err()
                    {
                        return;
                    }
                    repaint.request_repaint();
                };
                let data = load_with_corrections(&paths, &on_progress);
                if tx.send(Command::LoadFinished { data, replace }).is_ok() {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.receivers.push(rx);
                Ok(())
            }
            Err(e) => Err(format!("could not start loading: {e}")),
        }
    }

    pub fn is_busy(&self) -> bool {
        !self.receivers.is_empty()
    }

    /// Commands that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        self.receivers.retain(|rx| {
            loop {
                match rx.try_recv() {
                    Ok(cmd) => out.push(cmd),
                    Err(std::sync::mpsc::TryRecvError::Empty) => return true,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => return false,
                }
            }
        });
        out
    }

    /// Blocks until every running load finished (for tests and screenshots).
    pub fn wait_all(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        for rx in self.receivers.drain(..) {
            out.extend(rx.iter());
        }
        out
    }
}
