//! `ImageGanRun`: binds [`crate::train::image_gan::ImageGan`] (DCGAN and the conditional
//! GAN on the digit and face sets, THEORY.md §2–§5) for the page. The page fetches the set's
//! bytes (only when the settings need them) and hands them over, as for the autoencoders.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::args::{self, Call};
use super::{backend_arg, backend_choice, js_error, options_from, to_js};
use crate::backend::{self, BackendInfo};
use crate::data::images::ImageSet;
use crate::presets::{self, PresetView};
use crate::train::image_gan::{
    GRID_SAMPLES, ImageGan, ImageGanLosses, ImageGanMeasures, ImageGanView, MAX_ITERATIONS_PER_CALL,
};
use crate::train::image_gan_settings::{ImageGanFlat, ImageGanPatch};
use crate::train::latent::MAX_WALK_STEPS;
use crate::train::trial;

/// A snapshot as the page reads it: the view, what runs it and how it is set, the last
/// iteration's losses, and the preset those settings are, if any, with its claim judged.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ImageGanSnapshot<'a> {
    #[serde(flatten)]
    view: &'a ImageGanView,
    backend: &'a BackendInfo,
    config: ImageGanFlat,
    losses: Option<&'a ImageGanLosses>,
    preset: Option<PresetView>,
}

#[derive(Serialize)]
struct GridSample {
    z: Vec<f32>,
    digit: usize,
}

#[derive(Serialize)]
struct History<'a> {
    /// Index of the first loss row (the `since` asked for).
    start: usize,
    losses: &'a [ImageGanLosses],
    metrics: &'a [ImageGanMeasures],
}

/// One live image GAN, owned by the page.
#[wasm_bindgen]
pub struct ImageGanRun {
    gan: ImageGan,
}

/// The whole settings a patch gives (a preset's, with the rest of the patch over them),
/// flat, so that the page knows which set to fetch: `{data, conditional, width, …}`.
#[wasm_bindgen(js_name = imageGanSettings)]
pub fn image_gan_settings(options: JsValue) -> Result<JsValue, JsError> {
    let patch: ImageGanPatch = options_from("imageGanSettings", options)?;
    to_js(&ImageGanFlat::of(&patch.settings().map_err(js_error)?))
}

/// The image GAN's presets, for the page's buttons: `[{id, title}]` (their text and claim
/// come with the snapshot of a run that is one).
#[wasm_bindgen(js_name = imageGanPresets)]
pub fn image_gan_presets() -> Result<JsValue, JsError> {
    to_js(&presets::image_gan::buttons())
}

#[wasm_bindgen]
impl ImageGanRun {
    /// `ImageGanRun.create(options, images, labels)`: `images` the set's bytes
    /// (decompressed), `labels` its label bytes if it has them.
    pub async fn create(
        options: JsValue,
        images: JsValue,
        labels: JsValue,
    ) -> Result<ImageGanRun, JsError> {
        let call = Call("ImageGanRun.create");
        let patch: ImageGanPatch = options_from("ImageGanRun.create", options)?;
        let images = call
            .bytes("images", &images)?
            .ok_or_else(|| call.refuse("images", "a Uint8Array of the set's bytes", &images))?;
        let labels = call.bytes("labels", &labels)?;
        let settings = patch.settings().map_err(js_error)?;
        let set = ImageSet::shipped(settings.data, &images, labels.as_deref()).map_err(js_error)?;
        let choice = backend_choice(patch.backend.as_deref())?.unwrap_or_default();
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let mut gan = ImageGan::new(settings, &set, device).map_err(js_error)?;
        trial::settle(&mut gan).await.map_err(js_error)?;
        Ok(ImageGanRun { gan })
    }

    /// `n` iterations: k D steps, then one G step, each.
    pub async fn step(&mut self, n: JsValue) -> Result<(), JsError> {
        let iterations = Call("step").whole("n", &n, 0..=MAX_ITERATIONS_PER_CALL)?;
        self.gan.train(iterations).await.map(drop).map_err(js_error)
    }

    /// What the views draw (the grid, real and fake images with D's belief, the classifier's
    /// judgement, the measures and the timeline); adds a row to the measures.
    pub async fn snapshot(&mut self) -> Result<JsValue, JsError> {
        let view = self.gan.view().await.map_err(js_error)?;
        let settings = self.gan.settings();
        to_js(&ImageGanSnapshot {
            view: &view,
            backend: self.gan.backend(),
            config: ImageGanFlat::of(settings),
            losses: self.gan.history().last(),
            preset: presets::image_gan::view(settings, &view.measures),
        })
    }

