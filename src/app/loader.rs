//! Loading and extraction off the UI thread. Each batch of files has its
//! own worker threads, taking files from a shared queue; each result comes
//! back over a channel as soon as it is ready, with a repaint request, so
//! the window shows progress and stays responsive.
//!
//! A file that never finishes (a network drive that stopped answering)
//! holds back nothing else: a later batch has workers of its own, and when
//! every worker of a batch has been on one file for `STALLED_AFTER` while
//! files still wait, one more worker starts on them.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::extract::Extractor;
use crate::workbench::Loaded;

/// How long a worker may spend on one file before another is started.
const STALLED_AFTER: Duration = Duration::from_secs(5);

/// Loads one file: what a worker runs.
type Work = Arc<dyn Fn(&Path) -> Loaded + Send + Sync>;

/// The loads under way.
#[derive(Default)]
pub struct Loader {
    batches: Vec<Batch>,
}

struct Batch {
    receiver: Receiver<Loaded>,
    shared: Arc<Shared>,
    work: Work,
    sender: Sender<Loaded>,
    repaint: egui::Context,
    remaining: usize,
    total: usize,
    stalled_after: Duration,
}

/// What a batch's workers share: the files not yet started, and what each
/// worker is on, since when.
#[derive(Default)]
struct Shared {
    queue: Mutex<VecDeque<PathBuf>>,
    workers: Mutex<Vec<Option<(PathBuf, Instant)>>>,
}

impl Loader {
    /// Starts extracting `paths` in the background.
    pub fn start(&mut self, paths: Vec<PathBuf>, extractor: &'static Extractor, repaint: egui::Context) {
        let work: Work = Arc::new(move |path: &Path| (path.to_owned(), extractor.extract_path(path)));
        self.start_with(paths, work, repaint, STALLED_AFTER);
    }

    fn start_with(&mut self, paths: Vec<PathBuf>, work: Work, repaint: egui::Context, stalled_after: Duration) {
        if paths.is_empty() {
            return;
        }
        let (sender, receiver) = channel();
        let total = paths.len();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(total);
        let shared = Arc::new(Shared { queue: Mutex::new(paths.into()), workers: Mutex::default() });
        let batch = Batch { receiver, shared, work, sender, repaint, remaining: total, total, stalled_after };
        for _ in 0..workers {
            batch.add_worker();
        }
        self.batches.push(batch);
    }

    /// The results that have arrived since the last call. Starts a worker
    /// for a batch whose workers are all stuck.
    pub fn poll(&mut self) -> Vec<Loaded> {
        let mut arrived = Vec::new();
        for batch in &mut self.batches {
            while let Ok(loaded) = batch.receiver.try_recv() {
                batch.remaining -= 1;
                arrived.push(loaded);
            }
            if batch.is_stalled() {
                batch.add_worker();
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

    /// The file a worker has been on the longest, if that is a while.
    pub fn slowest(&self) -> Option<(PathBuf, Duration)> {
        let now = Instant::now();
        self.batches
            .iter()
            .flat_map(|b| lock(&b.shared.workers).iter().flatten().cloned().collect::<Vec<_>>())
            .map(|(path, since)| (path, now - since))
            .filter(|(_, waited)| *waited >= STALLED_AFTER)
            .max_by_key(|(_, waited)| *waited)
    }

    pub fn is_idle(&self) -> bool {
        self.batches.is_empty()
    }
}

impl Batch {
    fn add_worker(&self) {
        let (shared, work, sender, repaint) =
            (self.shared.clone(), self.work.clone(), self.sender.clone(), self.repaint.clone());
        let slot = {
            let mut workers = lock(&shared.workers);
            workers.push(None);
            workers.len() - 1
        };
        let spawned = std::thread::Builder::new().name("exhibit-loader".into()).spawn(move || loop {
            let Some(path) = lock(&shared.queue).pop_front() else {
                lock(&shared.workers)[slot] = None;
                return;
            };
            lock(&shared.workers)[slot] = Some((path.clone(), Instant::now()));
            let loaded = work(&path);
            lock(&shared.workers)[slot] = None;
            if sender.send(loaded).is_err() {
                return;
            }
            repaint.request_repaint();
        });
        if let Err(error) = spawned {
            // No thread: the files wait for the next worker, or fail here.
            let message = format!("no loader thread could be started ({error})");
            while let Some(path) = lock(&self.shared.queue).pop_front() {
                let failed = crate::ingest::IngestError::Failed { path: path.clone(), message: message.clone() };
                let _ = self.sender.send((path, Err(failed)));
            }
        }
    }

    /// Files wait while every worker has been on its file for a while.
    fn is_stalled(&self) -> bool {
        if lock(&self.shared.queue).is_empty() {
            return false;
        }
        let workers = lock(&self.shared.workers);
        let busy_since = |w: &Option<(PathBuf, Instant)>| w.as_ref().map(|(_, since)| *since);
        workers.iter().all(|w| busy_since(w).is_some_and(|since| since.elapsed() >= self.stalled_after))
    }
}

/// The lock's data even if a worker panicked holding it: the data is a
/// queue and a list of what is under way, never left half-changed.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads instantly, except "stuck.txt", which never finishes.
    fn work_with_a_stuck_file() -> Work {
        Arc::new(|path: &Path| {
            if path.ends_with("stuck.txt") {
                loop {
                    std::thread::park();
                }
            }
            (path.to_owned(), Ok(Vec::new()))
        })
    }

    fn wait_for(loader: &mut Loader, count: usize) -> Vec<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut arrived = Vec::new();
        while arrived.len() < count {
            assert!(Instant::now() < deadline, "only {arrived:?} arrived");
            arrived.extend(loader.poll().into_iter().map(|(path, _)| path));
            std::thread::sleep(Duration::from_millis(5));
        }
        arrived
    }

    #[test]
    fn a_file_that_never_finishes_holds_back_nothing_else() {
        let mut loader = Loader::default();
        let stuck: Vec<PathBuf> = ["stuck.txt", "stuck.txt", "stuck.txt"].map(PathBuf::from).to_vec();
        let mut first = stuck.clone();
        first.extend((0..20).map(|i| PathBuf::from(format!("{i}.txt"))));
        let stalled_after = Duration::from_millis(50);
        loader.start_with(first, work_with_a_stuck_file(), egui::Context::default(), stalled_after);
        loader.start_with(vec!["later.txt".into()], work_with_a_stuck_file(), egui::Context::default(), stalled_after);
        let arrived = wait_for(&mut loader, 21);
        assert!(arrived.contains(&PathBuf::from("later.txt")), "a later batch is not held back");
        assert!(arrived.contains(&PathBuf::from("19.txt")), "nor the rest of the stuck files' own batch");
        assert_eq!(loader.progress(), Some((20, 23)), "the stuck files are still under way");
    }
}
