//! What the page's supervisor (`www/js/wasm.js`) needs from the module: word of a panic
//! before it traps, and a deliberate panic to test the recovery with.
//!
//! A panic aborts the instance (`unreachable`): every later call into it fails, and an async
//! call's promise never settles. The page cannot catch that after the fact, so the panic
//! hook tells it first (`setPanicListener`), and the page re-instantiates the module.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static LISTENER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Logs the panic to the console and tells the listener, if the page set one.
pub(crate) fn on_panic(info: &std::panic::PanicHookInfo) {
    console_error_panic_hook::hook(info);
    let message = JsValue::from_str(&info.to_string());
    LISTENER.with(|listener| {
        if let Ok(listener) = listener.try_borrow()
            && let Some(f) = listener.as_ref()
        {
            let _ = f.call1(&JsValue::NULL, &message);
        }
    });
}

/// `setPanicListener(fn)`: `fn(message)` runs when Rust panics, just before this instance
/// traps; `setPanicListener(null)` removes it.
#[wasm_bindgen(js_name = setPanicListener)]
pub fn set_panic_listener(listener: JsValue) -> Result<(), JsError> {
    let listener = if listener.is_null() || listener.is_undefined() {
        None
    } else {
        Some(listener.dyn_into::<js_sys::Function>().map_err(|_| {
            JsError::new("setPanicListener: the listener must be a function (or null)")
        })?)
    };
    LISTENER.with(|l| *l.borrow_mut() = listener);
    Ok(())
}

/// A deliberate panic, to test the page's recovery: at once (`later` false, as a failing
/// synchronous call), or after yielding to the event loop (`later` true, as a failing
/// training step: the call's promise then never settles on its own).
#[wasm_bindgen(js_name = debugPanic)]
pub async fn debug_panic(later: JsValue) -> Result<(), JsError> {
    if super::args::Call("debugPanic").flag("later", &later)? {
        let tick = js_sys::Promise::resolve(&JsValue::NULL);
        let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
    }
    panic!("a deliberate panic (debugPanic), to test that the page recovers");
}
