//! Running one file's work so that a panic in it, should one still happen,
//! becomes that file's error instead of ending the batch or the window.
//! The panic's message and place are kept for the error; while isolated
//! work runs, the default report on stderr is held back, so the error is
//! printed once, by whoever reports the file's failure.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work`; a panic in it comes back as `Err` with its message and
/// where in Exhibit it happened.
pub fn isolated<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let outer = ISOLATED.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    ISOLATED.with(|flag| flag.set(outer));
    result.map_err(|payload| {
        LAST_PANIC.with(|last| last.borrow_mut().take()).unwrap_or_else(|| message_of(payload.as_ref()))
    })
}

fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if ISOLATED.with(Cell::get) {
                let place = info.location().map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
                let message = format!("{}{place}", message_of(info.payload()));
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
            } else {
                default(info);
            }
        }));
    });
}

fn message_of(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message_and_place() {
        let error = isolated(|| -> u32 { panic!("index 7 out of range") }).unwrap_err();
        assert!(error.starts_with("index 7 out of range at src/isolate.rs:"), "{error}");
        assert_eq!(isolated(|| 42), Ok(42));
    }

    #[test]
    fn work_nested_in_isolated_work_reports_to_its_own_caller() {
        let outer = isolated(|| isolated(|| -> u8 { panic!("inner") }).unwrap_err());
        assert!(outer.unwrap().starts_with("inner at "));
    }
}
