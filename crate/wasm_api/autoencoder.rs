//! `AutoencoderLab`: binds [`crate::train::lab::Lab`] (autoencoders, denoising
//! autoencoders and VAEs on an image set, THEORY.md §6) for the page. The page fetches the
//! set's bytes (only when the settings need them) and hands them over.

use wasm_bindgen::prelude::*;

use super::args::Call;
use super::{backend_arg, backend_choice, js_error, options_from, to_js};
use crate::backend;
use crate::data::images::ImageSet;
use crate::presets::lab::buttons;
use crate::train::lab::{Lab, LabPatch, LabSnapshot, MAX_STEPS};
use crate::train::trial;

/// Most iterations a `step` call trains (as the games' `MAX_ITERATIONS_PER_CALL`): the
/// page trains in chunks of about 25 ms, far fewer.
const MAX_ITERATIONS_PER_CALL: u32 = 100_000;

/// One live autoencoder run, owned by the page.
#[wasm_bindgen]
pub struct AutoencoderLab {
    lab: Lab,
}

/// The whole settings a patch gives (a preset's, with the rest of the patch over them), so
/// that the page knows which set to fetch: `{data, twin, hidden, latent, …}`.
#[wasm_bindgen(js_name = labSettings)]
pub fn lab_settings(options: JsValue) -> Result<JsValue, JsError> {
    let patch: LabPatch = options_from("labSettings", options)?;
    to_js(&patch.settings().map_err(js_error)?)
}

/// The lab's presets, for the page's buttons: `[{id, title}]` (their text and claim come
/// with the snapshot of a run that is one).
#[wasm_bindgen(js_name = labPresets)]
pub fn lab_presets() -> Result<JsValue, JsError> {
    to_js(&buttons())
}

#[wasm_bindgen]
impl AutoencoderLab {
    /// `AutoencoderLab.create(options, images, labels)`: `images` the set's bytes
    /// (decompressed), `labels` its label bytes if it has them.
    pub async fn create(
        options: JsValue,
        images: JsValue,
        labels: JsValue,
    ) -> Result<AutoencoderLab, JsError> {
        let call = Call("AutoencoderLab.create");
        let patch: LabPatch = options_from("AutoencoderLab.create", options)?;
        let images = call
            .bytes("images", &images)?
            .ok_or_else(|| call.refuse("images", "a Uint8Array of the set's bytes", &images))?;
        let labels = call.bytes("labels", &labels)?;
        let settings = patch.settings().map_err(js_error)?;
        let set = ImageSet::shipped(settings.data, &images, labels.as_deref()).map_err(js_error)?;
        let choice = backend_choice(patch.backend.as_deref())?.unwrap_or_default();
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let mut lab = Lab::new(settings, &set, device).map_err(js_error)?;
        trial::settle(&mut lab).await.map_err(js_error)?;
        Ok(AutoencoderLab { lab })
    }

    /// `iterations` minibatch steps (of the twin too, if one trains).
    pub async fn step(&mut self, n: JsValue) -> Result<(), JsError> {
        let iterations = Call("step").whole("n", &n, 0..=MAX_ITERATIONS_PER_CALL)?;
        self.lab.train(iterations).await.map_err(js_error)
    }

    /// Every iteration's losses: `[{reconstruction, kl, total}]`.
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.lab.history())
    }

    /// What the views draw.
    pub async fn snapshot(&mut self) -> Result<JsValue, JsError> {
        let view = self.lab.view().await.map_err(js_error)?;
        to_js(&LabSnapshot {
            view: &view,
            backend: self.lab.backend(),
        })
    }

    /// Held-out image `index` (as numbered in the snapshot's latent points and errors):
    /// `{original, reconstruction, code, error, label}`.
    pub async fn image(&self, index: JsValue) -> Result<JsValue, JsError> {
        let held_out = self.lab.run().held_out_set().len();
        let index = Call("image").index("index", &index, held_out, "held-out images")?;
        to_js(&self.lab.image(index).await.map_err(js_error)?)
    }

    /// The image the decoder makes of code `z` (`latent` numbers).
    pub async fn decode(&self, z: JsValue) -> Result<Vec<f32>, JsError> {
        let latent = self.lab.settings().training.latent;
        let z: Vec<f32> = Call("decode")
            .numbers("z", &z, Some(latent), latent)?
            .into_iter()
            .map(|v| v as f32)
            .collect();
        self.lab.decode(&z).await.map_err(js_error)
    }

    /// `steps` images decoded along the straight line between the codes of held-out images
    /// `a` and `b`, both ends included: `[[pixels]]`.
    pub async fn interpolate(
        &self,
        a: JsValue,
        b: JsValue,
        steps: JsValue,
    ) -> Result<JsValue, JsError> {
        let held_out = self.lab.run().held_out_set().len();
        let call = Call("interpolate");
        let a = call.index("a", &a, held_out, "held-out images")?;
        let b = call.index("b", &b, held_out, "held-out images")?;
        let steps = call.whole("steps", &steps, 2..=MAX_STEPS)? as usize;
        to_js(&self.lab.interpolate(a, b, steps).await.map_err(js_error)?)
    }

    /// A drawn image (`width × height` numbers in [0, 1], 1 = ink as the set has it)
    /// through the model: `{reconstruction, score}` with score = Σ|x̂ − x|, the anomaly
    /// score the held-out histogram is in.
    pub async fn score(&self, pixels: JsValue) -> Result<JsValue, JsError> {
        let size = self.lab.run().train_set().size();
        let pixels: Vec<f32> = Call("score")
            .numbers("pixels", &pixels, Some(size), size)?
            .into_iter()
            .map(|v| v as f32)
            .collect();
        to_js(&self.lab.score(&pixels).await.map_err(js_error)?)
    }

    /// Carries on on another backend with the same weights (Adam restarts); resolves to
    /// the backend info. On a failure the lab stays on its device.
    #[wasm_bindgen(js_name = setBackend)]
    pub async fn set_backend(&mut self, choice: JsValue) -> Result<JsValue, JsError> {
        let choice = backend_arg(&choice)?;
        let device = backend::acquire(choice).await.map_err(js_error)?;
        self.lab.set_device(device).await.map_err(js_error)?;
        trial::settle(&mut self.lab).await.map_err(js_error)?;
        to_js(self.lab.backend())
    }
}
