//! Settings of a run, checked before anything is built: a bad value is an error, never a panic.

use serde::{Deserialize, Serialize};

use crate::data::points::parse_csv;
use crate::data::toy::{DataSet, NoiseKind};
use crate::error::{PlaygroundError, Result};
use crate::models::Activation;
use crate::objectives::GanObjective;
use crate::train::toy::{Optimizer, ToyGanConfig};

/// Who computes the gradients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    /// Burn's autodiff on the chosen device.
    #[default]
    Burn,
    /// The note's hand-derived partial derivatives, in plain Rust.
    ByHand,
}

/// The presets this build knows.
pub const PRESETS: &[&str] = &[crate::presets::faces::ID];

/// The slanted-faces GAN of THEORY.md §7, with the numbers the note's code used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SlantedFacesConfig {
    pub preset: String,
    /// Seeds the initial weights (N(0, 1)) and every z.
    pub seed: u64,
    /// Plain SGD step size for both players (the note's code: 0.01).
    pub learning_rate: f64,
    pub engine: Engine,
    /// How many generated faces a snapshot shows.
    pub samples: usize,
}

impl Default for SlantedFacesConfig {
    fn default() -> Self {
        Self {
            preset: PRESETS[0].to_string(),
            seed: 42,
            learning_rate: 0.01,
            engine: Engine::Burn,
            samples: 8,
        }
    }
}

impl SlantedFacesConfig {
    pub fn validate(&self) -> Result<()> {
        if !PRESETS.contains(&self.preset.as_str()) {
            return Err(PlaygroundError::UnknownPreset(
                self.preset.clone(),
                PRESETS.join(", "),
            ));
        }
        if !self.learning_rate.is_finite() {
            return Err(PlaygroundError::invalid(
                "learningRate",
                format!("must be a finite number, got {}", self.learning_rate),
            ));
        }
        if self.learning_rate <= 0.0 || self.learning_rate > 10.0 {
            return Err(PlaygroundError::invalid(
                "learningRate",
                format!("must be in (0, 10], got {}", self.learning_rate),
            ));
        }
        if self.samples == 0 || self.samples > 64 {
            return Err(PlaygroundError::invalid(
                "samples",
                format!("must be between 1 and 64, got {}", self.samples),
            ));
        }
        Ok(())
    }
}

/// A partial change of settings, as the page and the JS API send it: only what is named
/// changes, and an unknown name is an error rather than silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigPatch {
    pub preset: Option<String>,
    pub seed: Option<u64>,
    pub learning_rate: Option<f64>,
    pub engine: Option<Engine>,
    pub samples: Option<usize>,
    /// `auto`, `webgpu` or `cpu`; applied by whoever owns the device.
    pub backend: Option<String>,
}

impl ConfigPatch {
    /// `base` with this patch applied, validated.
    pub fn apply(&self, base: &SlantedFacesConfig) -> Result<SlantedFacesConfig> {
        let config = SlantedFacesConfig {
            preset: self.preset.clone().unwrap_or_else(|| base.preset.clone()),
            seed: self.seed.unwrap_or(base.seed),
            learning_rate: self.learning_rate.unwrap_or(base.learning_rate),
            engine: self.engine.unwrap_or(base.engine),
            samples: self.samples.unwrap_or(base.samples),
        };
        config.validate()?;
        Ok(config)
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

const DEFAULT_CLIP: f64 = 0.01;
const DEFAULT_LAMBDA: f64 = 10.0;
const OBJECTIVES: &str = "minimax, non-saturating, wgan, wgan-gp or lsgan";
const OPTIMIZERS: &str = "sgd, momentum, adam or rmsprop";

fn objective_name(objective: GanObjective) -> &'static str {
    match objective {
        GanObjective::Minimax => "minimax",
        GanObjective::NonSaturating => "non-saturating",
        GanObjective::Wgan { .. } => "wgan",
        GanObjective::WganGp { .. } => "wgan-gp",
        GanObjective::Lsgan => "lsgan",
    }
}

fn optimizer_name(optimizer: Optimizer) -> &'static str {
    match optimizer {
        Optimizer::Sgd { .. } => "sgd",
        Optimizer::Momentum { .. } => "momentum",
        Optimizer::Adam { .. } => "adam",
        Optimizer::RmsProp { .. } => "rmsprop",
    }
}

fn optimizer_named(name: &str, lr: f64, field: &'static str) -> Result<Optimizer> {
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
        let objective = match self.objective.as_deref().unwrap_or(&now.objective) {
            "minimax" => GanObjective::Minimax,
            "non-saturating" => GanObjective::NonSaturating,
            "wgan" => GanObjective::Wgan { clip },
            "wgan-gp" => GanObjective::WganGp { lambda },
            "lsgan" => GanObjective::Lsgan,
            other => {
                return Err(PlaygroundError::invalid(
                    "objective",
                    format!("unknown objective \"{other}\" (use {OBJECTIVES})"),
                ));
            }
        };
        let optimizer = |name: &Option<String>, lr: Option<f64>, old: Optimizer, field| {
            let lr = lr.unwrap_or(old.lr());
            match name {
                None => Ok(old.with_lr(lr)),
                Some(name) if name == optimizer_name(old) => Ok(old.with_lr(lr)),
                Some(name) => optimizer_named(name, lr, field),
            }
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
    fn default_is_valid() {
        SlantedFacesConfig::default().validate().unwrap();
    }

    #[test]
    fn rejects_bad_values_with_their_name() {
        for lr in [-0.1, 0.0, f64::NAN, f64::INFINITY, 11.0] {
            let config = SlantedFacesConfig {
                learning_rate: lr,
                ..Default::default()
            };
            let message = config.validate().unwrap_err().to_string();
            assert!(message.contains("learningRate"), "{message}");
        }
        let config = SlantedFacesConfig {
            preset: "nope".into(),
            ..Default::default()
        };
        let message = config.validate().unwrap_err().to_string();
        assert!(message.contains("unknown preset \"nope\""), "{message}");
        assert!(message.contains("slanted-faces"), "{message}");
        let config = SlantedFacesConfig {
            samples: 0,
            ..Default::default()
        };
        assert!(config.validate().is_err());
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let base = SlantedFacesConfig::default();
        let patched = ConfigPatch {
            seed: Some(7),
            ..Default::default()
        }
        .apply(&base)
        .unwrap();
        assert_eq!(
            patched,
            SlantedFacesConfig {
                seed: 7,
                ..base.clone()
            }
        );
        let bad = ConfigPatch {
            learning_rate: Some(-1.0),
            ..Default::default()
        };
        assert!(
            bad.apply(&base)
                .unwrap_err()
                .to_string()
                .contains("learningRate")
        );
    }

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
