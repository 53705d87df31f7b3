//! Training autoencoders, denoising autoencoders and VAEs on an image set (THEORY.md §6),
//! minibatch Adam on the chosen device, with held-out images kept apart for the
//! reconstruction-error and anomaly views.

use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::Transaction;
use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use rand::{Rng, RngExt};
use serde::{Deserialize, Serialize};

use crate::backend::{move_module, read_back};
use crate::config::check_learning_rate;
use crate::data::images::ImageSet;
use crate::data::{seeded, standard_normal};
use crate::error::{PlaygroundError, Result};
use crate::models::{Activation, Autoencoder, AutoencoderConfig, reparameterize};
use crate::objectives::{ReconstructionLoss, kl_to_standard_normal};

/// How a denoising autoencoder's input is spoiled (the target stays clean).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Corruption {
    #[default]
    None,
    /// x + level·N(0, 1), clamped to [0, 1].
    Gaussian,
    /// Each pixel, with probability level, set to black or white.
    SaltAndPepper,
    /// Each pixel, with probability level, set to 0.
    Masking,
}

impl Corruption {
    /// `clean` spoiled at `level`, from `rng`.
    pub fn apply(self, clean: &[f32], level: f64, rng: &mut impl Rng) -> Vec<f32> {
        clean
            .iter()
            .map(|&p| match self {
                Self::None => p,
                Self::Gaussian => (p + level as f32 * standard_normal(rng)).clamp(0.0, 1.0),
                Self::SaltAndPepper if rng.random::<f64>() < level => {
                    if rng.random::<bool>() {
                        1.0
                    } else {
                        0.0
                    }
                }
                Self::Masking if rng.random::<f64>() < level => 0.0,
                Self::SaltAndPepper | Self::Masking => p,
            })
            .collect()
    }
}

/// A run's settings; the network's input size comes from the images.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoencoderTraining {
    pub hidden: Vec<usize>,
    pub latent: usize,
    pub activation: Activation,
    pub variational: bool,
    pub linear: bool,
    /// Two convolutions before the encoder's dense layers and two transposed ones after
    /// the decoder's.
    pub conv: bool,
    pub loss: ReconstructionLoss,
    /// Weight of the KL term (VAE only): β = 1 is the ELBO.
    pub beta: f64,
    pub corruption: Corruption,
    pub noise_level: f64,
    pub batch: usize,
    pub learning_rate: f64,
    pub seed: u64,
    /// Images kept out of training, for the held-out error and the anomaly scores.
    pub held_out: usize,
}

impl Default for AutoencoderTraining {
    fn default() -> Self {
        Self {
            hidden: vec![128],
            latent: 8,
            activation: Activation::Relu,
            variational: false,
            linear: false,
            conv: false,
            loss: ReconstructionLoss::Mae,
            beta: 1.0,
            corruption: Corruption::None,
            noise_level: 0.0,
            batch: 128,
            learning_rate: 1e-3,
            seed: 1,
            held_out: 300,
        }
    }
}

impl AutoencoderTraining {
    /// The "vae8" workload: 8×8 digits (/255), encoder 64→128→(μ 2, ln σ² 2), decoder
    /// 2→128→64 sigmoid, ReLU, batch 128, BCE summed over pixels + KL, mean over the batch,
    /// Adam 1e-3.
    pub fn vae8() -> Self {
        Self {
            hidden: vec![128],
            latent: 2,
            variational: true,
            loss: ReconstructionLoss::Bce,
            beta: 1.0,
            batch: 128,
            learning_rate: 1e-3,
            held_out: 0,
            ..Default::default()
        }
    }

    fn model(&self, width: usize, height: usize) -> AutoencoderConfig {
        AutoencoderConfig {
            d_input: width * height,
            hidden: self.hidden.clone(),
            latent: self.latent,
            activation: self.activation,
            variational: self.variational,
            linear: self.linear,
            conv: self.conv.then_some([width, height]),
        }
    }

    /// The randomness of one pass over `n` images `clean`, drawn from `rng` in this order:
    /// what the encoder sees (a spoiled copy for a denoising autoencoder; `None`, the clean
    /// images themselves, not copied or uploaded twice, otherwise), then ε for a VAE.
    fn noise(
        &self,
        clean: &[f32],
        n: usize,
        rng: &mut impl Rng,
    ) -> (Option<Vec<f32>>, Option<Vec<f32>>) {
        let input = (self.corruption != Corruption::None)
            .then(|| self.corruption.apply(clean, self.noise_level, rng));
        let eps = self
            .variational
            .then(|| (0..n * self.latent).map(|_| standard_normal(rng)).collect());
        (input, eps)
    }

