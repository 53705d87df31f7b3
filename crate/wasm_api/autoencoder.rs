//! `AutoencoderLab`: autoencoders, denoising autoencoders and VAEs on an image set
//! (THEORY.md §6), for the page's autoencoder views. The page fetches the set's bytes (only
//! when a preset needs them) and hands them over.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{backend_choice, js_error, options_from, to_js};
use crate::backend::{self, BackendInfo};
use crate::data::images::{ImageData, ImageSet};
use crate::data::seeded;
use crate::error::PlaygroundError;
use crate::models::{Activation, Pca};
use crate::objectives::ReconstructionLoss;
use crate::train::autoencoder::{AutoencoderRun, AutoencoderTraining, Corruption, pca_errors};

/// The options of `AutoencoderLab.create`: the run's settings, flat, plus the set and device.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LabOptions {
    data: Option<ImageData>,
    hidden: Option<Vec<usize>>,
    latent: Option<usize>,
    activation: Option<Activation>,
    variational: Option<bool>,
    linear: Option<bool>,
    loss: Option<ReconstructionLoss>,
    beta: Option<f64>,
    corruption: Option<Corruption>,
    noise_level: Option<f64>,
    batch: Option<usize>,
    learning_rate: Option<f64>,
    seed: Option<u64>,
    held_out: Option<usize>,
    backend: Option<String>,
}

const FIELDS: &[&str] = &[
    "data",
    "hidden",
    "latent",
    "activation",
    "variational",
    "linear",
    "loss",
    "beta",
    "corruption",
    "noiseLevel",
    "batch",
    "learningRate",
    "seed",
    "heldOut",
    "backend",
];

impl LabOptions {
    fn training(&self) -> AutoencoderTraining {
        let d = AutoencoderTraining::default();
        let linear = self.linear.unwrap_or(false);
        AutoencoderTraining {
            hidden: if linear {
                Vec::new()
            } else {
                self.hidden.clone().unwrap_or(d.hidden)
            },
            latent: self.latent.unwrap_or(d.latent),
            activation: self.activation.unwrap_or(d.activation),
            variational: self.variational.unwrap_or(d.variational),
            linear,
            loss: self.loss.unwrap_or(d.loss),
            beta: self.beta.unwrap_or(d.beta),
            corruption: self.corruption.unwrap_or(d.corruption),
            noise_level: self.noise_level.unwrap_or(d.noise_level),
            batch: self.batch.unwrap_or(d.batch),
            learning_rate: self.learning_rate.unwrap_or(d.learning_rate),
            seed: self.seed.unwrap_or(d.seed),
            held_out: self.held_out.unwrap_or(d.held_out),
        }
    }
}

