//! The image GAN (THEORY.md §2–§5): a DCGAN drawing digits or faces, trained with the game's
//! objectives and k D-steps, and, conditioned on the digit, the conditional GAN whose D also
//! learns to score (real image, wrong label) pairs low, the note's third kind of pair.
//! Pixels are in [−1, 1] for the players (tanh), [0, 1] everywhere else.

use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::Transaction;
use burn::tensor::activation::sigmoid;
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use serde::{Deserialize, Serialize};

use super::game_settings::Optimizer;
use super::image_view::{Judgement, judgement, milestone_due, nearest};
use super::latent;
use super::toy::Clip;
use crate::backend::{BackendInfo, BackendKind, ComputeDevice, move_module, read_back};
use crate::data::images::{ImageData, ImageSet};
use crate::data::{seeded, standard_normal};
use crate::error::{PlaygroundError, Result};
use crate::metrics::frechet_distance;
use crate::models::Pca;
use crate::models::classifier::{CLASSES, DigitClassifier};
use crate::models::dcgan::DcganConfig;
use crate::models::image_players::{Architecture, ImageDiscriminator, ImageGenerator};
use crate::models::mlp_gan::{MlpGanConfig, UNITS_PER_WIDTH};
use crate::objectives::GanObjective;

/// Most iterations one call may run.
pub const MAX_ITERATIONS_PER_CALL: u32 = 10_000;
/// The fixed z whose samples the grid shows, iteration after iteration.
pub const GRID_SAMPLES: usize = 64;

/// Everything that defines an image GAN run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImageGanSettings {
    pub data: ImageData,
    /// DCGAN's convolutions or the MLP baseline.
    pub architecture: Architecture,
    /// Dimensions of z (standard normal).
    pub noise_dim: usize,
    /// Base channels of both players (the MLP: hidden units ÷ 8).
    pub width: usize,
    /// Between the DCGAN's layers (the MLP has none).
    pub batch_norm: bool,
    pub objective: GanObjective,
    /// D steps per G step.
    pub d_steps: u32,
    pub batch: usize,
    pub optimizer_d: Optimizer,
    pub optimizer_g: Optimizer,
    /// G(z, c) and D(x, c), c the digit (digit sets only).
    pub conditional: bool,
    /// Conditional D also scores real images with a wrong label as fakes.
    pub mismatched_pairs: bool,
    pub seed: u64,
}

impl Default for ImageGanSettings {
    /// DCGAN's recipe on the 8×8 digits: non-saturating, Adam 2e-4, β (0.5, 0.999).
    fn default() -> Self {
        let adam = Optimizer::Adam {
            lr: 2e-4,
            beta1: 0.5,
            beta2: 0.999,
        };
        Self {
            data: ImageData::Digits8,
            architecture: Architecture::Dcgan,
            noise_dim: 64,
            width: 32,
            batch_norm: false,
            objective: GanObjective::NonSaturating,
            d_steps: 1,
            batch: 64,
            optimizer_d: adam,
            optimizer_g: adam,
            conditional: false,
            mismatched_pairs: false,
            seed: 1,
        }
    }
}

impl ImageGanSettings {
    /// The "dcgan28" benchmark's recipe (DCGAN's shape at 64 base channels, z of 64, batch
    /// 64, no batch norm, non-saturating, Adam 2e-4 β (0.5, 0.999)) on `data`.
    pub fn dcgan28(data: ImageData) -> Self {
        Self {
            data,
            width: 64,
            ..Self::default()
        }
    }

