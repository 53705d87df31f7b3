//! Minibatch GAN training on the 1-D and 2-D toy data (THEORY.md §2–§4): k D-steps per G-step, any
//! objective, a separate optimiser and learning rate per player, all live-changeable.

use burn::module::{ModuleMapper, Param};
use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::Transaction;
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use serde::{Deserialize, Serialize};

use crate::backend::{BackendInfo, ComputeDevice, move_module, read_back};
use crate::data::seeded;
use crate::data::toy::noise;
use crate::error::{PlaygroundError, Result};
use crate::models::Mlp;
use crate::objectives::{GanObjective, GeneratorLoss, gradient_penalty};

use super::game_settings::ToyGanConfig;
use super::game_view::{
    FieldGrid, GameMetrics, GameView, VIEW_SAMPLES, ViewNumbers, game_view, manifold_noise,
};

/// Clips every critic weight to [−c, c] (WGAN's Lipschitz constraint).
pub(crate) struct Clip(pub(crate) f32);

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

/// Losses of one iteration (the last D step's and G step's); a player that did not step
/// has none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IterationLosses {
    pub d: Option<f32>,
    pub g: Option<f32>,
}

/// Which players move in a call to [`ToyGan::train_players`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Players {
    /// k D steps, then the G steps: one iteration of the game.
    Both,
    /// One D step per iteration, G frozen.
    DiscriminatorOnly,
    /// One G step per iteration, D frozen.
    GeneratorOnly,
}

/// Most iterations one call may run (the page trains in chunks far below this).
pub const MAX_ITERATIONS_PER_CALL: u32 = 100_000;

pub struct ToyGan {
    config: ToyGanConfig,
    generator: Mlp,
    discriminator: Mlp,
    optim_g: ModuleOptimizer,
    optim_d: ModuleOptimizer,
    device: Device,
    /// What `device` is, as the page shows it.
    backend: BackendInfo,
    rng: SeededRng,
    /// The views' own stream, so that looking never changes training.
    view_rng: SeededRng,
    iteration: u64,
    losses: Vec<IterationLosses>,
    metrics: Vec<GameMetrics>,
}

impl ToyGan {
    /// A run on `device` (with autodiff), which it keeps until [`Self::set_device`].
    pub fn new(config: ToyGanConfig, device: ComputeDevice) -> Result<Self> {
        let ComputeDevice { device, info } = device;
        config.validate()?;
        let mut rng = seeded(config.seed);
        Ok(Self {
            generator: config.generator().init(&device, &mut rng)?,
            discriminator: config.discriminator().init(&device, &mut rng)?,
            optim_g: config.optimizer_g.init(),
            optim_d: config.optimizer_d.init(),
            device,
            backend: info,
            rng,
            view_rng: seeded(config.seed ^ 0x00de_ca1f),
            iteration: 0,
            losses: Vec::new(),
            metrics: Vec::new(),
            config,
        })
    }

    pub fn config(&self) -> &ToyGanConfig {
        &self.config
    }

    /// Every iteration's losses so far.
    pub fn losses(&self) -> &[IterationLosses] {
        &self.losses
    }

    /// The metrics of every view taken so far.
    pub fn metrics(&self) -> &[GameMetrics] {
        &self.metrics
    }

    /// New step sizes take effect at the next step; the optimisers keep their state.
    pub fn set_learning_rates(&mut self, d: f64, g: f64) -> Result<()> {
        let config = ToyGanConfig {
            optimizer_d: self.config.optimizer_d.with_lr(d),
            optimizer_g: self.config.optimizer_g.with_lr(g),
            ..self.config.clone()
        };
        self.reconfigure(config)
    }

