//! Minibatch GAN training on the 2-D toy data (THEORY.md §2–§4): k D-steps per G-step, any
//! objective, a separate optimiser and learning rate per player, all live-changeable.

use burn::module::{ModuleMapper, Param};
use burn::optim::{
    AdamConfig, GradientsParams, ModuleOptimizer, RmsPropConfig, SgdConfig,
    momentum::MomentumConfig,
};
use burn::prelude::*;
use burn::tensor::Transaction;
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use serde::{Deserialize, Serialize};

use crate::backend::read_back;
use crate::data::seeded;
use crate::data::toy::{NoiseKind, Toy2d, noise};
use crate::error::{PlaygroundError, Result};
use crate::models::{Activation, Mlp, MlpConfig};
use crate::objectives::{GanObjective, gradient_penalty};

/// An optimiser and its step size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Optimizer {
    Sgd {
        lr: f64,
    },
    Momentum {
        lr: f64,
        momentum: f64,
    },
    /// Adam with β₁, β₂ (GANs usually take β₁ = 0.5).
    Adam {
        lr: f64,
        beta1: f32,
        beta2: f32,
    },
    /// RMSProp, the original WGAN's choice.
    RmsProp {
        lr: f64,
    },
}

impl Optimizer {
    pub fn lr(self) -> f64 {
        match self {
            Self::Sgd { lr }
            | Self::Momentum { lr, .. }
            | Self::Adam { lr, .. }
            | Self::RmsProp { lr } => lr,
        }
    }

    fn init(self) -> ModuleOptimizer {
        match self {
            Self::Sgd { .. } => SgdConfig::new().init(),
            Self::Momentum { momentum, .. } => SgdConfig::new()
                .with_momentum(Some(MomentumConfig::new().with_momentum(momentum)))
                .init(),
            Self::Adam { beta1, beta2, .. } => AdamConfig::new()
                .with_beta_1(beta1)
                .with_beta_2(beta2)
                .init(),
            Self::RmsProp { .. } => RmsPropConfig::new().init(),
        }
    }

    fn validate(self, name: &'static str) -> Result<()> {
        let lr = self.lr();
        if !(lr.is_finite() && lr > 0.0 && lr <= 10.0) {
            return Err(PlaygroundError::invalid(
                name,
                format!("learning rate must be in (0, 10], got {lr}"),
            ));
        }
        Ok(())
    }
}

/// A 2-D GAN run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToyGanConfig {
    pub data: Toy2d,
    pub noise: NoiseKind,
    pub noise_dim: usize,
    pub generator_hidden: Vec<usize>,
    pub discriminator_hidden: Vec<usize>,
    pub activation: Activation,
    pub objective: GanObjective,
    /// D (critic) steps per G step.
    pub d_steps: usize,
    pub g_steps: usize,
    pub batch: usize,
    pub optimizer_d: Optimizer,
    pub optimizer_g: Optimizer,
    pub seed: u64,
}

impl Default for ToyGanConfig {
    /// The "toy2d" workload: ring of 8, 2-D Gaussian z, 2→64→64→2 and 2→64→64→1 ReLU MLPs,
    /// batch 256, Adam 1e-3 (β 0.5, 0.999) for both, one D step per G step.
    fn default() -> Self {
        let adam = Optimizer::Adam {
            lr: 1e-3,
            beta1: 0.5,
            beta2: 0.999,
        };
        Self {
            data: Toy2d::Ring,
            noise: NoiseKind::Gaussian,
            noise_dim: 2,
            generator_hidden: vec![64, 64],
            discriminator_hidden: vec![64, 64],
            activation: Activation::Relu,
            objective: GanObjective::NonSaturating,
            d_steps: 1,
            g_steps: 1,
            batch: 256,
            optimizer_d: adam,
            optimizer_g: adam,
            seed: 1,
        }
    }
}