    /// Checks the settings for images of `width × height` pixels.
    pub fn validate(&self, width: usize, height: usize) -> Result<()> {
        self.model(width, height).validate()?;
        if self.linear && self.loss == ReconstructionLoss::Bce {
            return Err(PlaygroundError::invalid(
                "loss",
                "BCE needs pixels in (0, 1); the linear (PCA) autoencoder uses MAE or MSE",
            ));
        }
        if !(self.beta.is_finite() && self.beta >= 0.0) {
            return Err(PlaygroundError::invalid(
                "beta",
                format!("must be ≥ 0, got {}", self.beta),
            ));
        }
        if !(0.0..=1.0).contains(&self.noise_level) {
            return Err(PlaygroundError::invalid(
                "noiseLevel",
                format!("must be in [0, 1], got {}", self.noise_level),
            ));
        }
        if !(1..=1024).contains(&self.batch) {
            return Err(PlaygroundError::invalid(
                "batch",
                format!("must be 1 to 1024, got {}", self.batch),
            ));
        }
        // Adam moves each weight by about the learning rate a step: past 1, more than the
        // weights' own scale.
        check_learning_rate("learningRate", self.learning_rate, 1.0)
    }
}

/// One iteration's losses: reconstruction, KL (VAE only) and their weighted sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AutoencoderLosses {
    pub reconstruction: f32,
    pub kl: Option<f32>,
    pub total: f32,
}

/// Per-image reconstruction errors, Σ|x̂ − x| and Σ(x̂ − x)² over the pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageErrors {
    pub absolute: Vec<f64>,
    pub squared: Vec<f64>,
}

impl ImageErrors {
    fn of(reconstructions: &[f32], images: &[f32], size: usize) -> Self {
        let (mut absolute, mut squared) = (Vec::new(), Vec::new());
        for (r, x) in reconstructions
            .chunks_exact(size)
            .zip(images.chunks_exact(size))
        {
            let d = r.iter().zip(x).map(|(&a, &b)| f64::from(a) - f64::from(b));
            absolute.push(d.clone().map(f64::abs).sum());
            squared.push(d.map(|v| v * v).sum());
        }
        Self { absolute, squared }
    }

    pub fn mean_squared(&self) -> f64 {
        self.squared.iter().sum::<f64>() / self.squared.len().max(1) as f64
    }

    pub fn mean_absolute(&self) -> f64 {
        self.absolute.iter().sum::<f64>() / self.absolute.len().max(1) as f64
    }
}

pub struct AutoencoderRun {
    config: AutoencoderTraining,
    model: Autoencoder,
    optim: ModuleOptimizer,
    device: Device,
    rng: SeededRng,
    train: ImageSet,
    held_out: ImageSet,
    iteration: u64,
    history: Vec<AutoencoderLosses>,
}

impl AutoencoderRun {
    /// `device` must have autodiff. The held-out images are chosen by the seed.
    pub fn new(config: AutoencoderTraining, images: &ImageSet, device: &Device) -> Result<Self> {
        config.validate(images.width, images.height)?;
        if images.len() <= config.held_out {
            return Err(PlaygroundError::BadData(format!(
                "{} images leave none to train on after {} held out",
                images.len(),
                config.held_out
            )));
        }
        let mut rng = seeded(config.seed);
        // At most a fifth of a small set (Olivetti has 400 faces) is held out.
        let held_out = config.held_out.min(images.len() / 5);
        let (train, held_out) = images.split(held_out, &mut rng);
        let model = config
            .model(images.width, images.height)
            .init(device, &mut rng)?;
        Ok(Self {
            optim: AdamConfig::new().init(),
            model,
            device: device.clone(),
            rng,
            train,
            held_out,
            iteration: 0,
            history: Vec::new(),
            config,
        })
    }

    pub fn config(&self) -> &AutoencoderTraining {
        &self.config
    }

    /// A fresh run with these settings and this split on `device` (with autodiff): the
    /// model the seed draws, iteration 0.
    pub fn fresh_on(&self, device: &Device) -> Result<Self> {
        let mut rng = seeded(self.config.seed);
        let model = self
            .config
            .model(self.train.width, self.train.height)
            .init(device, &mut rng)?;
        Ok(Self {
            optim: AdamConfig::new().init(),
            model,
            device: device.clone(),
            rng,
            train: self.train.clone(),
            held_out: self.held_out.clone(),
            iteration: 0,
            history: Vec::new(),
            config: self.config.clone(),
        })
    }

