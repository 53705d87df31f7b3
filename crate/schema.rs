//! Each experiment's settings as a list the page can build its controls from, derived from
//! serde rather than kept by hand: the names and kinds from the settings patch's
//! `Deserialize` (as the page spells them), the choices of an enum from its variants, the
//! defaults from the settings' `Default`, whether each changes live from the patch's
//! `LIVE`, and whether a link carries it from the patch's `NOT_IN_A_LINK`.
//!
//! The page reads it at build time: `tools/settings-schema.mjs` asks the built module for it
//! (`experiments()`, `settingsSchema`) and writes `www/js/settings.generated.js`, from which
//! the address's table of settings and the live ones are made.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::{ConfigPatch, SlantedFacesConfig};
pub use crate::serde_names::{Kind, variants};
use crate::serde_names::{field_names, probe};
use crate::train::game_settings::{GamePatch, GameSettings, ToyGanConfig};
use crate::train::image_gan::ImageGanSettings;
use crate::train::image_gan_settings::{ImageGanFlat, ImageGanPatch};
use crate::train::lab::{LabPatch, LabSettings};

/// The experiments, by the names the page, the address and the element use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Experiment {
    Faces,
    ToyGan,
    Autoencoder,
    ImageGan,
}

/// One setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Setting {
    /// As serde spells it (camelCase).
    pub name: &'static str,
    pub kind: Kind,
    /// The value a run starts with; null for what only a patch gives (a preset, a drawing,
    /// an upload, the backend).
    pub default: Value,
    /// The enum's variants, as serde spells them (choices only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<&'static [&'static str]>,
    /// Whether it changes a running run without a rebuild: through `configure` (or, for
    /// `backend`, `setBackend`, which every experiment has).
    pub live: bool,
    /// Whether a link carries it (the page's address, the `<gan-playground>` element's
    /// attributes): not a drawing, an upload, nor what only a view shows.
    pub link: bool,
}

/// The setting every run switches live, whatever its experiment (`setBackend`).
const BACKEND: &str = "backend";

/// Every setting of `experiment`, in the order its patch declares them.
pub fn settings_schema(experiment: Experiment) -> Vec<Setting> {
    match experiment {
        Experiment::Faces => schema::<ConfigPatch>(
            &SlantedFacesConfig::default(),
            ConfigPatch::LIVE,
            ConfigPatch::NOT_IN_A_LINK,
        ),
        Experiment::ToyGan => schema::<GamePatch>(
            &GameSettings::of(&ToyGanConfig::default()),
            GamePatch::LIVE,
            GamePatch::NOT_IN_A_LINK,
        ),
        Experiment::Autoencoder => schema::<LabPatch>(
            &LabSettings::default(),
            LabPatch::LIVE,
            LabPatch::NOT_IN_A_LINK,
        ),
        Experiment::ImageGan => schema::<ImageGanPatch>(
            &ImageGanFlat::of(&ImageGanSettings::default()),
            ImageGanPatch::LIVE,
            ImageGanPatch::NOT_IN_A_LINK,
        ),
    }
}

