//! Settings of a run, checked before anything is built: a bad value is an error, never a panic.

use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};

/// The largest step size the GANs take (faces and the game): far past any useful one, but it
/// keeps a typo such as 1e3 from diverging at the first step.
pub const MAX_LEARNING_RATE: f64 = 10.0;

/// The one learning-rate check of every experiment's settings: a finite number in
/// (0, `max`], with `name` the setting as the page spells it.
pub fn check_learning_rate(name: &'static str, lr: f64, max: f64) -> Result<()> {
    if !lr.is_finite() {
        return Err(PlaygroundError::invalid(
            name,
            format!("must be a finite number, got {lr}"),
        ));
    }
    if lr <= 0.0 || lr > max {
        return Err(PlaygroundError::invalid(
            name,
            format!("must be in (0, {max}], got {lr}"),
        ));
    }
    Ok(())
}

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
        check_learning_rate("learningRate", self.learning_rate, MAX_LEARNING_RATE)?;
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
    /// The names that change a running faces run without a rebuild (`setLearningRate`,
    /// `setEngine`).
    pub const LIVE: &'static [&'static str] = &["learningRate", "engine"];

    /// The names a link (the page's address, the element's attributes) leaves out: how many
    /// faces a snapshot shows is the view's to choose, not the run's to share.
    pub const NOT_IN_A_LINK: &'static [&'static str] = &["samples"];

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
    fn one_learning_rate_check_names_the_setting_and_its_range() {
        let message = |lr, max| {
            check_learning_rate("learningRateD", lr, max)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            message(f64::NAN, 10.0),
            "invalid setting learningRateD: must be a finite number, got NaN"
        );
        assert_eq!(
            message(11.0, 10.0),
            "invalid setting learningRateD: must be in (0, 10], got 11"
        );
        assert_eq!(
            message(0.0, 1.0),
            "invalid setting learningRateD: must be in (0, 1], got 0"
        );
        check_learning_rate("learningRate", 10.0, 10.0).unwrap();
        check_learning_rate("learningRate", 1e-9, 1.0).unwrap();
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
}
