//! The image GAN's settings as the page and the JS API spell them: [`ImageGanFlat`], the
//! whole [`ImageGanSettings`] flat (the objective and optimisers by name, as the game spells
//! them: `{objective: "wgan", clip: 0.01, optimizerD: "adam", learningRateD: 2e-4}`), and
//! [`ImageGanPatch`], a partial change of them, with the names that change a running GAN
//! ([`ImageGanPatch::LIVE`]).

use serde::{Deserialize, Serialize};

use super::game_settings::{
    DEFAULT_CLIP, objective_name, objective_named, optimizer_name, optimizer_patched,
};
use super::image_gan::ImageGanSettings;
use crate::config::{MAX_LEARNING_RATE, check_learning_rate};
use crate::data::images::ImageData;
use crate::error::{PlaygroundError, Result};
use crate::models::image_players::Architecture;
use crate::objectives::GanObjective;
use crate::presets;

/// An image GAN's settings, flat, with the patch's names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageGanFlat {
    pub data: ImageData,
    pub architecture: Architecture,
    pub noise_dim: usize,
    pub width: usize,
    pub batch_norm: bool,
    pub objective: String,
    pub clip: f64,
    pub d_steps: u32,
    pub batch: usize,
    pub optimizer_d: String,
    pub optimizer_g: String,
    pub learning_rate_d: f64,
    pub learning_rate_g: f64,
    pub conditional: bool,
    pub mismatched_pairs: bool,
    pub seed: u64,
}

impl ImageGanFlat {
    pub fn of(settings: &ImageGanSettings) -> Self {
        let clip = match settings.objective {
            GanObjective::Wgan { clip } => clip,
            _ => DEFAULT_CLIP,
        };
        Self {
            data: settings.data,
            architecture: settings.architecture,
            noise_dim: settings.noise_dim,
            width: settings.width,
            batch_norm: settings.batch_norm,
            objective: objective_name(settings.objective).into(),
            clip,
            d_steps: settings.d_steps,
            batch: settings.batch,
            optimizer_d: optimizer_name(settings.optimizer_d).into(),
            optimizer_g: optimizer_name(settings.optimizer_g).into(),
            learning_rate_d: settings.optimizer_d.lr(),
            learning_rate_g: settings.optimizer_g.lr(),
            conditional: settings.conditional,
            mismatched_pairs: settings.mismatched_pairs,
            seed: settings.seed,
        }
    }
}

/// An image GAN's settings as the page and the address give them: flat, every one optional,
/// over a preset's settings when `preset` names one, else over the defaults (or, for a live
/// change, over the run's own). Unknown names are errors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageGanPatch {
    /// A preset of `crate::presets::image_gan` (its settings, then the rest of this patch
    /// over them).
    pub preset: Option<String>,
    pub data: Option<ImageData>,
    /// dcgan (convolutions) or mlp (the baseline: two dense hidden layers per player).
    pub architecture: Option<Architecture>,
    pub noise_dim: Option<usize>,
    /// Base channels of both players (the MLP: hidden units ÷ 8).
    pub width: Option<usize>,
    pub batch_norm: Option<bool>,
    /// minimax, non-saturating, wgan, lsgan or hinge (wgan-gp is refused: see the settings).
    pub objective: Option<String>,
    /// WGAN's weight clip.
    pub clip: Option<f64>,
    pub d_steps: Option<u32>,
    pub batch: Option<usize>,
    pub optimizer_d: Option<String>,
    pub optimizer_g: Option<String>,
    pub learning_rate_d: Option<f64>,
    pub learning_rate_g: Option<f64>,
    /// G(z, c) and D(x, c), c the digit (digit sets only).
    pub conditional: Option<bool>,
    /// The conditional D also learns to score (real image, wrong label) pairs low.
    pub mismatched_pairs: Option<bool>,
    pub seed: Option<u64>,
    /// `auto`, `webgpu` or `cpu`; applied by whoever owns the device.
    pub backend: Option<String>,
}