/// The schema of patch `P` (flat, every field optional), with the defaults read from
/// `defaults` serialised (the same names: both are camelCase), `live` and `not_in_a_link`
/// naming some of its fields.
fn schema<P: DeserializeOwned>(
    defaults: &impl Serialize,
    live: &[&str],
    not_in_a_link: &[&str],
) -> Vec<Setting> {
    let defaults = serde_json::to_value(defaults).unwrap_or_default();
    field_names::<P>()
        .iter()
        .map(|&name| {
            let (kind, choices) = probe::<P>(name);
            Setting {
                name,
                kind,
                default: defaults.get(name).cloned().unwrap_or_default(),
                choices,
                live: live.contains(&name) || name == BACKEND,
                link: !not_in_a_link.contains(&name),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Experiment; 4] = [
        Experiment::Faces,
        Experiment::ToyGan,
        Experiment::Autoencoder,
        Experiment::ImageGan,
    ];

    /// The defaults, as a patch of every setting that has one.
    fn defaults_patch<P: DeserializeOwned>(schema: &[Setting]) -> P {
        let map: serde_json::Map<String, Value> = schema
            .iter()
            .filter(|s| !s.default.is_null())
            .map(|s| (s.name.to_string(), s.default.clone()))
            .collect();
        serde_json::from_value(Value::Object(map)).expect("the defaults read as a patch")
    }

    /// Every field of the settings struct, by its serialised names.
    fn settings_names(settings: &impl Serialize) -> Vec<String> {
        match serde_json::to_value(settings).unwrap() {
            Value::Object(map) => map.keys().cloned().collect(),
            other => panic!("settings serialise as a map, got {other}"),
        }
    }

    #[test]
    fn every_setting_is_listed_with_its_default() {
        let cases = [
            (
                Experiment::Faces,
                settings_names(&SlantedFacesConfig::default()),
            ),
            (
                Experiment::ToyGan,
                settings_names(&GameSettings::of(&ToyGanConfig::default())),
            ),
            (
                Experiment::Autoencoder,
                settings_names(&LabSettings::default()),
            ),
            (
                Experiment::ImageGan,
                settings_names(&ImageGanFlat::of(&ImageGanSettings::default())),
            ),
        ];
        for (experiment, names) in cases {
            let schema = settings_schema(experiment);
            // The game's pointCount is read back from a drawing, never set (its points are).
            for name in names.into_iter().filter(|n| n != "pointCount") {
                let setting = schema
                    .iter()
                    .find(|s| s.name == name)
                    .unwrap_or_else(|| panic!("{experiment:?}: {name} is not in the schema"));
                assert!(!setting.default.is_null(), "{experiment:?}: {name}");
                assert_ne!(setting.kind, Kind::Other, "{experiment:?}: {name}");
            }
            assert!(schema.iter().any(|s| s.name == BACKEND && s.live));
        }
    }

    #[test]
    fn the_defaults_pass_each_experiments_own_validation() {
        let faces = settings_schema(Experiment::Faces);
        let config = defaults_patch::<ConfigPatch>(&faces)
            .apply(&SlantedFacesConfig::default())
            .unwrap();
        assert_eq!(config, SlantedFacesConfig::default());

        let game = settings_schema(Experiment::ToyGan);
        // Over another base, so that every default has to be read to come back.
        let base = ToyGanConfig {
            seed: 99,
            batch: 8,
            ..ToyGanConfig::default()
        };
        let config = defaults_patch::<GamePatch>(&game).apply(&base).unwrap();
        assert_eq!(config, ToyGanConfig::default());

        let lab = settings_schema(Experiment::Autoencoder);
        let settings = defaults_patch::<LabPatch>(&lab).settings().unwrap();
        assert_eq!(settings, LabSettings::default());

        let image_gan = settings_schema(Experiment::ImageGan);
        // Over another base, so that every default has to be read to come back.
        let base = ImageGanSettings {
            seed: 99,
            width: 8,
            conditional: true,
            ..ImageGanSettings::default()
        };
        let settings = defaults_patch::<ImageGanPatch>(&image_gan)
            .apply(&base)
            .unwrap();
        assert_eq!(settings, ImageGanSettings::default());
    }

    #[test]
    fn kinds_choices_and_live_come_from_serde_and_the_patches() {
        let find = |experiment, name: &str| {
            settings_schema(experiment)
                .into_iter()
                .find(|s| s.name == name)
                .unwrap()
        };
        let engine = find(Experiment::Faces, "engine");
        assert_eq!(engine.kind, Kind::Choice);
        assert_eq!(engine.choices, Some(&["burn", "by-hand"][..]));
        assert!(engine.live);
        assert_eq!(find(Experiment::Faces, "seed").kind, Kind::Integer);
        assert!(!find(Experiment::Faces, "seed").live);
        assert_eq!(find(Experiment::Faces, "learningRate").kind, Kind::Number);
        let noise = find(Experiment::ToyGan, "noise");
        assert_eq!(noise.choices, Some(&["uniform", "gaussian"][..]));
        assert_eq!(noise.default, "gaussian");
        assert_eq!(find(Experiment::ToyGan, "generatorHidden").kind, Kind::List);
        assert_eq!(find(Experiment::ToyGan, "objective").kind, Kind::Text);
        for name in GamePatch::LIVE {
            assert!(find(Experiment::ToyGan, name).live, "{name}");
        }
        assert_eq!(
            find(Experiment::Autoencoder, "variational").kind,
            Kind::Boolean
        );
        assert!(
            settings_schema(Experiment::Autoencoder)
                .iter()
                .all(|s| s.live == (s.name == BACKEND))
        );
        let data = find(Experiment::ImageGan, "data");
        assert_eq!(data.kind, Kind::Choice);
        assert_eq!(data.default, "digits8");
        assert_eq!(
            find(Experiment::ImageGan, "conditional").kind,
            Kind::Boolean
        );
        assert_eq!(find(Experiment::ImageGan, "objective").kind, Kind::Text);
        assert!(!find(Experiment::ImageGan, "width").live);
        for name in ImageGanPatch::LIVE {
            assert!(find(Experiment::ImageGan, name).live, "{name}");
        }
        assert_eq!(
            variants::<Experiment>(),
            ["faces", "toy_gan", "autoencoder", "image_gan"]
        );
        for experiment in ALL {
            let names: Vec<_> = settings_schema(experiment).iter().map(|s| s.name).collect();
            assert!(names.contains(&"seed"), "{experiment:?}");
        }
    }

    /// Each patch's `LIVE` and `NOT_IN_A_LINK`, as the schema builds from them.
    fn lists(experiment: Experiment) -> (&'static [&'static str], &'static [&'static str]) {
        match experiment {
            Experiment::Faces => (ConfigPatch::LIVE, ConfigPatch::NOT_IN_A_LINK),
            Experiment::ToyGan => (GamePatch::LIVE, GamePatch::NOT_IN_A_LINK),
            Experiment::Autoencoder => (LabPatch::LIVE, LabPatch::NOT_IN_A_LINK),
            Experiment::ImageGan => (ImageGanPatch::LIVE, ImageGanPatch::NOT_IN_A_LINK),
        }
    }

    #[test]
    fn a_link_carries_every_setting_but_drawings_uploads_and_the_faces_shown() {
        let unlinked = |experiment| -> Vec<_> {
            settings_schema(experiment)
                .into_iter()
                .filter(|s| !s.link)
                .map(|s| s.name)
                .collect()
        };
        assert_eq!(unlinked(Experiment::Faces), ["samples"]);
        assert_eq!(unlinked(Experiment::ToyGan), ["points", "csv", "dims"]);
        assert!(unlinked(Experiment::Autoencoder).is_empty());
        assert!(unlinked(Experiment::ImageGan).is_empty());
        for experiment in ALL {
            let schema = settings_schema(experiment);
            // A misspelt name in either list would name no setting and be ignored.
            let (live, not_in_a_link) = lists(experiment);
            for name in live.iter().chain(not_in_a_link) {
                assert!(
                    schema.iter().any(|s| s.name == *name),
                    "{experiment:?}: {name} is no setting"
                );
            }
            // What a link carries, the page's address codec can spell.
            for setting in schema.iter().filter(|s| s.link) {
                assert_ne!(
                    setting.kind,
                    Kind::Other,
                    "{experiment:?}: {}",
                    setting.name
                );
            }
            // A link names its preset first (Rust applies it first whatever the order).
            assert_eq!(schema[0].name, "preset", "{experiment:?}");
            assert!(schema[0].link);
        }
    }
}