impl ToyGanConfig {
    pub fn validate(&self) -> Result<()> {
        self.generator().validate("generatorLayers")?;
        self.discriminator().validate("discriminatorLayers")?;
        self.optimizer_d.validate("optimizerD")?;
        self.optimizer_g.validate("optimizerG")?;
        if !(1..=20).contains(&self.d_steps) || !(1..=20).contains(&self.g_steps) {
            return Err(PlaygroundError::invalid(
                "dSteps",
                "D and G steps must be between 1 and 20",
            ));
        }
        if !(1..=4096).contains(&self.batch) {
            return Err(PlaygroundError::invalid(
                "batch",
                format!("must be 1 to 4096, got {}", self.batch),
            ));
        }
        match self.objective {
            GanObjective::Wgan { clip } if !(clip.is_finite() && clip > 0.0) => Err(
                PlaygroundError::invalid("clip", format!("must be positive, got {clip}")),
            ),
            GanObjective::WganGp { lambda } if !(lambda.is_finite() && lambda >= 0.0) => Err(
                PlaygroundError::invalid("lambda", format!("must be ≥ 0, got {lambda}")),
            ),
            _ => Ok(()),
        }
    }

    fn generator(&self) -> MlpConfig {
        MlpConfig::new(self.noise_dim, 2, self.generator_hidden.clone())
            .with_activation(self.activation)
    }

    fn discriminator(&self) -> MlpConfig {
        MlpConfig::new(2, 1, self.discriminator_hidden.clone()).with_activation(self.activation)
    }
}

/// Clips every critic weight to [−c, c] (WGAN's Lipschitz constraint).
struct Clip(f32);

impl ModuleMapper for Clip {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        param.map(|t| {
            let require_grad = t.is_require_grad();
            let clipped = Tensor::from_inner(t.inner().clamp(-self.0, self.0));
            if require_grad {
                clipped.require_grad()
            } else {
                clipped
            }
        })
    }
}

/// Losses of one iteration (the last D step's and G step's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IterationLosses {
    pub d: f32,
    pub g: f32,
}

pub struct ToyGan {
    config: ToyGanConfig,
    generator: Mlp,
    discriminator: Mlp,
    optim_g: ModuleOptimizer,
    optim_d: ModuleOptimizer,
    device: Device,
    rng: SeededRng,
    iteration: u64,
}

impl ToyGan {
    /// `device` must have autodiff.
    pub fn new(config: ToyGanConfig, device: &Device) -> Result<Self> {
        config.validate()?;
        let mut rng = seeded(config.seed);
        Ok(Self {
            generator: config.generator().init(device, &mut rng)?,
            discriminator: config.discriminator().init(device, &mut rng)?,
            optim_g: config.optimizer_g.init(),
            optim_d: config.optimizer_d.init(),
            device: device.clone(),
            rng,
            iteration: 0,
            config,
        })
    }

    /// New step sizes take effect at the next step; the optimisers keep their state.
    pub fn set_learning_rates(&mut self, d: f64, g: f64) -> Result<()> {
        let with = |o: Optimizer, lr: f64| match o {
            Optimizer::Sgd { .. } => Optimizer::Sgd { lr },
            Optimizer::Momentum { momentum, .. } => Optimizer::Momentum { lr, momentum },
            Optimizer::Adam { beta1, beta2, .. } => Optimizer::Adam { lr, beta1, beta2 },
            Optimizer::RmsProp { .. } => Optimizer::RmsProp { lr },
        };
        let config = ToyGanConfig {
            optimizer_d: with(self.config.optimizer_d, d),
            optimizer_g: with(self.config.optimizer_g, g),
            ..self.config.clone()
        };
        config.validate()?;
        self.config = config;
        Ok(())
    }

    pub fn iteration(&self) -> u64 {
        self.iteration
    }

    fn tensor(&self, values: Vec<f64>, rows: usize) -> Tensor<2> {
        let cols = values.len() / rows.max(1);
        let values: Vec<f32> = values.into_iter().map(|v| v as f32).collect();
        Tensor::from_data(TensorData::new(values, [rows, cols]), &self.device)
    }

