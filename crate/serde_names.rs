//! Names and kinds as serde spells them, read from a type's `Deserialize` rather than kept
//! by hand beside it: a struct's field names, one field's kind (and an enum field's
//! choices), an enum's variants. The probes below stand in for a deserializer, record what
//! the type asks for, and refuse, so no value is ever made.

use std::cell::RefCell;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor, value::Error};
use serde::{Deserialize, Serialize};

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

/// What a probe learnt: the struct's field names, or one field's kind and choices.
#[derive(Default)]
struct Probed {
    fields: &'static [&'static str],
    kind: Option<Kind>,
    choices: Option<&'static [&'static str]>,
}

/// The field names of struct `T` as serde spells them.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
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
pub fn probe<T: DeserializeOwned>(name: &'static str) -> (Kind, Option<&'static [&'static str]>) {
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

/// The serde name of `variant`, a variant of the fieldless enum `T` (`variant as usize`):
/// serde lists the variants in declaration order, as the discriminants count them.
pub fn variant_name<T: DeserializeOwned>(variant: usize) -> &'static str {
    variants::<T>()[variant]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::images::ImageData;
    use crate::data::toy::{Toy1d, Toy2d};

    /// `name` is exactly serde's spelling, both ways, for every variant.
    fn round_trips<T>(all: &[T], name: impl Fn(&T) -> &'static str)
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for value in all {
            let spelt = serde_json::Value::String(name(value).into());
            assert_eq!(serde_json::to_value(value).unwrap(), spelt);
            assert_eq!(&serde_json::from_value::<T>(spelt).unwrap(), value);
        }
        assert_eq!(variants::<T>().len(), all.len());
    }

    #[test]
    fn the_data_sets_names_are_serdes() {
        round_trips(&Toy1d::ALL, |s| s.name());
        round_trips(&Toy2d::ALL, |s| s.name());
        round_trips(&ImageData::ALL, |s| s.name());
        assert_eq!(Toy1d::BimodalGap.name(), "bimodal-gap");
    }

    #[test]
    fn a_struct_s_fields_and_kinds() {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[allow(dead_code)]
        struct Settings {
            learning_rate: f64,
            hidden: Option<Vec<usize>>,
            data: Toy2d,
            twin: bool,
        }
        assert_eq!(
            field_names::<Settings>(),
            ["learningRate", "hidden", "data", "twin"]
        );
        assert_eq!(probe::<Settings>("learningRate"), (Kind::Number, None));
        assert_eq!(probe::<Settings>("hidden"), (Kind::List, None));
        assert_eq!(probe::<Settings>("twin"), (Kind::Boolean, None));
        assert_eq!(
            probe::<Settings>("data"),
            (Kind::Choice, Some(variants::<Toy2d>()))
        );
        assert!(variants::<Settings>().is_empty());
    }
}
