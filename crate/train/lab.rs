//! The autoencoder lab (THEORY.md §6): one autoencoder or VAE run on an image set, the
//! other kind beside it when asked (its "twin"), PCA as the baseline, and everything the
//! page's views draw, computed here so that native tests reach it. The wasm layer only
//! binds it.

use serde::{Deserialize, Serialize};

use crate::backend::{BackendInfo, ComputeDevice};
use crate::data::images::{ImageData, ImageSet};
use crate::data::seeded;
use crate::error::{PlaygroundError, Result};
use crate::models::classifier::DigitClassifier;
use crate::models::{Activation, Pca};
use crate::objectives::ReconstructionLoss;
use crate::presets::{self, PresetView};
use crate::train::autoencoder::{
    AutoencoderLosses, AutoencoderRun, AutoencoderTraining, Corruption, ImageErrors, pca_errors,
};

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
pub const MAX_STEPS: u32 = 32;

/// A lab's settings as the page and the address give them: flat, every one optional, over
/// a preset's settings when `preset` names one, else over the defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabPatch {
    /// A preset of `crate::presets::lab` (its settings, then the rest of this patch over them).
    pub preset: Option<String>,
    pub data: Option<ImageData>,
    pub hidden: Option<Vec<usize>>,
    pub latent: Option<usize>,
    pub activation: Option<Activation>,
    pub variational: Option<bool>,
    pub linear: Option<bool>,
    pub conv: Option<bool>,
    /// Also train the other kind (an AE beside a VAE, or a VAE beside an AE) with the same
    /// settings, for the side-by-side prior samples.
    pub twin: Option<bool>,
    pub loss: Option<ReconstructionLoss>,
    pub beta: Option<f64>,
    pub corruption: Option<Corruption>,
    pub noise_level: Option<f64>,
    pub batch: Option<usize>,
    pub learning_rate: Option<f64>,
    pub seed: Option<u64>,
    pub held_out: Option<usize>,
    /// `auto`, `webgpu` or `cpu`; applied by whoever owns the device.
    pub backend: Option<String>,
}

/// A lab's settings, whole: the set, whether a twin trains, and the run's training.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabSettings {
    pub data: ImageData,
    pub twin: bool,
    #[serde(flatten)]
    pub training: AutoencoderTraining,
}

impl Default for LabSettings {
    fn default() -> Self {
        Self {
            data: ImageData::Digits8,
            twin: false,
            training: AutoencoderTraining::default(),
        }
    }
}

impl LabPatch {
    /// The names that change a running lab without a rebuild: none, every setting makes a
    /// new run (only the device switches live).
    pub const LIVE: &'static [&'static str] = &[];

    /// The names a link (the page's address, the element's attributes) leaves out: none.
    pub const NOT_IN_A_LINK: &'static [&'static str] = &[];

    /// The settings this patch gives, checked.
    pub fn settings(&self) -> Result<LabSettings> {
        let base = match &self.preset {
            Some(id) => presets::lab::named(id)?.settings(),
            None => LabSettings::default(),
        };
        let t = base.training;
        let linear = self.linear.unwrap_or(t.linear);
        let settings = LabSettings {
            data: self.data.unwrap_or(base.data),
            twin: self.twin.unwrap_or(base.twin),
            training: AutoencoderTraining {
                // The linear (PCA) autoencoder has no hidden layer.
                hidden: if linear {
                    Vec::new()
                } else {
                    self.hidden.clone().unwrap_or(t.hidden)
                },
                latent: self.latent.unwrap_or(t.latent),
                activation: self.activation.unwrap_or(t.activation),
                variational: self.variational.unwrap_or(t.variational),
                linear,
                conv: self.conv.unwrap_or(t.conv),
                loss: self.loss.unwrap_or(t.loss),
                beta: self.beta.unwrap_or(t.beta),
                corruption: self.corruption.unwrap_or(t.corruption),
                noise_level: self.noise_level.unwrap_or(t.noise_level),
                batch: self.batch.unwrap_or(t.batch),
                learning_rate: self.learning_rate.unwrap_or(t.learning_rate),
                seed: self.seed.unwrap_or(t.seed),
                held_out: self.held_out.unwrap_or(t.held_out),
            },
        };
        let (width, height) = settings.data.shape();
        settings.training.validate(width, height)?;
        Ok(settings)
    }
}