    fn real_batch(&mut self) -> Tensor<2> {
        let n = self.config.batch;
        let points: Vec<f64> = self
            .config
            .data
            .samples(n, &mut self.rng)
            .into_iter()
            .flatten()
            .collect();
        self.tensor(points, n)
    }

    fn noise_batch(&mut self, n: usize) -> Result<Tensor<2>> {
        let z = noise(self.config.noise, self.config.noise_dim, n, &mut self.rng)?;
        Ok(self.tensor(z, n))
    }

    /// Runs `iterations` iterations (k D steps, then the G steps); losses read back once.
    pub async fn train(&mut self, iterations: u32) -> Result<Vec<IterationLosses>> {
        let objective = self.config.objective;
        let (mut d_losses, mut g_losses) = (Vec::new(), Vec::new());
        for _ in 0..iterations {
            let mut d_loss = None;
            for _ in 0..self.config.d_steps {
                let real = self.real_batch();
                let z = self.noise_batch(self.config.batch)?;
                let fake = self.generator.forward(z).detach();
                let mut loss = objective.discriminator_loss(
                    self.discriminator.forward(real.clone()),
                    self.discriminator.forward(fake.clone()),
                );
                if let GanObjective::WganGp { lambda } = objective {
                    let n = self.config.batch;
                    let t: Vec<f64> = (0..n).map(|_| self.rng.random::<f64>()).collect();
                    let t = self.tensor(t, n);
                    let between = real * t.clone() + fake * (-t + 1.0);
                    let (_, g) = self.discriminator.forward_with_input_gradient(between);
                    loss = loss + gradient_penalty(g, lambda);
                }
                let grads = GradientsParams::from_grads(loss.backward(), &self.discriminator);
                self.discriminator = self.optim_d.step(
                    self.config.optimizer_d.lr(),
                    self.discriminator.clone(),
                    grads,
                );
                if let GanObjective::Wgan { clip } = objective {
                    self.discriminator = self.discriminator.clone().map(&mut Clip(clip as f32));
                }
                d_loss = Some(loss.detach());
            }
            let mut g_loss = None;
            for _ in 0..self.config.g_steps {
                let z = self.noise_batch(self.config.batch)?;
                let loss =
                    objective.generator_loss(self.discriminator.forward(self.generator.forward(z)));
                let grads = GradientsParams::from_grads(loss.backward(), &self.generator);
                self.generator =
                    self.optim_g
                        .step(self.config.optimizer_g.lr(), self.generator.clone(), grads);
                g_loss = Some(loss.detach());
            }
            d_losses.extend(d_loss);
            g_losses.extend(g_loss);
        }
        self.iteration += u64::from(iterations);
        if iterations == 0 {
            return Ok(Vec::new());
        }
        let losses = read_back(
            Transaction::default()
                .register(Tensor::cat(d_losses, 0))
                .register(Tensor::cat(g_losses, 0)),
        )
        .await?;
        Ok(losses[0]
            .iter()
            .zip(&losses[1])
            .map(|(&d, &g)| IterationLosses { d, g })
            .collect())
    }

    /// `n` generated points.
    pub async fn samples(&mut self, n: usize) -> Result<Vec<[f64; 2]>> {
        let z = self.noise_batch(n)?;
        let points = read_back(Transaction::default().register(self.generator.forward(z))).await?;
        Ok(points[0]
            .chunks_exact(2)
            .map(|c| [f64::from(c[0]), f64::from(c[1])])
            .collect())
    }

    /// Every critic weight, for checking WGAN's clipping.
    pub async fn discriminator_weights(&self) -> Result<Vec<f32>> {
        let mut transaction = Transaction::default();
        for layer in &self.discriminator.layers {
            transaction = transaction
                .register(layer.weight.val())
                .register(layer.bias.as_ref().expect("bias").val());
        }
        Ok(read_back(transaction).await?.concat())
    }
}