    /// `{start, losses: [{d, g, dReal, dFake}] from iteration `since` (default 0),
    /// metrics: [{iteration, frechet, meanConfidence, agreement, classesDrawn}]}`.
    pub fn history(&self, since: JsValue) -> Result<JsValue, JsError> {
        let since = if since.is_undefined() {
            0
        } else {
            Call("history").whole("since", &since, 0..=u32::MAX)?
        };
        let losses = self.gan.history();
        let start = (since as usize).min(losses.len());
        to_js(&History {
            start,
            losses: &losses[start..],
            metrics: self.gan.measures(),
        })
    }

    /// `{z, digit}`: grid sample `index`'s z (`noiseDim` numbers) and the digit it asks for
    /// (0 when unconditional), the start of the sliders.
    #[wasm_bindgen(js_name = gridSample)]
    pub fn grid_sample(&self, index: JsValue) -> Result<JsValue, JsError> {
        let index = Call("gridSample").index("index", &index, GRID_SAMPLES, "grid samples")?;
        let (z, digit) = self.gan.grid_sample(index).map_err(js_error)?;
        to_js(&GridSample { z, digit })
    }

    /// `steps` pictures (pixels in [0, 1], one after another) along the walk from grid
    /// sample `from`'s z to `to`'s, both ends included.
    #[wasm_bindgen(js_name = latentWalk)]
    pub async fn latent_walk(
        &self,
        from: JsValue,
        to: JsValue,
        steps: JsValue,
    ) -> Result<Vec<f32>, JsError> {
        let call = Call("latentWalk");
        let from = call.index("from", &from, GRID_SAMPLES, "grid samples")?;
        let to = call.index("to", &to, GRID_SAMPLES, "grid samples")?;
        let steps = call.whole("steps", &steps, 2..=MAX_WALK_STEPS as u32)? as usize;
        self.gan
            .latent_walk(from, to, steps)
            .await
            .map_err(js_error)
    }

    /// G's picture (pixels in [0, 1]) of `z` (`noiseDim` numbers) asking for `digit`.
    pub async fn picture(&self, z: JsValue, digit: JsValue) -> Result<Vec<f32>, JsError> {
        let call = Call("picture");
        let noise = self.gan.settings().noise_dim;
        let z: Vec<f32> = call
            .numbers("z", &z, Some(noise), noise)?
            .into_iter()
            .map(|v| v as f32)
            .collect();
        let digit = if digit.is_undefined() {
            0
        } else {
            call.whole("digit", &digit, 0..=9)? as usize
        };
        self.gan.picture(&z, digit).await.map_err(js_error)
    }

    /// The current settings, flat as the options of `create`.
    pub fn settings(&self) -> Result<JsValue, JsError> {
        to_js(&ImageGanFlat::of(self.gan.settings()))
    }

    /// Changes how the run trains (objective, clip, k, batch, optimisers, step sizes,
    /// wrong-label pairs) live, keeping the weights; anything else needs a new run.
    pub fn configure(&mut self, patch: JsValue) -> Result<JsValue, JsError> {
        let all = serde_aux::serde_introspection::serde_introspect::<ImageGanPatch>();
        if patch.is_object() {
            let keys: Vec<String> = js_sys::Object::keys(patch.unchecked_ref::<js_sys::Object>())
                .iter()
                .filter_map(|k| k.as_string())
                .collect();
            let known: Vec<&str> = keys
                .iter()
                .map(String::as_str)
                .filter(|k| all.contains(k))
                .collect();
            if let Some(key) = ImageGanPatch::not_live(&known).first() {
                return Err(JsError::new(&format!(
                    "invalid setting {key}: only {} change live; the data, the networks, \
                     the condition and the seed need a reset (a new run)",
                    ImageGanPatch::LIVE.join(", ")
                )));
            }
        }
        let patch: ImageGanPatch = args::options(&Call("configure"), patch, ImageGanPatch::LIVE)?;
        let settings = patch.apply(self.gan.settings()).map_err(js_error)?;
        self.gan.reconfigure(settings).map_err(js_error)?;
        self.settings()
    }

    /// Carries on on another backend with the same weights (the optimisers restart);
    /// resolves to the backend info. On a failure the run stays on its device.
    #[wasm_bindgen(js_name = setBackend)]
    pub async fn set_backend(&mut self, choice: JsValue) -> Result<JsValue, JsError> {
        let choice = backend_arg(&choice)?;
        let device = backend::acquire(choice).await.map_err(js_error)?;
        self.gan.set_device(device).await.map_err(js_error)?;
        trial::settle(&mut self.gan).await.map_err(js_error)?;
        to_js(self.gan.backend())
    }
}
