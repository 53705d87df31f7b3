//! The minimax game's settings, in one place: [`ToyGanConfig`], what a run is built from;
//! [`GameSettings`], the same flat as the page and the JS API spell them; [`GamePatch`], a
//! partial change of them, and which of its names change a running game
//! ([`GamePatch::LIVE`]).

use burn::optim::{
    AdamConfig, ModuleOptimizer, RmsPropConfig, SgdConfig, momentum::MomentumConfig,
};
use serde::{Deserialize, Serialize};

use crate::config::{MAX_LEARNING_RATE, check_learning_rate};
use crate::data::points::parse_csv;
use crate::data::toy::{DataSet, MAX_NOISE_DIM, NoiseKind, Toy2d};
use crate::error::{PlaygroundError, Result};
use crate::models::{Activation, MlpConfig};
use crate::objectives::GanObjective;

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

    /// The same optimiser with step size `lr`.
    pub fn with_lr(self, lr: f64) -> Self {
        match self {
            Self::Sgd { .. } => Self::Sgd { lr },
            Self::Momentum { momentum, .. } => Self::Momentum { lr, momentum },
            Self::Adam { beta1, beta2, .. } => Self::Adam { lr, beta1, beta2 },
            Self::RmsProp { .. } => Self::RmsProp { lr },
        }
    }

    /// A fresh optimiser of this kind (its step size is passed at each step).
    pub(super) fn init(self) -> ModuleOptimizer {
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

    /// `name`: the learning-rate setting of the player it steps for.
    pub(super) fn validate(self, name: &'static str) -> Result<()> {
        check_learning_rate(name, self.lr(), MAX_LEARNING_RATE)
    }
}

/// A 1-D or 2-D GAN run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToyGanConfig {
    pub data: DataSet,
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
            data: Toy2d::Ring.into(),
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
        if !(1..=MAX_NOISE_DIM).contains(&self.noise_dim) {
            return Err(PlaygroundError::invalid(
                "noiseDim",
                format!(
                    "must be between 1 and {MAX_NOISE_DIM}, got {}",
                    self.noise_dim
                ),
            ));
        }
        self.generator().validate("generatorLayers")?;
        self.discriminator().validate("discriminatorLayers")?;
        self.optimizer_d.validate("learningRateD")?;
        self.optimizer_g.validate("learningRateG")?;
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

    /// What only a rebuild can change: the data, the noise, the networks and the seed.
    pub(super) fn architecture(&self) -> impl PartialEq + use<> {
        (
            self.data.clone(),
            self.noise,
            self.noise_dim,
            self.generator_hidden.clone(),
            self.discriminator_hidden.clone(),
            self.activation,
            self.seed,
        )
    }

    pub(super) fn generator(&self) -> MlpConfig {
        MlpConfig::new(
            self.noise_dim,
            self.data.dims(),
            self.generator_hidden.clone(),
        )
        .with_activation(self.activation)
    }

    pub(super) fn discriminator(&self) -> MlpConfig {
        MlpConfig::new(self.data.dims(), 1, self.discriminator_hidden.clone())
            .with_activation(self.activation)
    }
}

/// The settings of a 1-D or 2-D game as the page and the JS API spell them: flat, with
/// names for the objective and optimisers (`{objective: "wgan", clip: 0.01}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameSettings {
    pub data: String,
    pub dims: usize,
    /// How many points a drawing or upload holds (0 for a built-in set).
    pub point_count: usize,
    pub noise: NoiseKind,
    pub noise_dim: usize,
    pub generator_hidden: Vec<usize>,
    pub discriminator_hidden: Vec<usize>,
    pub activation: Activation,
    pub objective: String,
    pub clip: f64,
    pub lambda: f64,
    pub d_steps: usize,
    pub g_steps: usize,
    pub batch: usize,
    pub optimizer_d: String,
    pub optimizer_g: String,
    pub learning_rate_d: f64,
    pub learning_rate_g: f64,
    pub seed: u64,
}

