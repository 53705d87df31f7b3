//! The JavaScript-facing API (`pkg/gan_playground.js`). Every method returns a promise that
//! rejects with a readable `Error` on bad input or a device failure, and leaves the run as
//! it was. `www/js/api.js` and `www/js/game_api.js` wrap it for pages.
//! - [`faces`]: `Playground`, the slanted-faces GAN of THEORY.md §7;
//! - [`game`]: `MinimaxGame`, the 1-D and 2-D games of §2–§4, and the Dirac GAN and payoff
//!   table helpers;
//! - [`autoencoder`]: `AutoencoderLab`, autoencoders and VAEs on image sets (§6);
//! - [`bench`]: `bench(workload, backend)`, iterations per second;
//! - [`supervision`]: word of a panic for the page's supervisor, and a deliberate one.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::backend;
use crate::error::PlaygroundError;

pub mod autoencoder;
pub mod bench;
pub mod faces;
pub mod game;
pub mod supervision;

#[wasm_bindgen(start)]
pub fn start() {
    backend::run_static_constructors();
    std::panic::set_hook(Box::new(supervision::on_panic));
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

pub(crate) fn js_error(e: PlaygroundError) -> JsError {
    JsError::new(&e.to_string())
}

/// Rejects option names `fields` does not list: serde-wasm-bindgen reads only the fields
/// it knows, so a misspelt option would otherwise be silently ignored.
pub(crate) fn check_option_names(options: &JsValue, fields: &[&str]) -> Result<(), JsError> {
    if options.is_object() {
        for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !fields.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "invalid options: unknown option `{key}` (expected one of {})",
                    fields.join(", ")
                )));
            }
        }
    }
    Ok(())
}

/// The options object as `T`, or `T::default()` for undefined or null. Option names `T`
/// does not have are refused by name.
pub(crate) fn options_from<T: serde::de::DeserializeOwned + Default>(
    options: JsValue,
) -> Result<T, JsError> {
    options_among(
        options,
        serde_aux::serde_introspection::serde_introspect::<T>(),
    )
}

/// As [`options_from`], allowing only the names in `fields` (a subset of `T`'s).
pub(crate) fn options_among<T: serde::de::DeserializeOwned + Default>(
    options: JsValue,
    fields: &[&str],
) -> Result<T, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    check_option_names(&options, fields)?;
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// The compute backend a patch names, parsed.
pub(crate) fn backend_choice(
    name: Option<&str>,
) -> Result<Option<backend::BackendChoice>, JsError> {
    name.map(str::parse).transpose().map_err(js_error)
}

pub use autoencoder::AutoencoderLab;
pub use faces::Playground;
pub use game::MinimaxGame;
