//! `Playground`: the slanted-faces GAN of THEORY.md §7, as `www/js/api.js` drives it.

use wasm_bindgen::prelude::*;

use super::args::Call;
use super::{backend_arg, backend_choice, js_error, options_from, to_js};
use crate::backend::{self, BackendChoice};
use crate::config::{ConfigPatch, Engine, SlantedFacesConfig};
use crate::train::{MAX_EPOCHS_PER_CALL, SlantedFacesGan, trial};

fn patch_from(call: &'static str, options: JsValue) -> Result<ConfigPatch, JsError> {
    options_from(call, options)
}

fn backend_from(patch: &ConfigPatch) -> Result<Option<BackendChoice>, JsError> {
    backend_choice(patch.backend.as_deref())
}

/// One live run, owned by the page.
#[wasm_bindgen]
pub struct Playground {
    gan: SlantedFacesGan,
}

#[wasm_bindgen]
impl Playground {
    /// `Playground.create({preset, backend, seed, learningRate, engine, samples})`.
    pub async fn create(options: JsValue) -> Result<Playground, JsError> {
        let patch = patch_from("create", options)?;
        let config = patch
            .apply(&SlantedFacesConfig::default())
            .map_err(js_error)?;
        let choice = backend_from(&patch)?.unwrap_or_default();
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let mut gan = SlantedFacesGan::new(config, device).map_err(js_error)?;
        trial::settle(&mut gan).await.map_err(js_error)?;
        Ok(Playground { gan })
    }

    /// Trains `epochs` epochs (for this preset, an epoch is one pass over the five faces)
    /// and resolves to the new snapshot.
    pub async fn step(&mut self, epochs: JsValue) -> Result<JsValue, JsError> {
        let epochs = Call("step").whole("epochs", &epochs, 0..=MAX_EPOCHS_PER_CALL)?;
        self.gan.train(epochs).await.map_err(js_error)?;
        self.snapshot().await
    }

    /// The current state: `{preset, backend, engine, epoch, losses: {d, g}, samples, ...}`.
    pub async fn snapshot(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.gan.snapshot().await.map_err(js_error)?)
    }

    /// Every epoch's losses so far: `[{d, g}, ...]`.
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.gan.history())
    }

    /// Switches compute backend mid-run, keeping the weights and the epoch.
    #[wasm_bindgen(js_name = setBackend)]
    pub async fn set_backend(&mut self, choice: JsValue) -> Result<JsValue, JsError> {
        let choice: BackendChoice = backend_arg(&choice)?;
        let device = backend::acquire(choice).await.map_err(js_error)?;
        self.gan.set_device(device).await.map_err(js_error)?;
        trial::settle(&mut self.gan).await.map_err(js_error)?;
        to_js(self.gan.backend())
    }

    /// Starts again with these options over the current ones (seed, learning rate, ...);
    /// `backend` in the options switches device too.
    pub async fn reset(&mut self, options: JsValue) -> Result<JsValue, JsError> {
        let patch = patch_from("reset", options)?;
        let config = patch.apply(self.gan.config()).map_err(js_error)?;
        let device = match backend_from(&patch)? {
            Some(choice) => backend::acquire(choice).await.map_err(js_error)?,
            None => backend::acquire(self.gan.backend().choice)
                .await
                .map_err(js_error)?,
        };
        let mut gan = SlantedFacesGan::new(config, device).map_err(js_error)?;
        trial::settle(&mut gan).await.map_err(js_error)?;
        self.gan = gan;
        self.snapshot().await
    }

    /// Changes the learning rate live.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, learning_rate: JsValue) -> Result<(), JsError> {
        let learning_rate = Call("setLearningRate").number("learningRate", &learning_rate)?;
        self.gan.set_learning_rate(learning_rate).map_err(js_error)
    }

    /// `"burn"` (autodiff) or `"by-hand"` (the note's derivatives), keeping the weights.
    #[wasm_bindgen(js_name = setEngine)]
    pub async fn set_engine(&mut self, engine: JsValue) -> Result<(), JsError> {
        let call = Call("setEngine");
        let allowed = "\"burn\" or \"by-hand\"";
        call.text("engine", &engine, allowed)?;
        let engine: Engine = serde_wasm_bindgen::from_value(engine.clone())
            .map_err(|_| call.refuse("engine", allowed, &engine))?;
        self.gan.set_engine(engine).await.map_err(js_error)
    }
}