pub(super) const DEFAULT_CLIP: f64 = 0.01;
const DEFAULT_LAMBDA: f64 = 10.0;
const OBJECTIVES: &str = "minimax, non-saturating, wgan, wgan-gp, lsgan or hinge";
const OPTIMIZERS: &str = "sgd, momentum, adam or rmsprop";

/// An objective's name as the page spells it (`"wgan"`, its clip apart).
pub(super) fn objective_name(objective: GanObjective) -> &'static str {
    match objective {
        GanObjective::Minimax => "minimax",
        GanObjective::NonSaturating => "non-saturating",
        GanObjective::Wgan { .. } => "wgan",
        GanObjective::WganGp { .. } => "wgan-gp",
        GanObjective::Lsgan => "lsgan",
        GanObjective::Hinge => "hinge",
    }
}

/// The objective called `name`, with `clip` (WGAN) or `lambda` (WGAN-GP).
pub(super) fn objective_named(name: &str, clip: f64, lambda: f64) -> Result<GanObjective> {
    match name {
        "minimax" => Ok(GanObjective::Minimax),
        "non-saturating" => Ok(GanObjective::NonSaturating),
        "wgan" => Ok(GanObjective::Wgan { clip }),
        "wgan-gp" => Ok(GanObjective::WganGp { lambda }),
        "lsgan" => Ok(GanObjective::Lsgan),
        "hinge" => Ok(GanObjective::Hinge),
        other => Err(PlaygroundError::invalid(
            "objective",
            format!("unknown objective \"{other}\" (use {OBJECTIVES})"),
        )),
    }
}

/// An optimiser's name as the page spells it (`"adam"`, its step size apart).
pub(super) fn optimizer_name(optimizer: Optimizer) -> &'static str {
    match optimizer {
        Optimizer::Sgd { .. } => "sgd",
        Optimizer::Momentum { .. } => "momentum",
        Optimizer::Adam { .. } => "adam",
        Optimizer::RmsProp { .. } => "rmsprop",
    }
}

/// The optimiser called `name` with step size `lr`; `field` names the setting in an error.
pub(super) fn optimizer_named(name: &str, lr: f64, field: &'static str) -> Result<Optimizer> {
    match name {
        "sgd" => Ok(Optimizer::Sgd { lr }),
        "momentum" => Ok(Optimizer::Momentum { lr, momentum: 0.9 }),
        // GANs take β₁ = 0.5 (Radford et al.), as the "toy2d" workload does.
        "adam" => Ok(Optimizer::Adam {
            lr,
            beta1: 0.5,
            beta2: 0.999,
        }),
        "rmsprop" => Ok(Optimizer::RmsProp { lr }),
        other => Err(PlaygroundError::invalid(
            field,
            format!("unknown optimiser \"{other}\" (use {OPTIMIZERS})"),
        )),
    }
}

/// `old` with a patch's optimiser `name` and step size `lr` over it: the same kind keeps its
/// other parameters (Adam's β), another kind starts from its defaults.
pub(super) fn optimizer_patched(
    name: Option<&str>,
    lr: Option<f64>,
    old: Optimizer,
    field: &'static str,
) -> Result<Optimizer> {
    let lr = lr.unwrap_or(old.lr());
    match name {
        None => Ok(old.with_lr(lr)),
        Some(name) if name == optimizer_name(old) => Ok(old.with_lr(lr)),
        Some(name) => optimizer_named(name, lr, field),
    }
}