    /// Whether one iteration of these settings fits a device of `kind`: on WebGPU each
    /// feature map must fit one buffer, and on any device the maps with their gradients and
    /// what autodiff keeps (about three times the maps) must fit beside the data. Bigger
    /// pictures, width or batch are refused here, in words, not by a lost device.
    pub fn check_memory(&self, kind: BackendKind) -> Result<()> {
        let maps = match self.architecture {
            Architecture::Dcgan => self.model().feature_maps(self.batch).to_vec(),
            Architecture::Mlp => self.mlp().feature_maps(self.batch).to_vec(),
        };
        let mib = |floats: usize| floats as f64 * 4.0 / f64::from(1 << 20);
        let (name, largest) = maps
            .iter()
            .copied()
            .max_by_key(|&(_, floats)| floats)
            .unwrap_or(("", 0));
        if kind == BackendKind::Webgpu && mib(largest) > WEBGPU_BUFFER_MIB {
            return Err(PlaygroundError::invalid(
                "batch",
                format!(
                    "{name} for a batch of {} take {:.0} MiB, more than the \
                     {WEBGPU_BUFFER_MIB:.0} MiB a WebGPU buffer is sure to hold: lower the \
                     batch or the width, or train on the CPU",
                    self.batch,
                    mib(largest)
                ),
            ));
        }
        let step = 3.0 * mib(maps.iter().map(|&(_, floats)| floats).sum());
        if step > STEP_MIB {
            return Err(PlaygroundError::invalid(
                "batch",
                format!(
                    "one iteration with a batch of {} would hold about {step:.0} MiB of \
                     feature maps and their gradients, more than the {STEP_MIB:.0} MiB the \
                     page's module can spare: lower the batch or the width",
                    self.batch
                ),
            ));
        }
        Ok(())
    }

    /// The DCGAN these settings would train.
    pub fn model(&self) -> DcganConfig {
        let (width, height) = self.data.shape();
        DcganConfig::new(width, height, self.noise_dim, self.width)
            .with_classes(self.classes())
            .with_batch_norm(self.batch_norm)
    }

    /// The MLP baseline these settings would train.
    pub fn mlp(&self) -> MlpGanConfig {
        let (width, height) = self.data.shape();
        MlpGanConfig::new(width, height, self.noise_dim, UNITS_PER_WIDTH * self.width)
            .with_classes(self.classes())
    }

    fn classes(&self) -> usize {
        if self.conditional { CLASSES } else { 0 }
    }

    /// Both players of the chosen architecture, their weights drawn from `rng`.
    pub fn players(
        &self,
        device: &Device,
        rng: &mut impl rand::Rng,
    ) -> Result<(ImageGenerator, ImageDiscriminator)> {
        Ok(match self.architecture {
            Architecture::Dcgan => {
                let (g, d) = self.model().init(device, rng)?;
                (ImageGenerator::Dcgan(g), ImageDiscriminator::Dcgan(d))
            }
            Architecture::Mlp => {
                let (g, d) = self.mlp().init(device, rng)?;
                (ImageGenerator::Mlp(g), ImageDiscriminator::Mlp(d))
            }
        })
    }

    pub fn validate(&self) -> Result<()> {
        match self.architecture {
            Architecture::Dcgan => self.model().validate()?,
            Architecture::Mlp => {
                self.mlp().validate()?;
                if self.batch_norm {
                    return Err(PlaygroundError::invalid(
                        "batchNorm",
                        "batch norm normalises the DCGAN's feature maps; the MLP baseline has \
                         none: turn batch norm off",
                    ));
                }
            }
        }
        if !(1..=512).contains(&self.batch) {
            return Err(PlaygroundError::invalid(
                "batch",
                format!("1 to 512 images, got {}", self.batch),
            ));
        }
        if !(1..=10).contains(&self.d_steps) {
            return Err(PlaygroundError::invalid(
                "dSteps",
                format!("1 to 10 D steps per G step, got {}", self.d_steps),
            ));
        }
        if let GanObjective::WganGp { .. } = self.objective {
            return Err(PlaygroundError::invalid(
                "objective",
                "WGAN-GP needs the critic's input gradient differentiated again, which the \
                 convolutions here cannot give; choose wgan (clipping), lsgan, hinge, minimax or \
                 non-saturating",
            ));
        }
        for (name, o) in [
            ("optimizerD", self.optimizer_d),
            ("optimizerG", self.optimizer_g),
        ] {
            o.validate(name)?;
        }
        if matches!(self.objective, GanObjective::Wgan { .. }) && self.batch_norm {
            return Err(PlaygroundError::invalid(
                "batchNorm",
                "WGAN clips every critic weight, batch norm's scale too: turn batch norm off",
            ));
        }
        if self.mismatched_pairs && !self.conditional {
            return Err(PlaygroundError::invalid(
                "mismatchedPairs",
                "wrong-label pairs need a conditional GAN (conditional: true)",
            ));
        }
        if self.conditional && !matches!(self.data, ImageData::Digits8 | ImageData::Mnist) {
            return Err(PlaygroundError::invalid(
                "conditional",
                format!(
                    "a condition needs a digit set; {} has none",
                    self.data.name()
                ),
            ));
        }
        Ok(())
    }
}