impl ImageGanPatch {
    /// The names that change a running GAN without a rebuild: how it trains, not what.
    pub const LIVE: &'static [&'static str] = &[
        "objective",
        "clip",
        "dSteps",
        "batch",
        "optimizerD",
        "optimizerG",
        "learningRateD",
        "learningRateG",
        "mismatchedPairs",
    ];

    /// The names a link (the page's address, the element's attributes) leaves out: none.
    pub const NOT_IN_A_LINK: &'static [&'static str] = &[];

    /// The settings this patch gives over the defaults (or its preset's), checked.
    pub fn settings(&self) -> Result<ImageGanSettings> {
        self.apply(&ImageGanSettings::default())
    }

    /// `base` (or the preset this patch names) with this patch over it, checked. A face set
    /// chosen without saying `conditional` turns the condition off (faces have no digit),
    /// and so does `conditional: false` the wrong-label pairs.
    pub fn apply(&self, base: &ImageGanSettings) -> Result<ImageGanSettings> {
        let preset_base;
        let base = match &self.preset {
            Some(id) => {
                preset_base = presets::image_gan::named(id)?.settings();
                &preset_base
            }
            None => base,
        };
        let now = ImageGanFlat::of(base);
        let clip = self.clip.unwrap_or(now.clip);
        if !(clip.is_finite() && clip > 0.0) {
            return Err(PlaygroundError::invalid(
                "clip",
                format!("must be a number > 0, got {clip}"),
            ));
        }
        let objective = objective_named(
            self.objective.as_deref().unwrap_or(&now.objective),
            clip,
            0.0,
        )?;
        let learning_rate = |name, lr: Option<f64>| match lr {
            Some(lr) => check_learning_rate(name, lr, MAX_LEARNING_RATE).map(|()| Some(lr)),
            None => Ok(None),
        };
        let data = self.data.unwrap_or(base.data);
        let digits = matches!(data, ImageData::Digits8 | ImageData::Mnist);
        let conditional = self.conditional.unwrap_or(base.conditional && digits);
        let settings = ImageGanSettings {
            data,
            architecture: self.architecture.unwrap_or(base.architecture),
            noise_dim: self.noise_dim.unwrap_or(base.noise_dim),
            width: self.width.unwrap_or(base.width),
            batch_norm: self.batch_norm.unwrap_or(base.batch_norm),
            objective,
            d_steps: self.d_steps.unwrap_or(base.d_steps),
            batch: self.batch.unwrap_or(base.batch),
            optimizer_d: optimizer_patched(
                self.optimizer_d.as_deref(),
                learning_rate("learningRateD", self.learning_rate_d)?,
                base.optimizer_d,
                "optimizerD",
            )?,
            optimizer_g: optimizer_patched(
                self.optimizer_g.as_deref(),
                learning_rate("learningRateG", self.learning_rate_g)?,
                base.optimizer_g,
                "optimizerG",
            )?,
            conditional,
            mismatched_pairs: self
                .mismatched_pairs
                .unwrap_or(base.mismatched_pairs && conditional),
            seed: self.seed.unwrap_or(base.seed),
        };
        settings.validate()?;
        Ok(settings)
    }

    /// Those of `names` that do not change a running GAN.
    pub fn not_live(names: &[&str]) -> Vec<String> {
        names
            .iter()
            .filter(|n| !Self::LIVE.contains(n))
            .map(|n| (*n).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::game_settings::Optimizer;

    #[test]
    fn the_defaults_read_back_flat() {
        let flat = ImageGanFlat::of(&ImageGanSettings::default());
        assert_eq!(flat.data, ImageData::Digits8);
        assert_eq!(flat.objective, "non-saturating");
        assert_eq!(flat.optimizer_d, "adam");
        assert_eq!(flat.learning_rate_g, 2e-4);
        assert_eq!(
            ImageGanPatch::default().settings().unwrap(),
            ImageGanSettings::default()
        );
    }

    #[test]
    fn a_patch_names_objectives_optimisers_and_presets() {
        let patch = ImageGanPatch {
            objective: Some("wgan".into()),
            clip: Some(0.05),
            optimizer_d: Some("rmsprop".into()),
            learning_rate_d: Some(5e-5),
            ..Default::default()
        };
        let s = patch.settings().unwrap();
        assert_eq!(s.objective, GanObjective::Wgan { clip: 0.05 });
        assert_eq!(s.optimizer_d, Optimizer::RmsProp { lr: 5e-5 });
        // Only the step size changed: the optimiser and its β stay.
        let faster = ImageGanPatch {
            learning_rate_g: Some(1e-3),
            ..Default::default()
        }
        .settings()
        .unwrap();
        assert_eq!(
            faster.optimizer_g,
            ImageGanSettings::default().optimizer_g.with_lr(1e-3)
        );
        let cgan = ImageGanPatch {
            preset: Some("cgan-digits".into()),
            seed: Some(9),
            ..Default::default()
        }
        .settings()
        .unwrap();
        assert!(cgan.conditional && cgan.mismatched_pairs);
        assert_eq!(cgan.seed, 9);
        // Faces have no digit to ask for: choosing them turns the condition off, and turning
        // the condition off turns the wrong-label pairs off.
        let faces = ImageGanPatch {
            preset: Some("cgan-digits".into()),
            data: Some(ImageData::Frey),
            ..Default::default()
        }
        .settings()
        .unwrap();
        assert!(!faces.conditional && !faces.mismatched_pairs);
        let plain = ImageGanPatch {
            preset: Some("cgan-digits".into()),
            conditional: Some(false),
            ..Default::default()
        }
        .settings()
        .unwrap();
        assert!(!plain.mismatched_pairs);
    }

    #[test]
    fn bad_settings_are_named() {
        for (patch, expected) in [
            (
                ImageGanPatch {
                    width: Some(0),
                    ..Default::default()
                },
                "invalid setting width: 1 to 128 base channels, got 0",
            ),
            (
                ImageGanPatch {
                    learning_rate_d: Some(-1.0),
                    ..Default::default()
                },
                "invalid setting learningRateD",
            ),
            (
                ImageGanPatch {
                    objective: Some("wgan-pg".into()),
                    ..Default::default()
                },
                "unknown objective \"wgan-pg\"",
            ),
            (
                ImageGanPatch {
                    objective: Some("wgan-gp".into()),
                    ..Default::default()
                },
                "invalid setting objective: WGAN-GP",
            ),
            (
                ImageGanPatch {
                    optimizer_g: Some("adamw".into()),
                    ..Default::default()
                },
                "unknown optimiser \"adamw\"",
            ),
            (
                ImageGanPatch {
                    clip: Some(0.0),
                    ..Default::default()
                },
                "invalid setting clip",
            ),
            (
                ImageGanPatch {
                    conditional: Some(true),
                    data: Some(ImageData::Frey),
                    ..Default::default()
                },
                "frey has none",
            ),
            (
                ImageGanPatch {
                    preset: Some("nope".into()),
                    ..Default::default()
                },
                "unknown preset \"nope\"",
            ),
        ] {
            let err = patch.settings().unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }

    /// A live change keeps the weights and the iteration; one that changes the networks or
    /// the seed is refused, and the run stays as it was.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_running_gan_takes_live_changes_only() {
        use crate::backend::{self, BackendChoice};
        use crate::data::images::ImageSet;
        use crate::train::image_gan::ImageGan;
        let digits = ImageSet::shipped(
            ImageData::Digits8,
            include_bytes!("../../www/data/digits8x8.u8"),
            Some(include_bytes!("../../www/data/digits8x8.labels.u8")),
        )
        .unwrap();
        let small = ImageGanPatch {
            width: Some(4),
            noise_dim: Some(8),
            batch: Some(16),
            conditional: Some(true),
            ..Default::default()
        }
        .settings()
        .unwrap();
        let cpu = backend::cpu(BackendChoice::Cpu, "test");
        let mut gan = ImageGan::new(small.clone(), &digits, cpu).unwrap();
        pollster::block_on(gan.train(2)).unwrap();
        let live = ImageGanPatch {
            objective: Some("lsgan".into()),
            d_steps: Some(2),
            learning_rate_d: Some(1e-3),
            mismatched_pairs: Some(true),
            ..Default::default()
        }
        .apply(gan.settings())
        .unwrap();
        gan.reconfigure(live.clone()).unwrap();
        assert_eq!(gan.settings(), &live);
        assert_eq!(gan.iteration(), 2);
        pollster::block_on(gan.train(1)).unwrap();
        assert_eq!(gan.iteration(), 3);
        for rebuild in [
            ImageGanPatch {
                width: Some(8),
                ..Default::default()
            },
            ImageGanPatch {
                seed: Some(5),
                ..Default::default()
            },
        ] {
            let settings = rebuild.apply(gan.settings()).unwrap();
            let err = gan.reconfigure(settings).unwrap_err().to_string();
            assert!(err.contains("need a new run"), "{err}");
            assert_eq!(gan.settings(), &live);
        }
        let err = gan
            .reconfigure(ImageGanSettings {
                batch: 5000,
                ..live.clone()
            })
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid setting batch"), "{err}");
        assert_eq!(gan.settings(), &live);
    }

    #[test]
    fn the_live_names_are_the_training_ones() {
        assert_eq!(
            ImageGanPatch::not_live(&["learningRateD", "width", "dSteps", "seed"]),
            ["width", "seed"]
        );
    }
}
