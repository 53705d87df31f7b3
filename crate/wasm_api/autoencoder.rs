//! `AutoencoderLab`: autoencoders, denoising autoencoders and VAEs on an image set
//! (THEORY.md §6), for the page's autoencoder views. The page fetches the set's bytes (only
//! when a preset needs them) and hands them over.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::args::Call;
use super::{backend_arg, backend_choice, js_error, options_from, to_js};
use crate::backend::{self, BackendInfo};
use crate::data::images::{ImageData, ImageSet};
use crate::data::seeded;
use crate::error::PlaygroundError;
use crate::models::classifier::{DigitClassifier, Verdict};
use crate::models::{Activation, Pca};
use crate::objectives::ReconstructionLoss;
use crate::train::autoencoder::{
    AutoencoderLosses, AutoencoderRun, AutoencoderTraining, Corruption, ImageErrors, pca_errors,
};

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
    conv: Option<bool>,
    /// Also train the other kind (an AE beside a VAE, or a VAE beside an AE) with the same
    /// settings, for the side-by-side prior samples.
    twin: Option<bool>,
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
            conv: self.conv.unwrap_or(d.conv),
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
/// The held-out images with the largest reconstruction error, shown as the anomalies.
const WORST: usize = 8;
/// Decoded grid over a 2-D latent space, GRID × GRID images over [−GRID_REACH, GRID_REACH]²:
/// two standard deviations of the prior each way.
const GRID: usize = 12;
const GRID_REACH: f32 = 2.0;
/// Images decoded from z ~ N(0, I): the first PRIOR_SHOWN are shown, all are judged by
/// the digit classifier.
const PRIOR_SHOWN: usize = 16;
const PRIOR_JUDGED: usize = 200;
/// Latent sizes of the PCA baseline line (those up to the number of components).
const PCA_SIZES: [usize; 16] = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256];
/// Most images in an interpolation.
const MAX_STEPS: u32 = 32;
/// Most iterations a `step` call trains (as the games' `MAX_ITERATIONS_PER_CALL`): the
/// page trains in chunks of about 25 ms, far fewer.
const MAX_ITERATIONS_PER_CALL: u32 = 100_000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Errors {
    mean_absolute: f64,
    mean_squared: f64,
}

impl From<&ImageErrors> for Errors {
    fn from(e: &ImageErrors) -> Self {
        Self {
            mean_absolute: e.mean_absolute(),
            mean_squared: e.mean_squared(),
        }
    }
}

/// The digit classifier's reading of a model's prior samples.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Judged {
    mean_confidence: f64,
    class_spread: f64,
}

impl From<Verdict> for Judged {
    fn from(v: Verdict) -> Self {
        Self {
            mean_confidence: v.mean_confidence,
            class_spread: v.class_spread,
        }
    }
}