/// One iteration's numbers: both losses and D's mean belief on real and fake images.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageGanLosses {
    pub d: f32,
    pub g: f32,
    /// Mean σ(D(x)) over the real batch of the iteration's last D step.
    pub d_real: f32,
    /// Mean σ(D(G(z))) over its fakes.
    pub d_fake: f32,
}

pub struct ImageGan {
    settings: ImageGanSettings,
    generator: ImageGenerator,
    discriminator: ImageDiscriminator,
    optim_g: ModuleOptimizer,
    optim_d: ModuleOptimizer,
    device: Device,
    backend: BackendInfo,
    images: ImageSet,
    rng: SeededRng,
    /// The grid's fixed z (and labels: one row per digit when conditional).
    grid_z: Vec<f32>,
    grid_labels: Vec<usize>,
    iteration: u64,
    history: Vec<ImageGanLosses>,
    /// The judge of digit sets; faces are compared in the set's PCA space instead.
    judge: Judge,
    /// The real images' features, read once at the first view: what the Fréchet distance
    /// compares samples with.
    real_features: Option<Vec<f32>>,
    timeline: Vec<TimelineFrame>,
    measures: Vec<ImageGanMeasures>,
}

/// Where the Fréchet distance is measured: a digit classifier's hidden layer, or the top
/// principal components of a face set.
enum Judge {
    Classifier(DigitClassifier),
    Pca(Pca),
}

/// Principal components of a face set that its Fréchet distance compares.
const PCA_FEATURES: usize = 16;
/// Samples judged by a view: a thousand small digits, fewer large ones (the views share the
/// device with training).
fn judged_count(pixels: usize) -> usize {
    (200_000 / pixels.max(1)).clamp(64, 1000)
}

impl Judge {
    async fn features(&self, pixels: &[f32]) -> Result<Vec<f32>> {
        match self {
            Self::Classifier(c) => c.features(pixels).await,
            Self::Pca(pca) => {
                let size = pca.mean.len();
                Ok(pixels
                    .chunks_exact(size)
                    .flat_map(|image| pca.encode(image))
                    .map(|v| v as f32)
                    .collect())
            }
        }
    }

    fn dims(&self) -> usize {
        match self {
            Self::Classifier(_) => crate::models::classifier::SHIPPED_HIDDEN,
            Self::Pca(pca) => pca.components.len(),
        }
    }
}

/// The grid as it was at one iteration.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineFrame {
    pub iteration: u64,
    pub grid: Vec<Vec<f32>>,
}

/// The measures of one view, kept as curves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageGanMeasures {
    pub iteration: u64,
    /// Fréchet distance between samples and real images (classifier features or PCA).
    pub frechet: f64,
    pub mean_confidence: Option<f64>,
    pub agreement: Option<f64>,
    pub classes_drawn: Option<usize>,
}

/// An image with D's belief that it is real, σ(D(x)).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scored {
    pub pixels: Vec<f32>,
    pub score: f32,
    /// The nearest training image and its RMS pixel distance (fakes only).
    pub nearest: Option<Nearest>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Nearest {
    pub index: usize,
    pub pixels: Vec<f32>,
    pub distance: f64,
}

/// What the views draw now.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageGanView {
    pub iteration: u64,
    pub width: usize,
    pub height: usize,
    /// The fixed z's samples, 8 × 8; row r asks for digit r when conditional.
    pub grid: Vec<Vec<f32>>,
    pub grid_labels: Option<Vec<usize>>,
    pub real: Vec<Scored>,
    pub fake: Vec<Scored>,
    pub judgement: Option<Judgement>,
    pub measures: Vec<ImageGanMeasures>,
    pub timeline: Vec<TimelineFrame>,
}

