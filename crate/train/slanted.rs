//! The training loop of the slanted-faces GAN, with the note's schedule: per epoch, for each
//! face, a D step on the face, a fresh z, a D step on G(z), then a G step with −ln D(G(z));
//! plain SGD. It runs on Burn's autodiff (WebGPU or CPU) or by hand; one seed gives one run
//! whichever computes it, because every random number comes from the same host stream.

use burn::optim::{GradientsParams, ModuleOptimizer, SgdConfig};
use burn::prelude::*;
use burn::tensor::Transaction;
use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use serde::{Deserialize, Serialize};

use crate::backend::{BackendInfo, ComputeDevice, read_back};
use crate::by_hand::{DiscriminatorGradients, FaceStepGradients, GeneratorGradients, HandGan};
use crate::config::{Engine, SlantedFacesConfig};
use crate::data::{FACES, Pixels, noise, seeded};
use crate::error::{PlaygroundError, Result};
use crate::models::{Discriminator, Generator, SlantedWeights};
use crate::objectives::{GeneratorLoss, fake_loss, real_loss};
use crate::presets::{self, PresetView};

/// Most epochs one `train` call runs, so that the page stays responsive.
pub const MAX_EPOCHS_PER_CALL: u32 = 100_000;

/// Mean errors over the faces of one epoch, as the note plots them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpochLosses {
    /// −ln D(x) − ln(1 − D(G(z))).
    pub d: f32,
    /// −ln D(G(z)).
    pub g: f32,
}

/// What the page draws after a step.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The preset (the note's run), with the note's result as its claim, judged on these
    /// samples.
    pub preset: PresetView,
    pub engine: Engine,
    pub backend: BackendInfo,
    pub seed: u64,
    pub learning_rate: f64,
    pub epoch: u64,
    /// The latest epoch's losses (`None` before the first epoch).
    pub losses: Option<EpochLosses>,
    /// Losses of the epochs run by the last `train` call, oldest first.
    pub recent: Vec<EpochLosses>,
    /// The generator's faces for fresh z, 4 pixels each in [0, 1].
    pub samples: Vec<Pixels>,
    pub sample_z: Vec<f32>,
    /// D(G(z)) for each sample and D(x) for each real face.
    pub fake_scores: Vec<f32>,
    pub real_scores: Vec<f32>,
    pub real: Vec<Pixels>,
    pub weights: SlantedWeights,
    /// The gradients the next step takes on the first face, for the first sample's z, by
    /// Burn's autodiff and by the note's derivatives: the page shows that they agree.
    pub gradients: GradientCheck,
}

/// One face's step, its gradients taken both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradientCheck {
    pub z: f32,
    pub burn: FaceStepGradients,
    pub by_hand: FaceStepGradients,
    /// max |Burn − by hand| over the 18 gradients.
    pub largest_difference: f64,
}

/// Both players on a Burn autodiff device, with their optimisers.
struct BurnPlayers {
    generator: Generator,
    discriminator: Discriminator,
    optim_g: ModuleOptimizer,
    optim_d: ModuleOptimizer,
    device: Device,
}

/// One face's step on Burn: the losses it saw, and its gradients when asked for.
struct BurnFaceStep {
    d_loss: Tensor<1>,
    g_loss: Tensor<1>,
    gradients: Option<[Tensor<2>; 3]>,
}

impl BurnPlayers {
    fn new(weights: &SlantedWeights, device: &Device) -> Self {
        let (generator, discriminator) = weights.to_modules(device);
        Self {
            generator,
            discriminator,
            optim_g: SgdConfig::new().init(),
            optim_d: SgdConfig::new().init(),
            device: device.clone(),
        }
    }

    fn tensor(&self, values: &[f32], shape: [usize; 2]) -> Tensor<2> {
        Tensor::from_data(TensorData::new(values.to_vec(), shape), &self.device)
    }

