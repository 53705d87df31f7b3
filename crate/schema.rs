//! Each experiment's settings as a list the page can build its controls from, derived from
//! serde rather than kept by hand: the names and kinds from the settings patch's
//! `Deserialize` (as the page spells them), the choices of an enum from its variants, the
//! defaults from the settings' `Default`, and whether each changes live from the patch's
//! `LIVE`.

use std::cell::RefCell;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor, value::Error};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::{ConfigPatch, SlantedFacesConfig};
use crate::train::game_settings::{GamePatch, GameSettings, ToyGanConfig};
use crate::train::lab::{LabPatch, LabSettings};

/// The experiments, by the names the page, the address and the element use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Experiment {
    Faces,
    ToyGan,
    Autoencoder,
}

/// What a setting's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Boolean,
    Integer,
    Number,
    Text,
    /// A list (of numbers, or of points).
    List,
    /// One of `choices`.
    Choice,
    /// Anything else serde reads (not used by the settings today).
    Other,
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
}

/// The setting every run switches live, whatever its experiment (`setBackend`).
const BACKEND: &str = "backend";

/// Every setting of `experiment`, in the order its patch declares them.
pub fn settings_schema(experiment: Experiment) -> Vec<Setting> {
    match experiment {
        Experiment::Faces => {
            schema::<ConfigPatch>(&SlantedFacesConfig::default(), ConfigPatch::LIVE)
        }
        Experiment::ToyGan => {
            schema::<GamePatch>(&GameSettings::of(&ToyGanConfig::default()), GamePatch::LIVE)
        }
        Experiment::Autoencoder => schema::<LabPatch>(&LabSettings::default(), LabPatch::LIVE),
    }
}

/// The schema of patch `P` (flat, every field optional), with the defaults read from
/// `defaults` serialised (the same names: both are camelCase).
fn schema<P: DeserializeOwned>(defaults: &impl Serialize, live: &[&str]) -> Vec<Setting> {
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
            }
        })
        .collect()
}

/// What a probe learnt: the struct's field names, or one field's kind and choices.
#[derive(Default)]
struct Probed {
    fields: &'static [&'static str],
    kind: Option<Kind>,
    choices: Option<&'static [&'static str]>,
}

/// The field names of struct `T` as serde spells them.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let probed = RefCell::new(Probed::default());
    let _ = T::deserialize(StructProbe {
        field: None,
        probed: &probed,
    });
    probed.into_inner().fields
}

/// The variants of enum `T` as serde spells them (empty if `T` is no enum).
pub fn variants<T: DeserializeOwned>() -> &'static [&'static str] {
    let probed = RefCell::new(Probed::default());
    let _ = T::deserialize(ValueProbe(&probed));
    probed.into_inner().choices.unwrap_or_default()
}

/// The kind of field `name` of struct `T` (and its choices when it is an enum): `T` is
/// asked to read a map holding only that field, whose value says what it is asked for.
fn probe<T: DeserializeOwned>(name: &'static str) -> (Kind, Option<&'static [&'static str]>) {
    let probed = RefCell::new(Probed::default());
    let _ = T::deserialize(StructProbe {
        field: Some(name),
        probed: &probed,
    });
    let probed = probed.into_inner();
    (probed.kind.unwrap_or(Kind::Other), probed.choices)
}

/// The probes only record and then refuse: no value is ever made.
fn done<T>() -> Result<T, Error> {
    Err(de::Error::custom("probed"))
}

/// Stands in for a struct: records its field names, then (with `field`) offers that one
/// field with a [`ValueProbe`] as its value.
struct StructProbe<'a> {
    field: Option<&'static str>,
    probed: &'a RefCell<Probed>,
}

impl<'de> Deserializer<'de> for StructProbe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        done()
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.probed.borrow_mut().fields = fields;
        match self.field {
            Some(field) => visitor.visit_map(OneField {
                key: Some(field),
                probed: self.probed,
            }),
            None => done(),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A map of one entry: the probed field, its value a [`ValueProbe`].
struct OneField<'a> {
    key: Option<&'static str>,
    probed: &'a RefCell<Probed>,
}

impl<'de> MapAccess<'de> for OneField<'_> {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        self.key
            .take()
            .map(|key| seed.deserialize(de::value::BorrowedStrDeserializer::new(key)))
            .transpose()
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(ValueProbe(self.probed))
    }
}

/// Stands in for a field's value: records what the field's type asks serde for.
struct ValueProbe<'a>(&'a RefCell<Probed>);

impl ValueProbe<'_> {
    fn found<T>(self, kind: Kind) -> Result<T, Error> {
        self.0.borrow_mut().kind = Some(kind);
        done()
    }
}

/// `deserialize_…` methods that record `kind`.
macro_rules! found {
    ($kind:ident: $($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            self.found(Kind::$kind)
        })*
    };
}

impl<'de> Deserializer<'de> for ValueProbe<'_> {
    type Error = Error;

    found!(Other: deserialize_any deserialize_map deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_identifier deserialize_ignored_any);
    found!(Boolean: deserialize_bool);
    found!(Integer: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);
    found!(Number: deserialize_f32 deserialize_f64);
    found!(Text: deserialize_char deserialize_str deserialize_string);
    found!(List: deserialize_seq);

    /// Every patch field is optional: the kind is the inner type's.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        self.0.borrow_mut().choices = Some(variants);
        self.found(Kind::Choice)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _: V,
    ) -> Result<V::Value, Error> {
        self.found(Kind::Other)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _: V) -> Result<V::Value, Error> {
        self.found(Kind::List)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _: V,
    ) -> Result<V::Value, Error> {
        self.found(Kind::List)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        self.found(Kind::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Experiment; 3] = [
        Experiment::Faces,
        Experiment::ToyGan,
        Experiment::Autoencoder,
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
        assert_eq!(
            variants::<Experiment>(),
            ["faces", "toy_gan", "autoencoder"]
        );
        for experiment in ALL {
            let names: Vec<_> = settings_schema(experiment).iter().map(|s| s.name).collect();
            assert!(names.contains(&"seed"), "{experiment:?}");
        }
    }
}