    /// Changes what can change live (objective, k, G steps, batch, optimisers and their
    /// step sizes), keeping the weights and the iteration. An optimiser of another kind
    /// starts with fresh state. The data, noise, networks and seed need a new run.
    pub fn reconfigure(&mut self, config: ToyGanConfig) -> Result<()> {
        config.validate()?;
        if config.architecture() != self.config.architecture() {
            return Err(PlaygroundError::invalid(
                "config",
                "the data, noise, networks and seed cannot change live: reset to rebuild",
            ));
        }
        if config.optimizer_d.with_lr(1.0) != self.config.optimizer_d.with_lr(1.0) {
            self.optim_d = config.optimizer_d.init();
        }
        if config.optimizer_g.with_lr(1.0) != self.config.optimizer_g.with_lr(1.0) {
            self.optim_g = config.optimizer_g.init();
        }
        self.config = config;
        Ok(())
    }

    /// The backend the run trains on.
    pub fn backend(&self) -> &BackendInfo {
        &self.backend
    }

    /// Carries on on another device with the same weights (read back and uploaded there)
    /// and the same iteration; the optimisers start afresh (their state lives on the old
    /// device). On a failed read the run stays where it was.
    pub async fn set_device(&mut self, device: ComputeDevice) -> Result<()> {
        let generator = move_module(self.generator.clone(), &device.device).await?;
        let discriminator = move_module(self.discriminator.clone(), &device.device).await?;
        (self.generator, self.discriminator) = (generator, discriminator);
        self.optim_g = self.config.optimizer_g.init();
        self.optim_d = self.config.optimizer_d.init();
        (self.device, self.backend) = (device.device, device.info);
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
        let points = self.config.data.sample_rows(n, &mut self.rng);
        self.tensor(points, n)
    }

    fn noise_batch(&mut self, n: usize) -> Result<Tensor<2>> {
        let z = noise(self.config.noise, self.config.noise_dim, n, &mut self.rng)?;
        Ok(self.tensor(z, n))
    }

