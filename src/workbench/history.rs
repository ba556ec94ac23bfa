//! Undo and redo of corrections. Each step records the correction state of
//! one key before and after, so undo puts back exactly what was there
//! (the original time and note included).

use crate::ledger::{Correction, FactKey};

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub key: FactKey,
    pub before: Option<Correction>,
    pub after: Option<Correction>,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Records a change; whatever had been undone can no longer be redone.
    pub fn record(&mut self, change: Change) {
        self.done.push(change);
        self.undone.clear();
    }

    /// The change to take back, moved to the redo side.
    pub fn undo(&mut self) -> Option<&Change> {
        let change = self.done.pop()?;
        self.undone.push(change);
        self.undone.last()
    }

    /// The change to make again, moved back to the undo side.
    pub fn redo(&mut self) -> Option<&Change> {
        let change = self.undone.pop()?;
        self.done.push(change);
        self.done.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}