impl GameSettings {
    pub fn of(config: &ToyGanConfig) -> Self {
        let (clip, lambda) = match config.objective {
            GanObjective::Wgan { clip } => (clip, DEFAULT_LAMBDA),
            GanObjective::WganGp { lambda } => (DEFAULT_CLIP, lambda),
            _ => (DEFAULT_CLIP, DEFAULT_LAMBDA),
        };
        Self {
            data: config.data.name().into(),
            dims: config.data.dims(),
            point_count: match &config.data {
                DataSet::Points { dims, points } => points.len() / dims,
                _ => 0,
            },
            noise: config.noise,
            noise_dim: config.noise_dim,
            generator_hidden: config.generator_hidden.clone(),
            discriminator_hidden: config.discriminator_hidden.clone(),
            activation: config.activation,
            objective: objective_name(config.objective).into(),
            clip,
            lambda,
            d_steps: config.d_steps,
            g_steps: config.g_steps,
            batch: config.batch,
            optimizer_d: optimizer_name(config.optimizer_d).into(),
            optimizer_g: optimizer_name(config.optimizer_g).into(),
            learning_rate_d: config.optimizer_d.lr(),
            learning_rate_g: config.optimizer_g.lr(),
            seed: config.seed,
        }
    }
}

/// A partial change of a game's settings: only what is named changes; unknown names are
/// errors. `points` (a drawing) or `csv` (an upload) make the data those points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GamePatch {
    /// A preset of `crate::presets` (its settings, then the rest of this patch over them).
    pub preset: Option<String>,
    pub data: Option<String>,
    pub points: Option<Vec<Vec<f64>>>,
    pub csv: Option<String>,
    /// Coordinates per line of `csv` (default 2).
    pub dims: Option<usize>,
    pub noise: Option<NoiseKind>,
    pub noise_dim: Option<usize>,
    pub generator_hidden: Option<Vec<usize>>,
    pub discriminator_hidden: Option<Vec<usize>>,
    pub activation: Option<Activation>,
    pub objective: Option<String>,
    pub clip: Option<f64>,
    pub lambda: Option<f64>,
    pub d_steps: Option<usize>,
    pub g_steps: Option<usize>,
    pub batch: Option<usize>,
    pub optimizer_d: Option<String>,
    pub optimizer_g: Option<String>,
    pub learning_rate_d: Option<f64>,
    pub learning_rate_g: Option<f64>,
    pub seed: Option<u64>,
    /// `auto`, `webgpu` or `cpu`; applied by whoever owns the device.
    pub backend: Option<String>,
}

