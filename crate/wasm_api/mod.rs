//! The JavaScript-facing API (`pkg/gan_playground.js`). Every method returns a promise that
//! rejects with a readable `Error` on bad input or a device failure, and leaves the run as
//! it was. `www/js/api.js` and `www/js/game_api.js` wrap it for pages.
//! - [`faces`]: `Playground`, the slanted-faces GAN of THEORY.md §7;
//! - [`game`]: `MinimaxGame`, the 1-D and 2-D games of §2–§4, and the Dirac GAN and payoff
//!   table helpers;
//! - [`autoencoder`]: `AutoencoderLab`, autoencoders and VAEs on image sets (§6);
//! - [`image_gan`]: `ImageGanRun`, DCGAN and the conditional GAN on image sets (§2–§5);
//! - [`bench`]: `bench(workload, backend)`, iterations per second;
//! - [`args`]: every argument checked, with messages in the page's words;
//! - [`supervision`]: word of a panic for the page's supervisor, and a deliberate one.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::backend;
use crate::error::PlaygroundError;
use crate::schema::{self, Experiment};
use crate::serde_names::variants;

mod args;
pub mod autoencoder;
pub mod bench;
pub mod faces;
pub mod game;
pub mod image_gan;
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

/// The options object as `T`, or `T::default()` for undefined or null; option names `T`
/// does not have are refused by name. `call` names the function in messages.
pub(crate) fn options_from<T: serde::de::DeserializeOwned + Default>(
    call: &'static str,
    options: JsValue,
) -> Result<T, JsError> {
    args::options(
        &args::Call(call),
        options,
        serde_aux::serde_introspection::serde_introspect::<T>(),
    )
}

/// What a backend argument may be.
pub(crate) const BACKENDS: &str = "\"auto\", \"webgpu\" or \"cpu\"";

/// The `choice` argument of `setBackend`.
pub(crate) fn backend_arg(choice: &JsValue) -> Result<backend::BackendChoice, JsError> {
    args::Call("setBackend").choice("choice", choice, BACKENDS)
}

/// The compute backend a patch names, parsed.
pub(crate) fn backend_choice(
    name: Option<&str>,
) -> Result<Option<backend::BackendChoice>, JsError> {
    name.map(str::parse)
        .transpose()
        .map_err(|e: PlaygroundError| js_error(PlaygroundError::invalid("backend", e.to_string())))
}

/// The experiments, by the names `settingsSchema` and the page use: `["faces", "toy_gan",
/// "autoencoder", "image_gan"]`.
#[wasm_bindgen]
pub fn experiments() -> Result<JsValue, JsError> {
    to_js(&variants::<Experiment>())
}

/// Every setting of `experiment` (`"faces"`, `"toy_gan"`, `"autoencoder"` or
/// `"image_gan"`), for building controls: `[{name, kind, default, choices?, live, link}]`.
#[wasm_bindgen(js_name = settingsSchema)]
pub fn settings_schema(experiment: JsValue) -> Result<JsValue, JsError> {
    let call = args::Call("settingsSchema");
    let names = format!("one of {}", variants::<Experiment>().join(", "));
    let name = call.text("experiment", &experiment, &names)?;
    let experiment: Experiment = serde_json::from_value(serde_json::Value::String(name.clone()))
        .map_err(|_| call.refuse_text("experiment", &names, &args::quote(&name)))?;
    to_js(&schema::settings_schema(experiment))
}

pub use autoencoder::AutoencoderLab;
pub use faces::Playground;
pub use game::MinimaxGame;
pub use image_gan::ImageGanRun;