/// The most one buffer of a WebGPU device is sure to hold: the standard's default
/// `maxStorageBufferBindingSize` (an adapter may allow more, none less).
const WEBGPU_BUFFER_MIB: f64 = 128.0;
/// The most one iteration's feature maps, gradients included, may take: a wasm module's
/// memory ends at 4 GiB, and the data, weights and optimiser state live there too.
const STEP_MIB: f64 = 2048.0;

/// Images shown side by side, real and fake.
const SHOWN: usize = 8;

/// `labels` as one-hot rows `[n, CLASSES]`.
fn one_hot(labels: &[usize], device: &Device) -> Tensor<2> {
    let mut rows = vec![0f32; labels.len() * CLASSES];
    for (i, &c) in labels.iter().enumerate() {
        rows[i * CLASSES + c] = 1.0;
    }
    Tensor::from_data(TensorData::new(rows, [labels.len(), CLASSES]), device)
}

impl ImageGan {
    /// A run on `images` (the set `settings.data` names), on `device` (with autodiff).
    pub fn new(
        settings: ImageGanSettings,
        images: &ImageSet,
        device: ComputeDevice,
    ) -> Result<Self> {
        settings.validate()?;
        let (width, height) = settings.data.shape();
        if (images.width, images.height) != (width, height) {
            return Err(PlaygroundError::BadData(format!(
                "the images are {}×{}, but {} images are {width}×{height}",
                images.width,
                images.height,
                settings.data.name()
            )));
        }
        if images.len() < settings.batch {
            return Err(PlaygroundError::BadData(format!(
                "{} images are fewer than one batch of {}",
                images.len(),
                settings.batch
            )));
        }
        if settings.conditional && images.labels.is_none() {
            return Err(PlaygroundError::BadData(
                "a conditional GAN needs the set's labels".into(),
            ));
        }
        settings.check_memory(device.info.kind)?;
        let ComputeDevice { device, info } = device;
        let mut rng = seeded(settings.seed);
        let (generator, discriminator) = settings.players(&device, &mut rng)?;
        let mut grid_rng = seeded(settings.seed ^ 0x0071_d5ee);
        let grid_z = (0..GRID_SAMPLES * settings.noise_dim)
            .map(|_| standard_normal(&mut grid_rng))
            .collect();
        // 8 rows of 8: digit r in row r (the ninth and tenth digits are in the strip's
        // class check, not the grid).
        let grid_labels = (0..GRID_SAMPLES).map(|i| (i / 8) % CLASSES).collect();
        let judge = match DigitClassifier::shipped(settings.data, &device)? {
            Some(classifier) => Judge::Classifier(classifier),
            None => Judge::Pca(Pca::fit(&images.pixels, images.size(), PCA_FEATURES)?),
        };
        Ok(Self {
            judge,
            real_features: None,
            timeline: Vec::new(),
            measures: Vec::new(),
            optim_g: settings.optimizer_g.init(),
            optim_d: settings.optimizer_d.init(),
            generator,
            discriminator,
            device,
            backend: info,
            images: images.clone(),
            rng,
            grid_z,
            grid_labels,
            iteration: 0,
            history: Vec::new(),
            settings,
        })
    }

    pub fn settings(&self) -> &ImageGanSettings {
        &self.settings
    }

    pub fn iteration(&self) -> u64 {
        self.iteration
    }

    pub fn history(&self) -> &[ImageGanLosses] {
        &self.history
    }

    pub fn backend(&self) -> &BackendInfo {
        &self.backend
    }

    pub fn images(&self) -> &ImageSet {
        &self.images
    }

    /// Carries on on `device` with the same weights and iteration; the optimisers restart.
    /// On a failed read the run stays where it was.
    pub async fn set_device(&mut self, device: ComputeDevice) -> Result<()> {
        self.settings.check_memory(device.info.kind)?;
        let generator = move_module(self.generator.clone(), &device.device).await?;
        let discriminator = move_module(self.discriminator.clone(), &device.device).await?;
        (self.generator, self.discriminator) = (generator, discriminator);
        self.optim_g = self.settings.optimizer_g.init();
        self.optim_d = self.settings.optimizer_d.init();
        self.device = device.device;
        self.backend = device.info;
        Ok(())
    }

    /// The measures of every view so far, one per iteration viewed.
    pub fn measures(&self) -> &[ImageGanMeasures] {
        &self.measures
    }