    fn face_step(&mut self, face: &Pixels, z: f32, lr: f64, keep_gradients: bool) -> BurnFaceStep {
        let x = self.tensor(face, [1, 4]);
        let z = self.tensor(&[z], [1, 1]);
        // A weight and bias gradient of one player, packed as [weights.., bias..] rows.
        let packed = |grads: &GradientsParams, layer: &burn::nn::Linear| {
            let w: Tensor<2> = grads.get(layer.weight.id).expect("weight gradient");
            let bias = layer.bias.as_ref().expect("bias");
            let b: Tensor<1> = grads.get(bias.id).expect("bias gradient");
            Tensor::cat(vec![w.reshape([1, -1]), b.reshape([1, -1])], 1)
        };

        // D on the real face (label 1).
        let loss_real = real_loss(self.discriminator.score(x));
        let grads = GradientsParams::from_grads(loss_real.backward(), &self.discriminator);
        let g_real = keep_gradients.then(|| packed(&grads, &self.discriminator.layer));
        self.discriminator = self.optim_d.step(lr, self.discriminator.clone(), grads);

        // D on a fake (label 0); G is held fixed.
        let fake = self.generator.forward(z.clone()).detach();
        let loss_fake = fake_loss(self.discriminator.score(fake));
        let grads = GradientsParams::from_grads(loss_fake.backward(), &self.discriminator);
        let g_fake = keep_gradients.then(|| packed(&grads, &self.discriminator.layer));
        self.discriminator = self.optim_d.step(lr, self.discriminator.clone(), grads);

        // G through the updated D, non-saturating as in the note.
        let scores = self.discriminator.score(self.generator.forward(z));
        let loss_g = GeneratorLoss::NonSaturating.loss(scores);
        let grads = GradientsParams::from_grads(loss_g.backward(), &self.generator);
        let g_gen = keep_gradients.then(|| packed(&grads, &self.generator.layer));
        self.generator = self.optim_g.step(lr, self.generator.clone(), grads);

        BurnFaceStep {
            d_loss: (loss_real + loss_fake).detach(),
            g_loss: loss_g.detach(),
            gradients: match (g_real, g_fake, g_gen) {
                (Some(a), Some(b), Some(c)) => Some([a, b, c]),
                _ => None,
            },
        }
    }
}

enum EngineState {
    Burn(Box<BurnPlayers>),
    ByHand(HandGan),
}

/// A live run of the slanted-faces GAN.
pub struct SlantedFacesGan {
    config: SlantedFacesConfig,
    /// Every z of training, in order.
    rng: SeededRng,
    /// The z of the faces shown, apart so that looking never changes training.
    sample_rng: SeededRng,
    epoch: u64,
    history: Vec<EpochLosses>,
    recent: Vec<EpochLosses>,
    /// The parameters as of the last read (the engine's may be newer: see `fresh`).
    weights: SlantedWeights,
    fresh: bool,
    engine: EngineState,
    device: ComputeDevice,
}

impl SlantedFacesGan {
    /// A run from the note's initialisation: every parameter from N(0, 1) under the seed.
    pub fn new(config: SlantedFacesConfig, device: ComputeDevice) -> Result<Self> {
        let mut rng = seeded(config.seed);
        let weights = SlantedWeights::random(&mut rng);
        Self::start(config, device, weights, rng)
    }

    /// A run from given parameters (e.g. the note's hand-made pair); z still follows the seed.
    pub fn with_weights(
        config: SlantedFacesConfig,
        device: ComputeDevice,
        weights: SlantedWeights,
    ) -> Result<Self> {
        let rng = seeded(config.seed);
        Self::start(config, device, weights, rng)
    }

    fn start(
        config: SlantedFacesConfig,
        device: ComputeDevice,
        weights: SlantedWeights,
        rng: SeededRng,
    ) -> Result<Self> {
        config.validate()?;
        let sample_rng = seeded(config.seed ^ 0x5eed_face);
        let engine = Self::engine_for(config.engine, &weights, &device.device);
        Ok(Self {
            config,
            rng,
            sample_rng,
            epoch: 0,
            history: Vec::new(),
            recent: Vec::new(),
            weights,
            fresh: true,
            engine,
            device,
        })
    }

    fn engine_for(engine: Engine, weights: &SlantedWeights, device: &Device) -> EngineState {
        match engine {
            Engine::Burn => EngineState::Burn(Box::new(BurnPlayers::new(weights, device))),
            Engine::ByHand => EngineState::ByHand(HandGan::new(weights)),
        }
    }