impl GamePatch {
    /// The names that change a running game without a rebuild.
    pub const LIVE: &'static [&'static str] = &[
        "objective",
        "clip",
        "lambda",
        "dSteps",
        "gSteps",
        "batch",
        "optimizerD",
        "optimizerG",
        "learningRateD",
        "learningRateG",
    ];

    /// The names a link (the page's address, the element's attributes) leaves out: a
    /// drawing (`points`) or an upload (`csv`, `dims`) does not fit in one.
    pub const NOT_IN_A_LINK: &'static [&'static str] = &["points", "csv", "dims"];

    /// `base` with this patch applied, validated.
    pub fn apply(&self, base: &ToyGanConfig) -> Result<ToyGanConfig> {
        let preset_base;
        let base = match &self.preset {
            Some(id) => {
                preset_base = crate::presets::named(id)?.config(base.seed)?;
                &preset_base
            }
            None => base,
        };
        let now = GameSettings::of(base);
        let data = if let Some(points) = &self.points {
            DataSet::points(points)?
        } else if let Some(csv) = &self.csv {
            DataSet::points(&parse_csv(csv, self.dims.unwrap_or(2))?)?
        } else {
            match self.data.as_deref() {
                None => base.data.clone(),
                Some("points") => match &base.data {
                    DataSet::Points { .. } => base.data.clone(),
                    _ => {
                        return Err(PlaygroundError::BadData(
                            "the drawing has no points: draw some with the brush first".into(),
                        ));
                    }
                },
                Some(name) => DataSet::named(name)?,
            }
        };
        // Checked even under an objective that does not use them, so that a bad value is
        // refused rather than silently dropped.
        let clip = self.clip.unwrap_or(now.clip);
        if !(clip.is_finite() && clip > 0.0) {
            return Err(PlaygroundError::invalid(
                "clip",
                format!("must be a number > 0, got {clip}"),
            ));
        }
        let lambda = self.lambda.unwrap_or(now.lambda);
        if !(lambda.is_finite() && lambda >= 0.0) {
            return Err(PlaygroundError::invalid(
                "lambda",
                format!("must be a number ≥ 0, got {lambda}"),
            ));
        }
        let objective = objective_named(
            self.objective.as_deref().unwrap_or(&now.objective),
            clip,
            lambda,
        )?;
        let optimizer = |name: &Option<String>, lr, old, field| {
            optimizer_patched(name.as_deref(), lr, old, field)
        };
        let config = ToyGanConfig {
            data,
            noise: self.noise.unwrap_or(base.noise),
            noise_dim: self.noise_dim.unwrap_or(base.noise_dim),
            generator_hidden: self
                .generator_hidden
                .clone()
                .unwrap_or_else(|| base.generator_hidden.clone()),
            discriminator_hidden: self
                .discriminator_hidden
                .clone()
                .unwrap_or_else(|| base.discriminator_hidden.clone()),
            activation: self.activation.unwrap_or(base.activation),
            objective,
            d_steps: self.d_steps.unwrap_or(base.d_steps),
            g_steps: self.g_steps.unwrap_or(base.g_steps),
            batch: self.batch.unwrap_or(base.batch),
            optimizer_d: optimizer(
                &self.optimizer_d,
                self.learning_rate_d,
                base.optimizer_d,
                "optimizerD",
            )?,
            optimizer_g: optimizer(
                &self.optimizer_g,
                self.learning_rate_g,
                base.optimizer_g,
                "optimizerG",
            )?,
            seed: self.seed.unwrap_or(base.seed),
        };
        config.validate()?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_game_patch_names_objectives_optimisers_and_data() {
        let base = ToyGanConfig::default();
        let settings = GameSettings::of(&base);
        assert_eq!(settings.data, "ring");
        assert_eq!(settings.objective, "non-saturating");
        assert_eq!(settings.optimizer_d, "adam");
        let patch = GamePatch {
            objective: Some("wgan".into()),
            clip: Some(0.05),
            optimizer_d: Some("rmsprop".into()),
            learning_rate_d: Some(5e-5),
            data: Some("bimodal-gap".into()),
            ..Default::default()
        };
        let config = patch.apply(&base).unwrap();
        assert_eq!(config.objective, GanObjective::Wgan { clip: 0.05 });
        assert_eq!(config.optimizer_d, Optimizer::RmsProp { lr: 5e-5 });
        assert_eq!(config.optimizer_g, base.optimizer_g);
        assert_eq!(config.data.dims(), 1);
        // Changing only the learning rate keeps the optimiser and its β.
        let faster = GamePatch {
            learning_rate_g: Some(2e-3),
            ..Default::default()
        }
        .apply(&base)
        .unwrap();
        assert_eq!(faster.optimizer_g, base.optimizer_g.with_lr(2e-3));

        let csv = GamePatch {
            csv: Some("x,y\n1,2\n3,4\n".into()),
            ..Default::default()
        }
        .apply(&base)
        .unwrap();
        assert_eq!(GameSettings::of(&csv).point_count, 2);
        for (patch, expected) in [
            (
                GamePatch {
                    csv: Some("x,y\n1,2\n3,abc\n".into()),
                    ..Default::default()
                },
                "line 3: \"abc\" is not a number",
            ),
            (
                GamePatch {
                    points: Some(vec![]),
                    ..Default::default()
                },
                "the drawing has no points",
            ),
            (
                GamePatch {
                    data: Some("points".into()),
                    ..Default::default()
                },
                "the drawing has no points",
            ),
            (
                GamePatch {
                    generator_hidden: Some(vec![10_000]),
                    ..Default::default()
                },
                "generatorLayers",
            ),
            (
                GamePatch {
                    objective: Some("wgan-pg".into()),
                    ..Default::default()
                },
                "unknown objective \"wgan-pg\"",
            ),
            (
                GamePatch {
                    optimizer_g: Some("adamw".into()),
                    ..Default::default()
                },
                "unknown optimiser \"adamw\"",
            ),
        ] {
            let err = patch.apply(&base).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }
}