    /// Carries on with `settings` that change only how the run trains (objective, k, batch,
    /// optimisers and step sizes, wrong-label pairs), keeping the weights; an optimiser of
    /// another kind or β starts afresh. The data, the networks and the seed need a new run.
    pub fn reconfigure(&mut self, settings: ImageGanSettings) -> Result<()> {
        settings.validate()?;
        let built = |s: &ImageGanSettings| (s.data, s.model(), s.seed);
        if built(&settings) != built(&self.settings) {
            return Err(PlaygroundError::invalid(
                "settings",
                "the data, the networks and the seed need a new run",
            ));
        }
        if self.images.len() < settings.batch {
            return Err(PlaygroundError::BadData(format!(
                "{} images are fewer than one batch of {}",
                self.images.len(),
                settings.batch
            )));
        }
        settings.check_memory(self.backend.kind)?;
        if settings.optimizer_d.with_lr(1.0) != self.settings.optimizer_d.with_lr(1.0) {
            self.optim_d = settings.optimizer_d.init();
        }
        if settings.optimizer_g.with_lr(1.0) != self.settings.optimizer_g.with_lr(1.0) {
            self.optim_g = settings.optimizer_g.init();
        }
        self.settings = settings;
        Ok(())
    }

    fn noise(&mut self, n: usize) -> Tensor<2> {
        let z: Vec<f32> = (0..n * self.settings.noise_dim)
            .map(|_| standard_normal(&mut self.rng))
            .collect();
        Tensor::from_data(
            TensorData::new(z, [n, self.settings.noise_dim]),
            &self.device,
        )
    }

    /// Random digits as one-hot rows, when conditional.
    fn random_labels(&mut self, n: usize) -> Option<Tensor<2>> {
        if !self.settings.conditional {
            return None;
        }
        let labels: Vec<usize> = (0..n).map(|_| self.rng.random_range(0..CLASSES)).collect();
        Some(one_hot(&labels, &self.device))
    }

    /// Pixels in [0, 1] → the players' [−1, 1], as `[n, 1, h, w]`.
    fn pictures(&self, pixels: Vec<f32>, n: usize) -> Tensor<4> {
        let (w, h) = self.settings.data.shape();
        let t: Tensor<4> = Tensor::from_data(TensorData::new(pixels, [n, 1, h, w]), &self.device);
        t * 2.0 - 1.0
    }

    /// A real batch and, when conditional, its labels and a wrong label for each.
    fn real_batch(&mut self) -> (Tensor<4>, Option<(Tensor<2>, Tensor<2>)>) {
        let n = self.settings.batch;
        let indices: Vec<usize> = (0..n)
            .map(|_| self.rng.random_range(0..self.images.len()))
            .collect();
        let x = self.pictures(self.images.rows(&indices), n);
        let labels = self.settings.conditional.then(|| {
            let labels = self.images.labels.as_ref().expect("checked in new");
            let right: Vec<usize> = indices.iter().map(|&i| usize::from(labels[i])).collect();
            // A uniformly drawn other digit: shift by 1–9.
            let wrong: Vec<usize> = right
                .iter()
                .map(|&c| (c + self.rng.random_range(1..CLASSES)) % CLASSES)
                .collect();
            (one_hot(&right, &self.device), one_hot(&wrong, &self.device))
        });
        (x, labels)
    }