    pub fn config(&self) -> &SlantedFacesConfig {
        &self.config
    }

    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    pub fn history(&self) -> &[EpochLosses] {
        &self.history
    }

    pub fn backend(&self) -> &BackendInfo {
        &self.device.info
    }

    /// The current parameters (read back from the device when needed).
    pub async fn weights(&mut self) -> Result<SlantedWeights> {
        if !self.fresh {
            if let EngineState::Burn(p) = &self.engine {
                self.weights = SlantedWeights::from_modules(&p.generator, &p.discriminator).await?;
            }
            self.fresh = true;
        }
        Ok(self.weights)
    }

    /// A new learning rate takes effect at the next step; nothing is rebuilt.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<()> {
        let config = SlantedFacesConfig {
            learning_rate,
            ..self.config.clone()
        };
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// Carries on on another device, from the same weights (SGD keeps no other state).
    pub async fn set_device(&mut self, device: ComputeDevice) -> Result<()> {
        let weights = self.weights().await?;
        if let EngineState::Burn(_) = self.engine {
            self.engine = EngineState::Burn(Box::new(BurnPlayers::new(&weights, &device.device)));
        }
        self.device = device;
        Ok(())
    }

    /// Carries on with the other engine (Burn's autodiff or the note's derivatives).
    pub async fn set_engine(&mut self, engine: Engine) -> Result<()> {
        let weights = self.weights().await?;
        self.engine = Self::engine_for(engine, &weights, &self.device.device);
        self.config.engine = engine;
        Ok(())
    }

    /// Runs `epochs` epochs over the faces. If a loss or weight stops being finite the run
    /// goes back to where it was before this call and says so.
    pub async fn train(&mut self, epochs: u32) -> Result<&[EpochLosses]> {
        if epochs > MAX_EPOCHS_PER_CALL {
            return Err(PlaygroundError::invalid(
                "epochs",
                format!("at most {MAX_EPOCHS_PER_CALL} per step, got {epochs}"),
            ));
        }
        let before = (self.weights().await?, self.rng.clone());
        let lr = self.config.learning_rate;
        let recent = match &mut self.engine {
            EngineState::ByHand(gan) => {
                let mut out = Vec::with_capacity(epochs as usize);
                for _ in 0..epochs {
                    let (mut d, mut g) = (0.0, 0.0);
                    for face in &FACES {
                        let z = noise(&mut self.rng);
                        let (losses, _) = gan.face_step(face, z.into(), lr);
                        d += losses.discriminator;
                        g += losses.generator;
                    }
                    let n = FACES.len() as f64;
                    out.push(EpochLosses {
                        d: (d / n) as f32,
                        g: (g / n) as f32,
                    });
                }
                self.weights = gan.weights();
                out
            }
            EngineState::Burn(players) => {
                let (mut d_epochs, mut g_epochs) = (Vec::new(), Vec::new());
                for _ in 0..epochs {
                    let (mut d, mut g) = (Vec::new(), Vec::new());
                    for face in &FACES {
                        let z = noise(&mut self.rng);
                        let step = players.face_step(face, z, lr, false);
                        d.push(step.d_loss);
                        g.push(step.g_loss);
                    }
                    d_epochs.push(Tensor::cat(d, 0).mean());
                    g_epochs.push(Tensor::cat(g, 0).mean());
                }
                self.fresh = false;
                if epochs == 0 {
                    Vec::new()
                } else {
                    let losses = read_back(
                        Transaction::default()
                            .register(Tensor::cat(d_epochs, 0))
                            .register(Tensor::cat(g_epochs, 0)),
                    )
                    .await?;
                    losses[0]
                        .iter()
                        .zip(&losses[1])
                        .map(|(&d, &g)| EpochLosses { d, g })
                        .collect()
                }
            }
        };
        let weights = self.weights().await?;
        let bad = recent
            .iter()
            .enumerate()
            .find_map(|(i, l)| {
                if !l.d.is_finite() {
                    Some((i, "discriminator", l.d))
                } else if !l.g.is_finite() {
                    Some((i, "generator", l.g))
                } else {
                    None
                }
            })
            .or_else(|| (!weights.is_finite()).then_some((recent.len(), "weights", f32::NAN)));
        if let Some((i, which, value)) = bad {
            let epoch = self.epoch + i as u64 + 1;
            (self.weights, self.rng) = before;
            self.engine = Self::engine_for(self.config.engine, &self.weights, &self.device.device);
            return Err(PlaygroundError::Diverged {
                unit: "epoch",
                epoch,
                which,
                value,
            });
        }
        self.epoch += u64::from(epochs);
        self.history.extend_from_slice(&recent);
        self.recent = recent;
        Ok(&self.recent)
    }