/// Mean Σ|x̂ − x| and Σ(x̂ − x)² per image.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Errors {
    pub mean_absolute: f64,
    pub mean_squared: f64,
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Judged {
    pub mean_confidence: f64,
    pub class_spread: f64,
}

/// Prior samples of one model, with the classifier's verdict on a digit set.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Generation {
    pub variational: bool,
    pub iteration: u64,
    pub samples: Vec<Vec<f32>>,
    pub verdict: Option<Judged>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldOutPoint {
    pub iteration: u64,
    #[serde(flatten)]
    pub losses: AutoencoderLosses,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Worst {
    pub index: usize,
    pub error: f64,
    pub label: Option<u8>,
    pub original: Vec<f32>,
    pub reconstruction: Vec<f32>,
}

/// How well a denoising autoencoder cleans: mean Σ|x̃ − x| of the spoiled held-out images
/// against their clean originals, and mean Σ|x̂ − x| of what the network makes of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Denoising {
    pub spoiled: f64,
    pub cleaned: f64,
}

/// What the presets' claims judge, measured at each snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabMeasures {
    pub iteration: u64,
    /// Held-out reconstruction errors of the run and of PCA with as many components.
    pub autoencoder: Errors,
    pub pca: Errors,
    pub denoising: Option<Denoising>,
    /// The classifier's reading of the run's prior samples and of its twin's.
    pub generation: Option<Judged>,
    pub twin: Option<Judged>,
    /// The roughness (mean |difference| between neighbouring pixels) of the decoded grid's
    /// roughest cell (2-D latent spaces), beside that of the roughest held-out image: static
    /// in any cell shows as a grid rougher than every real image.
    pub grid_roughness: Option<f64>,
    pub data_roughness: f64,
    /// Mean and standard deviation of the held-out codes, per latent coordinate (the prior
    /// is N(0, I)).
    pub code_mean: Vec<f64>,
    pub code_spread: Vec<f64>,
}

impl presets::Measured for LabMeasures {
    fn iteration(&self) -> u64 {
        self.iteration
    }
}

/// What the views draw.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabView {
    pub iteration: u64,
    pub config: AutoencoderTraining,
    pub data: ImageData,
    pub width: usize,
    pub height: usize,
    /// Input size / latent size.
    pub compression: f64,
    pub losses: Option<AutoencoderLosses>,
    /// The training objective on the held-out images, at each snapshot so far.
    pub held_out_losses: Vec<HeldOutPoint>,
    pub originals: Vec<Vec<f32>>,
    pub inputs: Vec<Vec<f32>>,
    pub reconstructions: Vec<Vec<f32>>,
    /// Σ|x̂ − x| of every held-out image (the anomaly score), with its label if any.
    pub held_out_errors: Vec<f64>,
    pub held_out_labels: Option<Vec<u8>>,
    /// The held-out images with the largest scores, largest first.
    pub worst: Vec<Worst>,
    /// The held-out images' codes in 2-D (the first two latent coordinates, or their PCA
    /// projection when the latent space is larger).
    pub latent_points: Vec<[f32; 2]>,
    pub latent_projected: bool,
    /// GRID × GRID images decoded over the plane (2-D latent spaces only), row-major, and
    /// the reach of the plane.
    pub grid: Option<Vec<Vec<f32>>>,
    pub grid_reach: f32,
    /// This model's prior samples and, when a twin trains, the other kind's.
    pub generation: Generation,
    pub twin: Option<Generation>,
    pub autoencoder: Errors,
    /// PCA with as many components as the latent size, fitted to the training images.
    pub pca: Errors,
    /// `[latent size, held-out mean Σ(x̂ − x)²]` of PCA over latent sizes.
    pub pca_curve: Vec<[f64; 2]>,
    /// This snapshot's measures.
    pub measures: LabMeasures,
    /// The preset these settings are, if any, with its claim judged on this run.
    pub preset: Option<PresetView>,
}

/// A held-out image through the model.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Picked {
    pub index: usize,
    pub original: Vec<f32>,
    pub reconstruction: Vec<f32>,
    pub code: Vec<f32>,
    pub error: f64,
    pub label: Option<u8>,
}

/// A drawn image through the model, with its anomaly score Σ|x̂ − x|.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub reconstruction: Vec<f32>,
    pub score: f64,
}