/// Images shown side by side: held-out originals, what the network saw, what came back.
const EXAMPLES: usize = 8;
/// Decoded grid over a 2-D latent space, GRID × GRID images over [−GRID_REACH, GRID_REACH]².
const GRID: usize = 12;
const GRID_REACH: f32 = 2.5;
/// Images decoded from z ~ N(0, I).
const PRIOR_SAMPLES: usize = 16;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Errors {
    mean_absolute: f64,
    mean_squared: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LabSnapshot {
    iteration: u64,
    backend: BackendInfo,
    config: AutoencoderTraining,
    data: ImageData,
    width: usize,
    height: usize,
    /// Input size / latent size.
    compression: f64,
    losses: Option<crate::train::autoencoder::AutoencoderLosses>,
    originals: Vec<Vec<f32>>,
    inputs: Vec<Vec<f32>>,
    reconstructions: Vec<Vec<f32>>,
    /// Σ|x̂ − x| of every held-out image (the anomaly score), with its label if any.
    held_out_errors: Vec<f64>,
    held_out_labels: Option<Vec<u8>>,
    /// The held-out images' codes in 2-D (the first two latent coordinates, or their PCA
    /// projection when the latent space is larger).
    latent_points: Vec<[f32; 2]>,
    latent_projected: bool,
    /// GRID × GRID images decoded over the plane (2-D latent spaces only), row-major.
    grid: Option<Vec<Vec<f32>>>,
    prior_samples: Vec<Vec<f32>>,
    autoencoder: Errors,
    /// PCA with as many components as the latent size, fitted to the training images.
    pca: Errors,
}

/// One live autoencoder run, owned by the page.
#[wasm_bindgen]
pub struct AutoencoderLab {
    run: AutoencoderRun,
    data: ImageData,
    pca: Pca,
    backend: BackendInfo,
    sample_seed: u64,
}

fn chunks(values: &[f32], size: usize) -> Vec<Vec<f32>> {
    values.chunks_exact(size).map(<[f32]>::to_vec).collect()
}

#[wasm_bindgen]
impl AutoencoderLab {
    /// `AutoencoderLab.create(options, images, labels)`: `images` the set's bytes
    /// (decompressed), `labels` its label bytes if it has them.
    pub async fn create(
        options: JsValue,
        images: Vec<u8>,
        labels: Option<Vec<u8>>,
    ) -> Result<AutoencoderLab, JsError> {
        let options: LabOptions = options_from(options, FIELDS)?;
        let data = options.data.unwrap_or(ImageData::Digits8);
        let set = ImageSet::shipped(data, &images, labels.as_deref()).map_err(js_error)?;
        let training = options.training();
        let choice = backend_choice(options.backend.as_deref())?.unwrap_or_default();
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let run = AutoencoderRun::new(training, &set, &device.device).map_err(js_error)?;
        let pca =
            Pca::fit(&run.train_set().pixels, set.size(), run.config().latent).map_err(js_error)?;
        Ok(AutoencoderLab {
            sample_seed: run.config().seed ^ 0x5a3b_1e00,
            run,
            data,
            pca,
            backend: device.info,
        })
    }

    /// `iterations` minibatch steps.
    pub async fn step(&mut self, iterations: u32) -> Result<(), JsError> {
        self.run.train(iterations).await.map(drop).map_err(js_error)
    }

    /// Every iteration's losses: `[{reconstruction, kl, total}]`.
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.run.history())
    }

    /// What the views draw.
    pub async fn snapshot(&mut self) -> Result<JsValue, JsError> {
        let held_out = self.run.held_out_set();
        let size = held_out.size();
        let shown: Vec<usize> = (0..EXAMPLES.min(held_out.len())).collect();
        let originals = held_out.rows(&shown);
        let config = self.run.config().clone();
        let mut rng = seeded(self.sample_seed);
        let inputs = config
            .corruption
            .apply(&originals, config.noise_level, &mut rng);
        let reconstructions = self.run.reconstruct(&inputs).await.map_err(js_error)?;
        let errors = self.run.held_out_errors().await.map_err(js_error)?;
        let codes = self.run.encode(&held_out.pixels).await.map_err(js_error)?;
        let latent = config.latent;
        let (latent_points, latent_projected) = if latent <= 2 {
            let points = codes
                .chunks_exact(latent)
                .map(|c| [c[0], c.get(1).copied().unwrap_or(0.0)])
                .collect();
            (points, false)
        } else {
            let projection = Pca::fit(&codes, latent, 2).map_err(js_error)?;
            let points = codes
                .chunks_exact(latent)
                .map(|c| {
                    let p = projection.encode(c);
                    [p[0] as f32, p[1] as f32]
                })
                .collect();
            (points, true)
        };
        let grid = if latent == 2 {
            let at = |i: usize| -GRID_REACH + 2.0 * GRID_REACH * i as f32 / (GRID - 1) as f32;
            // Rows from the top: z₂ falls as the row index rises, as on a plot.
            let z: Vec<f32> = (0..GRID)
                .flat_map(|r| (0..GRID).flat_map(move |c| [at(c), at(GRID - 1 - r)]))
                .collect();
            Some(chunks(&self.run.decode(&z).await.map_err(js_error)?, size))
        } else {
            None
        };
        let prior = self
            .run
            .sample_prior(PRIOR_SAMPLES, &mut rng)
            .await
            .map_err(js_error)?;
        let pca = pca_errors(&self.pca, held_out);
        let (width, height) = self.data.shape();
        to_js(&LabSnapshot {
            iteration: self.run.iteration(),
            backend: self.backend.clone(),
            data: self.data,
            width,
            height,
            compression: size as f64 / latent as f64,
            losses: self.run.history().last().copied(),
            originals: chunks(&originals, size),
            inputs: chunks(&inputs, size),
            reconstructions: chunks(&reconstructions, size),
            held_out_errors: errors.absolute.clone(),
            held_out_labels: held_out.labels.clone(),
            latent_points,
            latent_projected,
            grid,
            prior_samples: chunks(&prior, size),
            autoencoder: Errors {
                mean_absolute: errors.mean_absolute(),
                mean_squared: errors.mean_squared(),
            },
            pca: Errors {
                mean_absolute: pca.mean_absolute(),
                mean_squared: pca.mean_squared(),
            },
            config,
        })
    }

    /// A drawn image (`width × height` numbers in [0, 1], 1 = ink as the set has it)
    /// through the model: `{reconstruction, score}` with score = Σ|x̂ − x|, the anomaly
    /// score the held-out histogram is in.
    pub async fn score(&self, pixels: Vec<f32>) -> Result<JsValue, JsError> {
        let size = self
            .run
            .held_out_set()
            .size()
            .max(self.run.train_set().size());
        if pixels.len() != size {
            return Err(js_error(PlaygroundError::BadData(format!(
                "a drawing for this set has {size} pixels, got {}",
                pixels.len()
            ))));
        }
        if pixels.iter().all(|&p| p == 0.0) {
            return Err(js_error(PlaygroundError::BadData(
                "the drawing is empty: draw something on the pad first".into(),
            )));
        }
        if pixels.iter().any(|p| !(0.0..=1.0).contains(p)) {
            return Err(js_error(PlaygroundError::BadData(
                "drawn pixels must be numbers in [0, 1]".into(),
            )));
        }
        let reconstruction = self.run.reconstruct(&pixels).await.map_err(js_error)?;
        let score: f64 = reconstruction
            .iter()
            .zip(&pixels)
            .map(|(&a, &b)| f64::from((a - b).abs()))
            .sum();
        #[derive(Serialize)]
        struct Scored {
            reconstruction: Vec<f32>,
            score: f64,
        }
        to_js(&Scored {
            reconstruction,
            score,
        })
    }
}