    /// The state the page draws: weights, fresh generated faces and D's opinion of them.
    pub async fn snapshot(&mut self) -> Result<Snapshot> {
        let weights = self.weights().await?;
        let n = self.config.samples;
        let sample_z: Vec<f32> = (0..n).map(|_| noise(&mut self.sample_rng)).collect();
        let (samples, fake_scores, real_scores) = match &self.engine {
            EngineState::ByHand(gan) => {
                let samples: Vec<Pixels> = sample_z
                    .iter()
                    .map(|&z| gan.generate(z.into()).map(|p| p as f32))
                    .collect();
                let score = |x: &Pixels| gan.discriminate(&x.map(f64::from)) as f32;
                (
                    samples.clone(),
                    samples.iter().map(score).collect(),
                    FACES.iter().map(score).collect(),
                )
            }
            EngineState::Burn(p) => {
                let z = p.tensor(&sample_z, [n, 1]);
                let fakes = p.generator.forward(z);
                let real = p.tensor(FACES.as_flattened(), [FACES.len(), 4]);
                let [pixels, fake_scores, real_scores]: [Vec<f32>; 3] = read_back(
                    Transaction::default()
                        .register(fakes.clone())
                        .register(p.discriminator.forward(fakes))
                        .register(p.discriminator.forward(real)),
                )
                .await?
                .try_into()
                .expect("three tensors registered");
                let samples = pixels
                    .chunks_exact(4)
                    .map(|c| [c[0], c[1], c[2], c[3]])
                    .collect();
                (samples, fake_scores, real_scores)
            }
        };
        let z = sample_z.first().copied().unwrap_or(0.5);
        let lr = self.config.learning_rate;
        let burn =
            burn_face_step_gradients(&weights, &FACES[0], z, lr, &self.device.device).await?;
        let (_, by_hand) = HandGan::new(&weights).face_step(&FACES[0], z.into(), lr);
        let largest_difference = burn
            .values()
            .iter()
            .zip(by_hand.values())
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        Ok(Snapshot {
            gradients: GradientCheck {
                z,
                burn,
                by_hand,
                largest_difference,
            },
            preset: presets::faces::view(self.epoch, &samples),
            engine: self.config.engine,
            backend: self.device.info.clone(),
            seed: self.config.seed,
            learning_rate: self.config.learning_rate,
            epoch: self.epoch,
            losses: self.history.last().copied(),
            recent: self.recent.clone(),
            samples,
            sample_z,
            fake_scores,
            real_scores,
            real: FACES.to_vec(),
            weights,
        })
    }
}

/// One face's step on Burn from `weights`, returning the three gradients it took: what the
/// "Burn and the note agree" check compares with [`HandGan::face_step`].
pub async fn burn_face_step_gradients(
    weights: &SlantedWeights,
    face: &Pixels,
    z: f32,
    lr: f64,
    device: &Device,
) -> Result<FaceStepGradients> {
    let mut players = BurnPlayers::new(weights, device);
    let step = players.face_step(face, z, lr, true);
    let [a, b, c] = step.gradients.expect("gradients were asked for");
    let v: Vec<Vec<f64>> = read_back(Transaction::default().register(a).register(b).register(c))
        .await?
        .into_iter()
        .map(|f| f.into_iter().map(f64::from).collect())
        .collect();
    let four = |s: &[f64]| -> [f64; 4] { std::array::from_fn(|i| s[i]) };
    Ok(FaceStepGradients {
        discriminator_on_real: DiscriminatorGradients {
            weights: four(&v[0]),
            bias: v[0][4],
        },
        discriminator_on_fake: DiscriminatorGradients {
            weights: four(&v[1]),
            bias: v[1][4],
        },
        generator: GeneratorGradients {
            weights: four(&v[2]),
            biases: four(&v[2][4..]),
        },
    })
}