pub struct Lab {
    settings: LabSettings,
    run: AutoencoderRun,
    twin: Option<AutoencoderRun>,
    /// PCA's held-out errors: fixed for the run, so computed once.
    pca_errors: ImageErrors,
    pca_curve: Vec<[f64; 2]>,
    classifier: Option<DigitClassifier>,
    held_out_losses: Vec<HeldOutPoint>,
    measures: Vec<LabMeasures>,
    sample_seed: u64,
    /// What the runs' device is, as the page shows it.
    backend: BackendInfo,
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

/// The mean |difference| between horizontally and vertically neighbouring pixels of an
/// image (row-major, `width × height`): static is rough, a face or a digit smooth.
pub fn roughness(image: &[f32], width: usize, height: usize) -> f64 {
    let at = |x: usize, y: usize| f64::from(image[y * width + x]);
    let (mut sum, mut count) = (0.0, 0usize);
    for y in 0..height {
        for x in 0..width {
            if x + 1 < width {
                sum += (at(x + 1, y) - at(x, y)).abs();
                count += 1;
            }
            if y + 1 < height {
                sum += (at(x, y + 1) - at(x, y)).abs();
                count += 1;
            }
        }
    }
    sum / count.max(1) as f64
}

/// The roughness of the roughest of `images`.
fn roughest(images: &[f32], width: usize, height: usize) -> f64 {
    images
        .chunks_exact(width * height)
        .map(|image| roughness(image, width, height))
        .fold(0.0, f64::max)
}

/// Mean and standard deviation of each of `dims` coordinates of `codes`.
fn moments(codes: &[f32], dims: usize) -> (Vec<f64>, Vec<f64>) {
    let n = (codes.len() / dims.max(1)).max(1) as f64;
    (0..dims)
        .map(|d| {
            let values = codes.iter().skip(d).step_by(dims).map(|&v| f64::from(v));
            let mean = values.clone().sum::<f64>() / n;
            let var = values.map(|v| (v - mean).powi(2)).sum::<f64>() / n;
            (mean, var.sqrt())
        })
        .unzip()
}

async fn prior_samples(
    run: &AutoencoderRun,
    classifier: Option<&DigitClassifier>,
    seed: u64,
) -> Result<Generation> {
    let judged = if classifier.is_some() {
        PRIOR_JUDGED
    } else {
        PRIOR_SHOWN
    };
    let samples = run.sample_prior(judged, &mut seeded(seed)).await?;
    let verdict = match classifier {
        Some(c) => {
            let v = c.verdict(&samples).await?;
            Some(Judged {
                mean_confidence: v.mean_confidence,
                class_spread: v.class_spread,
            })
        }
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

impl Lab {
    /// A lab on `set` (the images of `settings.data`), on `device` (with autodiff), which
    /// it keeps until [`Self::set_device`].
    pub fn new(settings: LabSettings, set: &ImageSet, device: ComputeDevice) -> Result<Self> {
        let ComputeDevice { device, info } = device;
        let device = &device;
        if (set.width, set.height) != settings.data.shape() {
            return Err(PlaygroundError::BadData(format!(
                "the images are {}×{}, but {} images are {}×{}",
                set.width,
                set.height,
                settings.data.name(),
                settings.data.shape().0,
                settings.data.shape().1
            )));
        }
        let training = settings.training.clone();
        let run = AutoencoderRun::new(training.clone(), set, device)?;
        let twin = if settings.twin {
            let other = AutoencoderTraining {
                variational: !training.variational,
                ..training
            };
            Some(AutoencoderRun::new(other, set, device)?)
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
        let full = Pca::fit(&train.pixels, set.size(), most)?;
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
        let classifier = DigitClassifier::shipped(settings.data, device)?;
        Ok(Self {
            sample_seed: run.config().seed ^ 0x5a3b_1e00,
            settings,
            run,
            twin,
            pca_errors,
            pca_curve,
            classifier,
            held_out_losses: Vec::new(),
            measures: Vec::new(),
            backend: info,
        })
    }

    pub fn settings(&self) -> &LabSettings {
        &self.settings
    }

    pub fn run(&self) -> &AutoencoderRun {
        &self.run
    }

    pub fn iteration(&self) -> u64 {
        self.run.iteration()
    }

    /// Every iteration's losses.
    pub fn history(&self) -> &[AutoencoderLosses] {
        self.run.history()
    }

    /// The measures of every view so far.
    pub fn measures(&self) -> &[LabMeasures] {
        &self.measures
    }

    /// `iterations` minibatch steps (of the twin too, if one trains).
    pub async fn train(&mut self, iterations: u32) -> Result<()> {
        self.run.train(iterations).await?;
        if let Some(twin) = &mut self.twin {
            twin.train(iterations).await?;
        }
        Ok(())
    }

    /// The backend the lab trains on.
    pub fn backend(&self) -> &BackendInfo {
        &self.backend
    }

    /// Carries on on `device` with the same weights and iteration (Adam restarts). Both
    /// runs move or neither: every read-back first, then the switch; on a failure the lab
    /// stays.
    pub async fn set_device(&mut self, device: ComputeDevice) -> Result<()> {
        let ComputeDevice { device, info } = device;
        let device = &device;
        let classifier = DigitClassifier::shipped(self.settings.data, device)?;
        let model = self.run.model_on(device).await?;
        let twin_model = match &self.twin {
            Some(twin) => Some(twin.model_on(device).await?),
            None => None,
        };
        self.run.use_device(model, device);
        if let (Some(twin), Some(model)) = (&mut self.twin, twin_model) {
            twin.use_device(model, device);
        }
        self.classifier = classifier;
        self.backend = info;
        Ok(())
    }

    /// What the views draw, measured now (and kept for the claims).
    pub async fn view(&mut self) -> Result<LabView> {
        let held_out = self.run.held_out_set();
        let size = held_out.size();
        let config = self.run.config().clone();
        let latent = config.latent;
        let (width, height) = self.settings.data.shape();
        let pass = self.run.held_out_pass(self.sample_seed).await?;
        let iteration = self.run.iteration();
        if self.held_out_losses.last().map(|p| p.iteration) != Some(iteration) {
            self.held_out_losses.push(HeldOutPoint {
                iteration,
                losses: pass.losses,
            });
        }
        let shown: Vec<usize> = (0..EXAMPLES.min(held_out.len())).collect();
        let originals = held_out.rows(&shown);
        // A denoising autoencoder is shown and judged on every held-out image spoiled.
        let (inputs, reconstructions, denoising) = if config.corruption == Corruption::None {
            let back = pass.reconstructions[..shown.len() * size].to_vec();
            (originals.clone(), back, None)
        } else {
            let mut rng = seeded(self.sample_seed);
            let spoiled = config
                .corruption
                .apply(&held_out.pixels, config.noise_level, &mut rng);
            let back = self.run.reconstruct(&spoiled).await?;
            let mean_distance = |images: &[f32]| {
                images
                    .iter()
                    .zip(&held_out.pixels)
                    .map(|(&a, &b)| f64::from((a - b).abs()))
                    .sum::<f64>()
                    / held_out.len().max(1) as f64
            };
            let denoising = Denoising {
                spoiled: mean_distance(&spoiled),
                cleaned: mean_distance(&back),
            };
            let n = shown.len() * size;
            (spoiled[..n].to_vec(), back[..n].to_vec(), Some(denoising))
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
            let projection = Pca::fit(codes, latent, 2)?;
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
            Some(self.run.decode(&grid_codes()).await?)
        } else {
            None
        };
        let seed = self.sample_seed.wrapping_add(1);
        let generation = prior_samples(&self.run, self.classifier.as_ref(), seed).await?;
        let twin = match &self.twin {
            Some(twin) => Some(prior_samples(twin, self.classifier.as_ref(), seed).await?),
            None => None,
        };
        let (code_mean, code_spread) = moments(codes, latent);
        let measures = LabMeasures {
            iteration,
            autoencoder: Errors::from(&pass.errors),
            pca: Errors::from(&self.pca_errors),
            denoising,
            generation: generation.verdict,
            twin: twin.as_ref().and_then(|t| t.verdict),
            grid_roughness: grid.as_ref().map(|g| roughest(g, width, height)),
            data_roughness: roughest(&held_out.pixels, width, height),
            code_mean,
            code_spread,
        };
        if self.measures.last().map(|m| m.iteration) != Some(iteration) {
            self.measures.push(measures.clone());
        }
        Ok(LabView {
            iteration,
            config,
            data: self.settings.data,
            width,
            height,
            compression: size as f64 / latent as f64,
            losses: self.run.history().last().copied(),
            held_out_losses: self.held_out_losses.clone(),
            originals: chunks(&originals, size),
            inputs: chunks(&inputs, size),
            reconstructions: chunks(&reconstructions, size),
            held_out_errors: pass.errors.absolute.clone(),
            held_out_labels: held_out.labels.clone(),
            worst,
            latent_points,
            latent_projected,
            grid: grid.map(|g| chunks(&g, size)),
            grid_reach: GRID_REACH,
            generation,
            twin,
            autoencoder: measures.autoencoder,
            pca: measures.pca,
            pca_curve: self.pca_curve.clone(),
            measures,
            preset: presets::lab::view(&self.settings, &self.measures),
        })
    }

    /// Held-out image `index` (as numbered in the view's latent points and errors).
    pub async fn image(&self, index: usize) -> Result<Picked> {
        let held_out = self.run.held_out_set();
        if index >= held_out.len() {
            return Err(PlaygroundError::invalid(
                "index",
                format!("there are {} held-out images", held_out.len()),
            ));
        }
        let original = held_out.image(index).to_vec();
        let code = self.run.encode(&original).await?;
        let reconstruction = self.run.decode(&code).await?;
        let error = reconstruction
            .iter()
            .zip(&original)
            .map(|(&a, &b)| f64::from((a - b).abs()))
            .sum::<f64>();
        Ok(Picked {
            index,
            original,
            reconstruction,
            code,
            error,
            label: held_out.label(index),
        })
    }

    /// The image the decoder makes of code `z` (`latent` numbers).
    pub async fn decode(&self, z: &[f32]) -> Result<Vec<f32>> {
        self.run.decode(z).await
    }

    /// `steps` images decoded along the straight line between the codes of held-out images
    /// `a` and `b`, both ends included.
    pub async fn interpolate(&self, a: usize, b: usize, steps: usize) -> Result<Vec<Vec<f32>>> {
        let held_out = self.run.held_out_set();
        let codes = self.run.encode(&held_out.rows(&[a, b])).await?;
        let (za, zb) = codes.split_at(codes.len() / 2);
        let line: Vec<f32> = (0..steps)
            .flat_map(|s| {
                let t = s as f32 / (steps - 1).max(1) as f32;
                za.iter().zip(zb).map(move |(&p, &q)| (1.0 - t) * p + t * q)
            })
            .collect();
        let images = self.run.decode(&line).await?;
        Ok(chunks(&images, held_out.size()))
    }

    /// A drawn image (`width × height` numbers in [0, 1], 1 = ink as the set has it)
    /// through the model, with its anomaly score.
    pub async fn score(&self, pixels: &[f32]) -> Result<Scored> {
        if pixels.iter().all(|&p| p == 0.0) {
            return Err(PlaygroundError::BadData(
                "the drawing is empty: draw something on the pad first".into(),
            ));
        }
        if pixels.iter().any(|p| !(0.0..=1.0).contains(p)) {
            return Err(PlaygroundError::BadData(
                "drawn pixels must be numbers in [0, 1]".into(),
            ));
        }
        let reconstruction = self.run.reconstruct(pixels).await?;
        let score: f64 = reconstruction
            .iter()
            .zip(pixels)
            .map(|(&a, &b)| f64::from((a - b).abs()))
            .sum();
        Ok(Scored {
            reconstruction,
            score,
        })
    }
}

/// The backend beside a view, as the page reads a snapshot.
#[derive(Serialize)]
pub struct LabSnapshot<'a> {
    #[serde(flatten)]
    pub view: &'a LabView,
    pub backend: &'a BackendInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Static is rough, a smooth ramp is not; the roughest image is the one that counts.
    #[test]
    fn static_is_rougher_than_a_ramp() {
        let ramp: Vec<f32> = (0..16).map(|i| (i % 4) as f32 / 3.0).collect();
        let noise: Vec<f32> = (0..16).map(|i| (i % 2) as f32).collect();
        let (r, n) = (roughness(&ramp, 4, 4), roughness(&noise, 4, 4));
        assert!((r - 0.5 / 3.0 * 1.0).abs() < 1e-6, "{r}");
        assert!(n > 2.0 * r, "{n} vs {r}");
        let both = [ramp, noise].concat();
        assert_eq!(roughest(&both, 4, 4), n);
    }
}