    /// One D step: its loss, and its mean belief on the real and the fake batch.
    fn discriminator_step(&mut self) -> [Tensor<1>; 3] {
        let n = self.settings.batch;
        let objective = self.settings.objective;
        let (real, labels) = self.real_batch();
        let z = self.noise(n);
        let fake_labels = self.random_labels(n);
        let fake = self.generator.forward(z, fake_labels.clone()).detach();
        // Real and fake through D in one pass.
        let (right, wrong) = labels.unzip();
        let both_labels = right
            .clone()
            .zip(fake_labels)
            .map(|(r, f)| Tensor::cat(vec![r, f], 0));
        let scores = self
            .discriminator
            .forward(Tensor::cat(vec![real.clone(), fake], 0), both_labels);
        let real_scores = scores.clone().slice([0..n, 0..1]);
        let fake_scores = scores.slice([n..2 * n, 0..1]);
        let beliefs = [
            sigmoid(real_scores.clone()).mean().detach(),
            sigmoid(fake_scores.clone()).mean().detach(),
        ];
        // The note's third pair: a real image with a wrong label counts as a fake.
        let low = match (self.settings.mismatched_pairs, wrong) {
            (true, Some(wrong)) => {
                let mismatched = self.discriminator.forward(real, Some(wrong));
                Tensor::cat(vec![fake_scores, mismatched], 0)
            }
            _ => fake_scores,
        };
        let loss = objective.discriminator_loss(real_scores, low);
        let grads = GradientsParams::from_grads(loss.backward(), &self.discriminator);
        self.discriminator = self.optim_d.step(
            self.settings.optimizer_d.lr(),
            self.discriminator.clone(),
            grads,
        );
        if let GanObjective::Wgan { clip } = objective {
            self.discriminator = self.discriminator.clone().map(&mut Clip(clip as f32));
        }
        let [real_belief, fake_belief] = beliefs;
        [loss.detach(), real_belief, fake_belief]
    }

    /// One G step (fresh z and labels); its loss.
    fn generator_step(&mut self) -> Tensor<1> {
        let n = self.settings.batch;
        let z = self.noise(n);
        let labels = self.random_labels(n);
        let fake = self.generator.forward(z, labels.clone());
        let loss = self
            .settings
            .objective
            .generator_loss(self.discriminator.forward(fake, labels));
        let grads = GradientsParams::from_grads(loss.backward(), &self.generator);
        self.generator = self.optim_g.step(
            self.settings.optimizer_g.lr(),
            self.generator.clone(),
            grads,
        );
        loss.detach()
    }

    /// Runs `iterations` iterations (k D steps, then one G step), reading the numbers back
    /// once. If a loss stops being finite the run goes back to where it was and says so.
    pub async fn train(&mut self, iterations: u32) -> Result<&[ImageGanLosses]> {
        if iterations > MAX_ITERATIONS_PER_CALL {
            return Err(PlaygroundError::invalid(
                "iterations",
                format!("at most {MAX_ITERATIONS_PER_CALL} per call, got {iterations}"),
            ));
        }
        let start = self.history.len();
        if iterations == 0 {
            return Ok(&self.history[start..]);
        }
        let before = (
            self.generator.clone(),
            self.discriminator.clone(),
            self.optim_g.clone(),
            self.optim_d.clone(),
            self.rng.clone(),
        );
        let mut rows = Vec::with_capacity(iterations as usize);
        for _ in 0..iterations {
            let mut last = None;
            for _ in 0..self.settings.d_steps {
                last = Some(self.discriminator_step());
            }
            let [d, real, fake] = last.expect("at least one D step");
            let g = self.generator_step();
            rows.push(Tensor::cat(vec![d, g, real, fake], 0));
        }
        let numbers = read_back(Transaction::default().register(Tensor::stack::<2>(rows, 0)))
            .await?
            .remove(0);
        let losses: Vec<ImageGanLosses> = numbers
            .chunks_exact(4)
            .map(|r| ImageGanLosses {
                d: r[0],
                g: r[1],
                d_real: r[2],
                d_fake: r[3],
            })
            .collect();
        if let Some((i, l)) = losses
            .iter()
            .enumerate()
            .find(|(_, l)| !(l.d.is_finite() && l.g.is_finite()))
        {
            (
                self.generator,
                self.discriminator,
                self.optim_g,
                self.optim_d,
                self.rng,
            ) = before;
            let (which, value) = if l.d.is_finite() {
                ("generator", l.g)
            } else {
                ("discriminator", l.d)
            };
            return Err(PlaygroundError::Diverged {
                unit: "iteration",
                epoch: self.iteration + i as u64 + 1,
                which,
                value,
            });
        }
        self.iteration += u64::from(iterations);
        self.history.extend(losses);
        Ok(&self.history[start..])
    }

    /// G's pictures for `z` (`[n, noise]` row-major) and digits `labels` (ignored when
    /// unconditional), as pixels in [0, 1], one image after another.
    pub async fn generate(&self, z: &[f32], labels: &[usize]) -> Result<Vec<f32>> {
        let n = z.len() / self.settings.noise_dim;
        let labels = self
            .settings
            .conditional
            .then(|| one_hot(&labels[..n], &self.device));
        self.draw(z.to_vec(), n, labels).await
    }