    /// This run's model read back and uploaded to `device`, for [`Self::use_device`]: the
    /// switch is two steps, so that two runs (a lab and its twin) move together or not at
    /// all, and on a failed read the run stays where it was.
    pub async fn model_on(&self, device: &Device) -> Result<Autoencoder> {
        move_module(self.model.clone(), device).await
    }

    /// Carries on on `device` with `model` from [`Self::model_on`]; Adam starts afresh.
    pub fn use_device(&mut self, model: Autoencoder, device: &Device) {
        self.model = model;
        self.optim = AdamConfig::new().init();
        self.device = device.clone();
    }

    pub fn iteration(&self) -> u64 {
        self.iteration
    }

    pub fn history(&self) -> &[AutoencoderLosses] {
        &self.history
    }

    pub fn train_set(&self) -> &ImageSet {
        &self.train
    }

    pub fn held_out_set(&self) -> &ImageSet {
        &self.held_out
    }

    fn tensor(&self, values: Vec<f32>, rows: usize) -> Tensor<2> {
        let cols = values.len() / rows.max(1);
        Tensor::from_data(TensorData::new(values, [rows, cols]), &self.device)
    }

    /// Runs `iterations` minibatch steps; losses read back once.
    pub async fn train(&mut self, iterations: u32) -> Result<Vec<AutoencoderLosses>> {
        if iterations == 0 {
            return Ok(Vec::new());
        }
        let before = (self.model.clone(), self.optim.clone(), self.rng.clone());
        let n = self.config.batch;
        let (mut recs, mut kls) = (Vec::new(), Vec::new());
        for _ in 0..iterations {
            let indices: Vec<usize> = (0..n)
                .map(|_| self.rng.random_range(0..self.train.len()))
                .collect();
            let clean = self.train.rows(&indices);
            let (input, eps) = self.config.noise(&clean, n, &mut self.rng);
            let (rec, kl, _) = self.objective(clean, input, eps, n);
            let total = match &kl {
                Some(kl) => rec.clone() + kl.clone() * self.config.beta,
                None => rec.clone(),
            };
            let grads = GradientsParams::from_grads(total.backward(), &self.model);
            self.model = self
                .optim
                .step(self.config.learning_rate, self.model.clone(), grads);
            recs.push(rec.detach());
            kls.extend(kl.map(|k| k.detach()));
        }
        let mut transaction = Transaction::default().register(Tensor::cat(recs, 0));
        let variational = !kls.is_empty();
        if variational {
            transaction = transaction.register(Tensor::cat(kls, 0));
        }
        let read = read_back(transaction).await?;
        let beta = self.config.beta as f32;
        let losses: Vec<AutoencoderLosses> = (0..iterations as usize)
            .map(|i| {
                let reconstruction = read[0][i];
                let kl = variational.then(|| read[1][i]);
                AutoencoderLosses {
                    reconstruction,
                    kl,
                    total: reconstruction + beta * kl.unwrap_or(0.0),
                }
            })
            .collect();
        if let Some((i, l)) = losses
            .iter()
            .enumerate()
            .find(|(_, l)| !l.total.is_finite())
        {
            (self.model, self.optim, self.rng) = before;
            return Err(PlaygroundError::Diverged {
                unit: "iteration",
                epoch: self.iteration + i as u64 + 1,
                which: "reconstruction",
                value: l.total,
            });
        }
        self.iteration += u64::from(iterations);
        self.history.extend_from_slice(&losses);
        Ok(losses)
    }

    /// The training objective's terms on `n` images: the reconstruction loss of the clean
    /// images from `input` (the clean ones if `None`), and for a VAE the KL term, with
    /// z = μ + σ·ε for the given ε. Also the code (mean) the encoder gave `input`.
    fn objective(
        &self,
        clean: Vec<f32>,
        input: Option<Vec<f32>>,
        eps: Option<Vec<f32>>,
        n: usize,
    ) -> (Tensor<1>, Option<Tensor<1>>, Tensor<2>) {
        let clean = self.tensor(clean, n);
        let input = match input {
            Some(input) => self.tensor(input, n),
            None => clean.clone(),
        };
        let encoding = self.model.encode(input);
        let code = encoding.mean.clone();
        let (z, kl) = match (encoding.log_var, eps) {
            (Some(log_var), Some(eps)) => {
                let kl = kl_to_standard_normal(encoding.mean.clone(), log_var.clone());
                let z = reparameterize(encoding.mean, log_var, self.tensor(eps, n));
                (z, Some(kl))
            }
            _ => (encoding.mean, None),
        };
        let raw = self.model.decode_raw(z);
        let rec = self
            .config
            .loss
            .loss(raw, clean, |raw| self.model.pixels(raw));
        (rec, kl, code)
    }

