//! Loading and extraction off the UI thread. Files are extracted on a
//! thread pool; each result comes back over a channel as soon as it is
//! ready, with a repaint request, so the window shows progress and stays
//! responsive.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver};

use rayon::prelude::*;

use crate::extract::{ExtractedDocument, Extractor};
use crate::ingest::IngestError;

pub struct Loaded {
    pub path: PathBuf,
    pub result: Result<Vec<ExtractedDocument>, IngestError>,
}

/// The loads under way.
#[derive(Default)]
pub struct Loader {
    batches: Vec<Batch>,
}

struct Batch {
    receiver: Receiver<Loaded>,
    remaining: usize,
    total: usize,
}

impl Loader {
    /// Starts extracting `paths` in the background.
    pub fn start(&mut self, paths: Vec<PathBuf>, extractor: &'static Extractor, repaint: egui::Context) {
        if paths.is_empty() {
            return;
        }
        let (sender, receiver) = channel();
        let total = paths.len();
        std::thread::Builder::new()
            .name("exhibit-loader".into())
            .spawn(move || {
                paths.into_par_iter().for_each_with(sender, |sender, path| {
                    let result = extractor.extract_path(&path);
                    let _ = sender.send(Loaded { path, result });
                    repaint.request_repaint();
                });
            })
            .expect("the loader thread starts");
        self.batches.push(Batch { receiver, remaining: total, total });
    }

    /// The results that have arrived since the last call.
    pub fn poll(&mut self) -> Vec<Loaded> {
        let mut arrived = Vec::new();
        for batch in &mut self.batches {
            while let Ok(loaded) = batch.receiver.try_recv() {
                batch.remaining -= 1;
                arrived.push(loaded);
            }
        }
        self.batches.retain(|b| b.remaining > 0);
        arrived
    }

    /// (done, total) over the loads under way, or `None` when idle.
    pub fn progress(&self) -> Option<(usize, usize)> {
        if self.batches.is_empty() {
            return None;
        }
        let total: usize = self.batches.iter().map(|b| b.total).sum();
        let remaining: usize = self.batches.iter().map(|b| b.remaining).sum();
        Some((total - remaining, total))
    }

    pub fn is_idle(&self) -> bool {
        self.batches.is_empty()
    }
}