/// Prior samples of one model, with the classifier's verdict on a digit set.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Generation {
    variational: bool,
    iteration: u64,
    samples: Vec<Vec<f32>>,
    verdict: Option<Judged>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HeldOutPoint {
    iteration: u64,
    #[serde(flatten)]
    losses: AutoencoderLosses,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Worst {
    index: usize,
    error: f64,
    label: Option<u8>,
    original: Vec<f32>,
    reconstruction: Vec<f32>,
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
    losses: Option<AutoencoderLosses>,
    /// The training objective on the held-out images, at each snapshot so far.
    held_out_losses: Vec<HeldOutPoint>,
    originals: Vec<Vec<f32>>,
    inputs: Vec<Vec<f32>>,
    reconstructions: Vec<Vec<f32>>,
    /// Σ|x̂ − x| of every held-out image (the anomaly score), with its label if any.
    held_out_errors: Vec<f64>,
    held_out_labels: Option<Vec<u8>>,
    /// The held-out images with the largest scores, largest first.
    worst: Vec<Worst>,
    /// The held-out images' codes in 2-D (the first two latent coordinates, or their PCA
    /// projection when the latent space is larger).
    latent_points: Vec<[f32; 2]>,
    latent_projected: bool,
    /// GRID × GRID images decoded over the plane (2-D latent spaces only), row-major, and
    /// the reach of the plane.
    grid: Option<Vec<Vec<f32>>>,
    grid_reach: f32,
    /// This model's prior samples and, when a twin trains, the other kind's.
    generation: Generation,
    twin: Option<Generation>,
    autoencoder: Errors,
    /// PCA with as many components as the latent size, fitted to the training images.
    pca: Errors,
    /// `[latent size, held-out mean Σ(x̂ − x)²]` of PCA over latent sizes.
    pca_curve: Vec<[f64; 2]>,
}

/// One live autoencoder run, owned by the page.
#[wasm_bindgen]
pub struct AutoencoderLab {
    run: AutoencoderRun,
    twin: Option<AutoencoderRun>,
    data: ImageData,
    /// PCA's held-out errors: fixed for the run, so computed once.
    pca_errors: ImageErrors,
    pca_curve: Vec<[f64; 2]>,
    classifier: Option<DigitClassifier>,
    held_out_losses: Vec<HeldOutPoint>,
    backend: BackendInfo,
    sample_seed: u64,
}

fn chunks(values: &[f32], size: usize) -> Vec<Vec<f32>> {
    values.chunks_exact(size).map(<[f32]>::to_vec).collect()
}

/// z on the GRID × GRID lattice, rows from the top: z₂ falls as the row index rises, as on
/// a plot.
fn grid_codes() -> Vec<f32> {
    let at = |i: usize| -GRID_REACH + 2.0 * GRID_REACH * i as f32 / (GRID - 1) as f32;
    (0..GRID)
        .flat_map(|r| (0..GRID).flat_map(move |c| [at(c), at(GRID - 1 - r)]))
        .collect()
}

async fn prior_samples(
    run: &AutoencoderRun,
    classifier: Option<&DigitClassifier>,
    seed: u64,
) -> Result<Generation, JsError> {
    let judged = if classifier.is_some() {
        PRIOR_JUDGED
    } else {
        PRIOR_SHOWN
    };
    let samples = run
        .sample_prior(judged, &mut seeded(seed))
        .await
        .map_err(js_error)?;
    let verdict = match classifier {
        Some(c) => Some(c.verdict(&samples).await.map_err(js_error)?.into()),
        None => None,
    };
    let size = run.train_set().size();
    Ok(Generation {
        variational: run.config().variational,
        iteration: run.iteration(),
        samples: chunks(&samples[..PRIOR_SHOWN * size], size),
        verdict,
    })
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
        let options: LabOptions = options_from("AutoencoderLab.create", options)?;
        let images = call
            .bytes("images", &images)?
            .ok_or_else(|| call.refuse("images", "a Uint8Array of the set's bytes", &images))?;
        let labels = call.bytes("labels", &labels)?;
        let data = options.data.unwrap_or(ImageData::Digits8);
        let set = ImageSet::shipped(data, &images, labels.as_deref()).map_err(js_error)?;
        let training = options.training();
        let choice = backend_choice(options.backend.as_deref())?.unwrap_or_default();
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let run = AutoencoderRun::new(training.clone(), &set, &device.device).map_err(js_error)?;
        let twin = if options.twin.unwrap_or(false) {
            let other = AutoencoderTraining {
                variational: !training.variational,
                ..training
            };
            Some(AutoencoderRun::new(other, &set, &device.device).map_err(js_error)?)
        } else {
            None
        };
        // One fit with every component the line needs; the baseline keeps `latent` of them.
        let (train, held_out) = (run.train_set(), run.held_out_set());
        let latent = run.config().latent;
        let most = PCA_SIZES
            .iter()
            .copied()
            .chain([latent])
            .filter(|&k| k <= set.size().min(train.len()))
            .max()
            .unwrap_or(1);
        let full = Pca::fit(&train.pixels, set.size(), most).map_err(js_error)?;
        let sizes: Vec<usize> = PCA_SIZES
            .iter()
            .copied()
            .filter(|&k| k <= full.components.len())
            .collect();
        let pca_curve = sizes
            .iter()
            .zip(full.squared_errors(&held_out.pixels, &sizes))
            .map(|(&k, e)| [k as f64, e])
            .collect();
        let pca_errors = pca_errors(&full.truncated(latent), held_out);
        let classifier = DigitClassifier::shipped(data, &device.device).map_err(js_error)?;
        Ok(AutoencoderLab {
            sample_seed: run.config().seed ^ 0x5a3b_1e00,
            run,
            twin,
            data,
            pca_errors,
            pca_curve,
            classifier,
            held_out_losses: Vec::new(),
            backend: device.info,
        })
    }

    /// `iterations` minibatch steps (of the twin too, if one trains).
    pub async fn step(&mut self, n: JsValue) -> Result<(), JsError> {
        let iterations = Call("step").whole("n", &n, 0..=MAX_ITERATIONS_PER_CALL)?;
        self.run.train(iterations).await.map_err(js_error)?;
        if let Some(twin) = &mut self.twin {
            twin.train(iterations).await.map_err(js_error)?;
        }
        Ok(())
    }

    /// Every iteration's losses: `[{reconstruction, kl, total}]`.
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.run.history())
    }

    /// What the views draw.
    pub async fn snapshot(&mut self) -> Result<JsValue, JsError> {
        let held_out = self.run.held_out_set();
        let size = held_out.size();
        let config = self.run.config().clone();
        let latent = config.latent;
        let pass = self
            .run
            .held_out_pass(self.sample_seed)
            .await
            .map_err(js_error)?;
        let iteration = self.run.iteration();
        if self.held_out_losses.last().map(|p| p.iteration) != Some(iteration) {
            self.held_out_losses.push(HeldOutPoint {
                iteration,
                losses: pass.losses,
            });
        }
        let shown: Vec<usize> = (0..EXAMPLES.min(held_out.len())).collect();
        let originals = held_out.rows(&shown);
        let (inputs, reconstructions) = if config.corruption == Corruption::None {
            let back = pass.reconstructions[..shown.len() * size].to_vec();
            (originals.clone(), back)
        } else {
            let mut rng = seeded(self.sample_seed);
            let inputs = config
                .corruption
                .apply(&originals, config.noise_level, &mut rng);
            let back = self.run.reconstruct(&inputs).await.map_err(js_error)?;
            (inputs, back)
        };
        let scores = &pass.errors.absolute;
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        let worst = order
            .iter()
            .take(WORST)
            .map(|&i| Worst {
                index: i,
                error: scores[i],
                label: held_out.label(i),
                original: held_out.image(i).to_vec(),
                reconstruction: pass.reconstructions[i * size..(i + 1) * size].to_vec(),
            })
            .collect();
        let codes = &pass.codes;
        let (latent_points, latent_projected) = if latent <= 2 {
            let points = codes
                .chunks_exact(latent)
                .map(|c| [c[0], c.get(1).copied().unwrap_or(0.0)])
                .collect();
            (points, false)
        } else {
            let projection = Pca::fit(codes, latent, 2).map_err(js_error)?;
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
            let images = self.run.decode(&grid_codes()).await.map_err(js_error)?;
            Some(chunks(&images, size))
        } else {
            None
        };
        let seed = self.sample_seed.wrapping_add(1);
        let generation = prior_samples(&self.run, self.classifier.as_ref(), seed).await?;
        let twin = match &self.twin {
            Some(twin) => Some(prior_samples(twin, self.classifier.as_ref(), seed).await?),
            None => None,
        };
        let (width, height) = self.data.shape();
        to_js(&LabSnapshot {
            iteration,
            backend: self.backend.clone(),
            data: self.data,
            width,
            height,
            compression: size as f64 / latent as f64,
            losses: self.run.history().last().copied(),
            held_out_losses: self
                .held_out_losses
                .iter()
                .map(|p| HeldOutPoint {
                    iteration: p.iteration,
                    losses: p.losses,
                })
                .collect(),
            originals: chunks(&originals, size),
            inputs: chunks(&inputs, size),
            reconstructions: chunks(&reconstructions, size),
            held_out_errors: pass.errors.absolute.clone(),
            held_out_labels: held_out.labels.clone(),
            worst,
            latent_points,
            latent_projected,
            grid,
            grid_reach: GRID_REACH,
            generation,
            twin,
            autoencoder: Errors::from(&pass.errors),
            pca: Errors::from(&self.pca_errors),
            pca_curve: self.pca_curve.clone(),
            config,
        })
    }

    /// Held-out image `index` (as numbered in the snapshot's latent points and errors):
    /// `{original, reconstruction, code, error, label}`.
    pub async fn image(&self, index: JsValue) -> Result<JsValue, JsError> {
        let held_out = self.run.held_out_set();
        let index = Call("image").index("index", &index, held_out.len(), "held-out images")?;
        let original = held_out.image(index).to_vec();
        let code = self.run.encode(&original).await.map_err(js_error)?;
        let reconstruction = self.run.decode(&code).await.map_err(js_error)?;
        let error = reconstruction
            .iter()
            .zip(&original)
            .map(|(&a, &b)| f64::from((a - b).abs()))
            .sum::<f64>();
        #[derive(Serialize)]
        struct Picked {
            index: usize,
            original: Vec<f32>,
            reconstruction: Vec<f32>,
            code: Vec<f32>,
            error: f64,
            label: Option<u8>,
        }
        to_js(&Picked {
            index,
            original,
            reconstruction,
            code,
            error,
            label: held_out.label(index),
        })
    }

    /// The image the decoder makes of code `z` (`latent` numbers).
    pub async fn decode(&self, z: JsValue) -> Result<Vec<f32>, JsError> {
        let latent = self.run.config().latent;
        let z: Vec<f32> = Call("decode")
            .numbers("z", &z, Some(latent), latent)?
            .into_iter()
            .map(|v| v as f32)
            .collect();
        self.run.decode(&z).await.map_err(js_error)
    }

    /// `steps` images decoded along the straight line between the codes of held-out images
    /// `a` and `b`, both ends included: `[[pixels]]`.
    pub async fn interpolate(
        &self,
        a: JsValue,
        b: JsValue,
        steps: JsValue,
    ) -> Result<JsValue, JsError> {
        let held_out = self.run.held_out_set();
        let call = Call("interpolate");
        let a = call.index("a", &a, held_out.len(), "held-out images")?;
        let b = call.index("b", &b, held_out.len(), "held-out images")?;
        let steps = call.whole("steps", &steps, 2..=MAX_STEPS)? as usize;
        let codes = self
            .run
            .encode(&held_out.rows(&[a, b]))
            .await
            .map_err(js_error)?;
        let (za, zb) = codes.split_at(codes.len() / 2);
        let line: Vec<f32> = (0..steps)
            .flat_map(|s| {
                let t = s as f32 / (steps - 1) as f32;
                za.iter().zip(zb).map(move |(&p, &q)| (1.0 - t) * p + t * q)
            })
            .collect();
        let images = self.run.decode(&line).await.map_err(js_error)?;
        to_js(&chunks(&images, held_out.size()))
    }
    /// A drawn image (`width × height` numbers in [0, 1], 1 = ink as the set has it)
    /// through the model: `{reconstruction, score}` with score = Σ|x̂ − x|, the anomaly
    /// score the held-out histogram is in.
    pub async fn score(&self, pixels: JsValue) -> Result<JsValue, JsError> {
        let size = self
            .run
            .held_out_set()
            .size()
            .max(self.run.train_set().size());
        let pixels: Vec<f32> = Call("score")
            .numbers("pixels", &pixels, Some(size), size)?
            .into_iter()
            .map(|v| v as f32)
            .collect();
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

    /// Carries on on another backend with the same weights (Adam restarts); resolves to
    /// the backend info. On a failure the lab stays on its device.
    #[wasm_bindgen(js_name = setBackend)]
    pub async fn set_backend(&mut self, choice: JsValue) -> Result<JsValue, JsError> {
        let choice = backend_arg(&choice)?;
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let classifier = DigitClassifier::shipped(self.data, &device.device).map_err(js_error)?;
        // Both runs move or neither: every read-back first, then the switch.
        let model = self.run.model_on(&device.device).await.map_err(js_error)?;
        let twin_model = match &self.twin {
            Some(twin) => Some(twin.model_on(&device.device).await.map_err(js_error)?),
            None => None,
        };
        self.run.use_device(model, &device.device);
        if let (Some(twin), Some(model)) = (&mut self.twin, twin_model) {
            twin.use_device(model, &device.device);
        }
        (self.classifier, self.backend) = (classifier, device.info);
        to_js(&self.backend)
    }
}