    /// G's pictures for `n` rows of z and, when conditional, label rows `[n, CLASSES]`.
    async fn draw(&self, z: Vec<f32>, n: usize, labels: Option<Tensor<2>>) -> Result<Vec<f32>> {
        let z = Tensor::from_data(
            TensorData::new(z, [n, self.settings.noise_dim]),
            &self.device,
        );
        let out = (self.generator.forward(z, labels) + 1.0) * 0.5;
        let out: Tensor<2> = out.reshape([n as i64, -1]);
        Ok(read_back(Transaction::default().register(out.detach()))
            .await?
            .remove(0))
    }

    /// Grid sample `index`'s z and the digit it asks for (0, and meaningless, when
    /// unconditional).
    pub fn grid_sample(&self, index: usize) -> Result<(Vec<f32>, usize)> {
        if index >= GRID_SAMPLES {
            return Err(PlaygroundError::invalid(
                "index",
                format!("a grid sample from 0 to {}, got {index}", GRID_SAMPLES - 1),
            ));
        }
        let d = self.settings.noise_dim;
        Ok((
            self.grid_z[index * d..(index + 1) * d].to_vec(),
            self.grid_labels[index],
        ))
    }

    /// G's pictures along the walk from grid sample `from`'s z to `to`'s (slerp), `steps`
    /// of them, both ends included. Conditional, the label walks too, from one digit's
    /// one-hot row to the other's in a straight line.
    pub async fn latent_walk(&self, from: usize, to: usize, steps: usize) -> Result<Vec<f32>> {
        let (za, digit_a) = self.grid_sample(from)?;
        let (zb, digit_b) = self.grid_sample(to)?;
        let z = latent::walk(&za, &zb, steps)?;
        let labels = self.settings.conditional.then(|| {
            let mut rows = vec![0f32; steps * CLASSES];
            for k in 0..steps {
                let t = k as f32 / (steps - 1) as f32;
                rows[k * CLASSES + digit_a] += 1.0 - t;
                rows[k * CLASSES + digit_b] += t;
            }
            Tensor::from_data(TensorData::new(rows, [steps, CLASSES]), &self.device)
        });
        self.draw(z, steps, labels).await
    }

    /// G's picture of one z set by hand (a slider per coordinate), asking for `digit`.
    pub async fn picture(&self, z: &[f32], digit: usize) -> Result<Vec<f32>> {
        latent::check_z(z, self.settings.noise_dim)?;
        if digit >= CLASSES {
            return Err(PlaygroundError::invalid(
                "digit",
                format!("a digit from 0 to 9, got {digit}"),
            ));
        }
        self.generate(z, &[digit]).await
    }

    /// The grid: the same 64 z (one row per digit when conditional), pixels in [0, 1].
    pub async fn grid(&self) -> Result<Vec<f32>> {
        self.generate(&self.grid_z, &self.grid_labels).await
    }

    /// `n` fresh samples from a stream of their own (`seed`), with the digit asked of
    /// each (uniform over the ten when conditional, else all 0 and meaningless).
    pub async fn samples(&self, n: usize, seed: u64) -> Result<(Vec<f32>, Vec<usize>)> {
        let mut rng = seeded(seed);
        let z: Vec<f32> = (0..n * self.settings.noise_dim)
            .map(|_| standard_normal(&mut rng))
            .collect();
        let labels: Vec<usize> = (0..n).map(|i| i % CLASSES).collect();
        // Generated in batches no bigger than training's, to bound the device's memory.
        let step = self.settings.batch.max(1);
        let mut pixels = Vec::new();
        for start in (0..n).step_by(step) {
            let end = (start + step).min(n);
            let part = self
                .generate(
                    &z[start * self.settings.noise_dim..end * self.settings.noise_dim],
                    &labels[start..end],
                )
                .await?;
            pixels.extend(part);
        }
        Ok((pixels, labels))
    }