    /// One pass over the held-out images: their codes (means, for a VAE), their
    /// reconstructions through the codes, and the training objective on them (with the
    /// run's corruption and ε drawn from `seed`, the same each time, so that the curve
    /// moves only with the model), read back together.
    pub async fn held_out_pass(&self, seed: u64) -> Result<HeldOutPass> {
        let images = &self.held_out.pixels;
        let n = self.held_out.len();
        if n == 0 {
            return Err(PlaygroundError::BadData("no images are held out".into()));
        }
        let (input, eps) = self.config.noise(images, n, &mut seeded(seed));
        let corrupted = input.is_some();
        let (rec, kl, code) = self.objective(images.clone(), input, eps, n);
        // The codes of the clean images: the objective's own when it saw them unspoiled.
        let code = if corrupted {
            self.model.encode(self.tensor(images.clone(), n)).mean
        } else {
            code
        };
        let back = self.model.decode(code.clone());
        let mut transaction = Transaction::default()
            .register(code)
            .register(back)
            .register(rec);
        if let Some(kl) = kl {
            transaction = transaction.register(kl);
        }
        let mut read = read_back(transaction).await?.into_iter();
        let (codes, back, rec) = (
            read.next().unwrap_or_default(),
            read.next().unwrap_or_default(),
            read.next().unwrap_or_default(),
        );
        let reconstruction = rec.first().copied().unwrap_or(f32::NAN);
        let kl = read.next().and_then(|k| k.first().copied());
        Ok(HeldOutPass {
            errors: ImageErrors::of(&back, images, self.held_out.size()),
            codes,
            reconstructions: back,
            losses: AutoencoderLosses {
                reconstruction,
                kl,
                total: reconstruction + self.config.beta as f32 * kl.unwrap_or(0.0),
            },
        })
    }

    /// Reconstructions of `images` (row-major) through the code (the mean, for a VAE).
    pub async fn reconstruct(&self, images: &[f32]) -> Result<Vec<f32>> {
        let n = images.len() / self.train.size();
        let x = self.tensor(images.to_vec(), n);
        let out = self.model.decode(self.model.encode(x).mean);
        Ok(read_back(Transaction::default().register(out))
            .await?
            .remove(0))
    }

    /// The codes (means, for a VAE) of `images`.
    pub async fn encode(&self, images: &[f32]) -> Result<Vec<f32>> {
        let n = images.len() / self.train.size();
        let x = self.tensor(images.to_vec(), n);
        let code = self.model.encode(x).mean;
        Ok(read_back(Transaction::default().register(code))
            .await?
            .remove(0))
    }

    /// Images for `codes` (row-major, `latent` each).
    pub async fn decode(&self, codes: &[f32]) -> Result<Vec<f32>> {
        let n = codes.len() / self.config.latent;
        let out = self.model.decode(self.tensor(codes.to_vec(), n));
        Ok(read_back(Transaction::default().register(out))
            .await?
            .remove(0))
    }

    /// `n` images decoded from z ~ N(0, I): meaningful only for a VAE (THEORY.md §6).
    pub async fn sample_prior(&self, n: usize, rng: &mut impl Rng) -> Result<Vec<f32>> {
        let z: Vec<f32> = (0..n * self.config.latent)
            .map(|_| standard_normal(rng))
            .collect();
        self.decode(&z).await
    }

    /// Each held-out image's reconstruction error, through the clean input.
    pub async fn held_out_errors(&self) -> Result<ImageErrors> {
        let images = &self.held_out.pixels;
        let back = self.reconstruct(images).await?;
        Ok(ImageErrors::of(&back, images, self.held_out.size()))
    }
}

/// What [`AutoencoderRun::held_out_pass`] reads back.
#[derive(Debug, Clone)]
pub struct HeldOutPass {
    /// `latent` numbers per held-out image.
    pub codes: Vec<f32>,
    pub reconstructions: Vec<f32>,
    pub errors: ImageErrors,
    /// The training objective on the held-out images.
    pub losses: AutoencoderLosses,
}

/// Reconstruction errors of `images` under PCA with `pca`.
pub fn pca_errors(pca: &crate::models::Pca, images: &ImageSet) -> ImageErrors {
    let back: Vec<f32> = (0..images.len())
        .flat_map(|i| pca.reconstruct(images.image(i)))
        .map(|v| v as f32)
        .collect();
    ImageErrors::of(&back, &images.pixels, images.size())
}