    /// One step of D (or the critic); its loss.
    fn discriminator_step(&mut self) -> Result<Tensor<1>> {
        let objective = self.config.objective;
        let real = self.real_batch();
        let z = self.noise_batch(self.config.batch)?;
        let fake = self.generator.forward(z).detach();
        // Real and fake through D in one pass: half the operations of two passes.
        let n = self.config.batch;
        let scores = self
            .discriminator
            .forward(Tensor::cat(vec![real.clone(), fake.clone()], 0));
        let mut loss = objective.discriminator_loss(
            scores.clone().slice([0..n, 0..1]),
            scores.slice([n..2 * n, 0..1]),
        );
        if let GanObjective::WganGp { lambda } = objective {
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
        Ok(loss.detach())
    }

    /// One step of G; its loss.
    fn generator_step(&mut self) -> Result<Tensor<1>> {
        let z = self.noise_batch(self.config.batch)?;
        let loss = self
            .config
            .objective
            .generator_loss(self.discriminator.forward(self.generator.forward(z)));
        let grads = GradientsParams::from_grads(loss.backward(), &self.generator);
        self.generator =
            self.optim_g
                .step(self.config.optimizer_g.lr(), self.generator.clone(), grads);
        Ok(loss.detach())
    }

    /// Runs `iterations` iterations of the game (k D steps, then the G steps); the losses
    /// are read back once.
    pub async fn train(&mut self, iterations: u32) -> Result<Vec<IterationLosses>> {
        self.train_players(iterations, Players::Both).await
    }

    /// Runs `iterations` iterations in which `players` move, reading the losses back once.
    /// If a loss stops being finite, the run goes back to where it was before this call
    /// and says so.
    pub async fn train_players(
        &mut self,
        iterations: u32,
        players: Players,
    ) -> Result<Vec<IterationLosses>> {
        if iterations > MAX_ITERATIONS_PER_CALL {
            return Err(PlaygroundError::invalid(
                "iterations",
                format!("at most {MAX_ITERATIONS_PER_CALL} per call, got {iterations}"),
            ));
        }
        if iterations == 0 {
            return Ok(Vec::new());
        }
        let before = (
            self.generator.clone(),
            self.discriminator.clone(),
            self.optim_g.clone(),
            self.optim_d.clone(),
            self.rng.clone(),
        );
        let (d_steps, g_steps) = match players {
            Players::Both => (self.config.d_steps, self.config.g_steps),
            Players::DiscriminatorOnly => (1, 0),
            Players::GeneratorOnly => (0, 1),
        };
        let (mut d_losses, mut g_losses) = (Vec::new(), Vec::new());
        for _ in 0..iterations {
            let mut d_loss = None;
            for _ in 0..d_steps {
                d_loss = Some(self.discriminator_step()?);
            }
            let mut g_loss = None;
            for _ in 0..g_steps {
                g_loss = Some(self.generator_step()?);
            }
            d_losses.extend(d_loss);
            g_losses.extend(g_loss);
        }
        let mut transaction = Transaction::default();
        let (has_d, has_g) = (!d_losses.is_empty(), !g_losses.is_empty());
        if has_d {
            transaction = transaction.register(Tensor::cat(d_losses, 0));
        }
        if has_g {
            transaction = transaction.register(Tensor::cat(g_losses, 0));
        }
        let read = read_back(transaction).await?;
        let mut read = read.into_iter();
        let d: Vec<f32> = if has_d {
            read.next().unwrap_or_default()
        } else {
            Vec::new()
        };
        let g: Vec<f32> = if has_g {
            read.next().unwrap_or_default()
        } else {
            Vec::new()
        };
        let losses: Vec<IterationLosses> = (0..iterations as usize)
            .map(|i| IterationLosses {
                d: d.get(i).copied(),
                g: g.get(i).copied(),
            })
            .collect();
        let bad = losses.iter().enumerate().find_map(|(i, l)| {
            match (
                l.d.filter(|v| !v.is_finite()),
                l.g.filter(|v| !v.is_finite()),
            ) {
                (Some(v), _) => Some((i, "discriminator", v)),
                (_, Some(v)) => Some((i, "generator", v)),
                _ => None,
            }
        });
        if let Some((i, which, value)) = bad {
            (
                self.generator,
                self.discriminator,
                self.optim_g,
                self.optim_d,
                self.rng,
            ) = before;
            return Err(PlaygroundError::Diverged {
                unit: "iteration",
                epoch: self.iteration + i as u64 + 1,
                which,
                value,
            });
        }
        self.iteration += u64::from(iterations);
        self.losses.extend_from_slice(&losses);
        Ok(losses)
    }

    /// `n` generated 2-D points (the first two coordinates of 1-D data are padded with 0).
    pub async fn samples(&mut self, n: usize) -> Result<Vec<[f64; 2]>> {
        let dims = self.config.data.dims();
        let z = self.noise_batch(n)?;
        let points = read_back(Transaction::default().register(self.generator.forward(z))).await?;
        Ok(points[0]
            .chunks_exact(dims)
            .map(|c| [f64::from(c[0]), c.get(1).copied().map_or(0.0, f64::from)])
            .collect())
    }

    /// Every critic weight, for checking WGAN's clipping.
    pub async fn discriminator_weights(&self) -> Result<Vec<f32>> {
        Self::weights_of(&self.discriminator).await
    }

    /// Every generator weight.
    pub async fn generator_weights(&self) -> Result<Vec<f32>> {
        Self::weights_of(&self.generator).await
    }

    /// D's raw output (score, critic value or LSGAN output) at `points` (row-major).
    pub async fn discriminate(&self, points: &[f64]) -> Result<Vec<f32>> {
        let n = points.len() / self.config.data.dims();
        let out = self.discriminator.forward(self.tensor(points.to_vec(), n));
        Ok(read_back(Transaction::default().register(out))
            .await?
            .remove(0))
    }

    async fn weights_of(mlp: &Mlp) -> Result<Vec<f32>> {
        let mut transaction = Transaction::default();
        for layer in &mlp.layers {
            transaction = transaction
                .register(layer.weight.val())
                .register(layer.bias.as_ref().expect("bias").val());
        }
        Ok(read_back(transaction).await?.concat())
    }

    /// ‖∇θ_G loss‖² for G's loss `loss` on D's scores of fresh fakes, as a device scalar.
    fn generator_gradient_norm_squared(
        &mut self,
        loss: impl Fn(Tensor<2>) -> Tensor<1>,
        z: Tensor<2>,
    ) -> Tensor<1> {
        let grads = loss(self.discriminator.forward(self.generator.forward(z))).backward();
        let squares: Vec<Tensor<1>> = self
            .generator
            .layers
            .iter()
            .flat_map(|layer| {
                let w = layer
                    .weight
                    .val()
                    .grad(&grads)
                    .map(|g| Tensor::from_inner(g.powi_scalar(2).sum()));
                let b = layer
                    .bias
                    .as_ref()
                    .and_then(|b| b.val().grad(&grads))
                    .map(|g| Tensor::from_inner(g.powi_scalar(2).sum()));
                [w, b]
            })
            .flatten()
            .collect();
        Tensor::cat(squares, 0).sum()
    }

    /// What the views draw, on fresh samples from the views' own stream, read back at once
    /// and made into the view model by [`game_view::game_view`]. Its metrics are kept in
    /// [`ToyGan::metrics`].
    pub async fn view(&mut self) -> Result<GameView> {
        let n = VIEW_SAMPLES;
        let dims = self.config.data.dims();
        let noise_dim = self.config.noise_dim;
        let objective = self.config.objective;

        let real_rows = self.config.data.sample_rows(n, &mut self.view_rng);
        let z_rows = noise(self.config.noise, noise_dim, n, &mut self.view_rng)?;
        let real = self.tensor(real_rows.clone(), n);
        let z = self.tensor(z_rows.clone(), n);

        // The fakes as leaves, so that G's loss can be differentiated with respect to them.
        let fake = self.generator.forward(z).detach().require_grad();
        let fake_out = self.discriminator.forward(fake.clone());
        let real_out = self.discriminator.forward(real).detach();
        let grads = objective.generator_loss(fake_out.clone()).backward();
        // The loss is a mean over n points: n·∂L/∂x is each point's own pull.
        let arrows = fake
            .grad(&grads)
            // (A gradient comes back unwrapped from autodiff: wrapped again, it can be read
            // in one transaction with the other tensors.)
            .map(|g| Tensor::from_inner(g) * (-(n as f64)))
            .unwrap_or_else(|| Tensor::zeros([n, dims], &self.device));

        let grid = FieldGrid::new(dims, self.config.data.extent());
        let field = self
            .discriminator
            .forward(self.tensor(grid.points, grid.nx * grid.ny))
            .detach();
        let manifold = manifold_noise(dims, self.config.noise, noise_dim)
            .map(|(mx, my, zs)| self.generator.forward(self.tensor(zs, mx * my)).detach());

        // Why non-saturating: both of G's losses on the same D and the same z.
        let batch = self.config.batch;
        let z_rows_norm = noise(self.config.noise, noise_dim, batch, &mut self.view_rng)?;
        let z_norm = self.tensor(z_rows_norm, batch);
        let saturating = self
            .generator_gradient_norm_squared(|s| GeneratorLoss::Saturating.loss(s), z_norm.clone());
        let non_saturating =
            self.generator_gradient_norm_squared(|s| GeneratorLoss::NonSaturating.loss(s), z_norm);

        let has_manifold = manifold.is_some();
        let mut transaction = Transaction::default()
            .register(fake.detach())
            .register(fake_out.detach())
            .register(real_out)
            .register(arrows)
            .register(field)
            .register(saturating)
            .register(non_saturating);
        if let Some(m) = manifold {
            transaction = transaction.register(m);
        }
        let mut read = read_back(transaction).await?.into_iter();
        let mut next = || read.next().unwrap_or_default();
        let numbers = ViewNumbers {
            iteration: self.iteration,
            // As f32, like every number read from the device.
            real: real_rows.iter().map(|&v| v as f32).collect(),
            z: z_rows,
            fake: next(),
            fake_scores: next(),
            real_scores: next(),
            arrows: next(),
            field_scores: next(),
            grad_saturating_squared: next()[0],
            grad_non_saturating_squared: next()[0],
            manifold: has_manifold.then(&mut next),
        };
        let view = game_view(
            &self.config.data,
            objective,
            noise_dim,
            &numbers,
            self.losses.last().copied(),
        );
        self.metrics.push(view.metrics);
        Ok(view)
    }
}