    /// D's belief σ(D(x)) in each of `pixels` (in [0, 1]) asked as `labels`.
    async fn beliefs(&self, pixels: &[f32], labels: &[usize]) -> Result<Vec<f32>> {
        let n = pixels.len() / self.images.size();
        let x = self.pictures(pixels.to_vec(), n);
        let labels = self
            .settings
            .conditional
            .then(|| one_hot(&labels[..n], &self.device));
        let p = sigmoid(self.discriminator.forward(x, labels)).detach();
        Ok(read_back(Transaction::default().register(p))
            .await?
            .remove(0))
    }

    /// What the views draw now; its measures are kept as curves, and the grid joins the
    /// timeline at each milestone.
    pub async fn view(&mut self) -> Result<ImageGanView> {
        let size = self.images.size();
        let (width, height) = self.settings.data.shape();
        let count = judged_count(size).min(self.images.len());
        if self.real_features.is_none() {
            let mut rng = seeded(self.settings.seed ^ 0x0f1d);
            let indices: Vec<usize> = (0..count)
                .map(|_| rng.random_range(0..self.images.len()))
                .collect();
            let real = self.images.rows(&indices);
            self.real_features = Some(self.judge.features(&real).await?);
        }
        let grid = self.grid().await?;
        let grid: Vec<Vec<f32>> = grid.chunks_exact(size).map(<[f32]>::to_vec).collect();

        // Real and fake side by side, with D's belief; each fake with its nearest real image.
        let seed = self.settings.seed ^ self.iteration.wrapping_mul(0x9e37_79b9);
        let mut rng = seeded(seed);
        let real_indices: Vec<usize> = (0..SHOWN)
            .map(|_| rng.random_range(0..self.images.len()))
            .collect();
        let real_pixels = self.images.rows(&real_indices);
        let real_labels: Vec<usize> = real_indices
            .iter()
            .map(|&i| self.images.label(i).map_or(0, usize::from))
            .collect();
        let (samples, asked) = self.samples(count, seed).await?;
        let shown_fakes = &samples[..SHOWN * size];
        let real_beliefs = self.beliefs(&real_pixels, &real_labels).await?;
        let fake_beliefs = self.beliefs(shown_fakes, &asked[..SHOWN]).await?;
        let real = real_pixels
            .chunks_exact(size)
            .zip(&real_beliefs)
            .map(|(pixels, &score)| Scored {
                pixels: pixels.to_vec(),
                score,
                nearest: None,
            })
            .collect();
        let fake = shown_fakes
            .chunks_exact(size)
            .zip(&fake_beliefs)
            .map(|(pixels, &score)| {
                let (index, distance) = nearest(pixels, &self.images.pixels, size);
                Scored {
                    pixels: pixels.to_vec(),
                    score,
                    nearest: Some(Nearest {
                        index,
                        pixels: self.images.image(index).to_vec(),
                        distance,
                    }),
                }
            })
            .collect();

        // Quality and coverage.
        let features = self.judge.features(&samples).await?;
        let real_features = self.real_features.as_deref().unwrap_or_default();
        let frechet = frechet_distance(real_features, &features, self.judge.dims());
        let judgement = match &self.judge {
            Judge::Classifier(c) => {
                let read = c.classify(&samples).await?;
                let asked = self.settings.conditional.then_some(&asked[..]);
                Some(judgement(&read, asked))
            }
            Judge::Pca(_) => None,
        };
        let measures = ImageGanMeasures {
            iteration: self.iteration,
            frechet,
            mean_confidence: judgement.as_ref().map(|j| j.mean_confidence),
            agreement: judgement.as_ref().and_then(|j| j.agreement),
            classes_drawn: judgement.as_ref().map(|j| CLASSES - j.missing.len()),
        };
        if self.measures.last().map(|m| m.iteration) != Some(self.iteration) {
            self.measures.push(measures);
        }
        if milestone_due(self.timeline.last().map(|f| f.iteration), self.iteration) {
            self.timeline.push(TimelineFrame {
                iteration: self.iteration,
                grid: grid.clone(),
            });
        }
        Ok(ImageGanView {
            iteration: self.iteration,
            width,
            height,
            grid,
            grid_labels: self.settings.conditional.then(|| self.grid_labels.clone()),
            real,
            fake,
            judgement,
            measures: self.measures.clone(),
            timeline: self.timeline.clone(),
        })
    }
}
