//! The arguments of every exported function, checked. JavaScript can pass anything, and
//! wasm-bindgen's own conversions do not check: a number where a string is due reads memory
//! out of bounds (a trap that kills the module), `'a'` or `NaN` where a count is due becomes
//! 0, and `-1` becomes 4294967295. So exports take `JsValue`s and read them here, and a wrong
//! one is a readable error naming the call, the argument, what was given and what is allowed:
//!
//! `setBackend(choice): choice must be auto, webgpu or cpu; got 42`
//!
//! Options objects go through [`options`]: an unknown name or a wrong type names the setting
//! (`invalid setting batch: must be a whole number ≥ 1, got -5`), in the shapes the page's
//! address fallback reads to drop just the bad keys.

use std::ops::RangeInclusive;
use std::str::FromStr;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::plain_words;
pub(crate) use crate::error::quote;

/// What `value` is, as a message says it: `42`, `"auto"`, `NaN`, `undefined`, `an object`.
pub(crate) fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        return "nothing (undefined)".into();
    }
    if value.is_null() {
        return "null".into();
    }
    if let Some(text) = value.as_string() {
        return quote(&text);
    }
    if let Some(x) = value.as_f64() {
        return number_text(x);
    }
    if let Some(b) = value.as_bool() {
        return b.to_string();
    }
    if value.is_function() {
        return "a function".into();
    }
    if value.is_bigint() {
        return "a BigInt".into();
    }
    if value.is_symbol() {
        return "a Symbol".into();
    }
    if js_sys::Array::is_array(value) {
        let n = value.unchecked_ref::<js_sys::Array>().length();
        return format!("a list of {n}");
    }
    if let Some(array) = value.dyn_ref::<js_sys::Float32Array>() {
        return format!("a Float32Array of {}", array.length());
    }
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return format!("a Uint8Array of {}", array.length());
    }
    "an object".into()
}

fn number_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        x.to_string()
    }
}

/// One exported function's arguments: `Call("lab.image")` names it in every message.
pub(crate) struct Call(pub &'static str);

impl Call {
    /// The error for argument `arg`: it `must` be something else than `given`.
    pub(crate) fn refuse(&self, arg: &str, must: &str, given: &JsValue) -> JsError {
        self.refuse_text(arg, must, &describe(given))
    }

    pub(crate) fn refuse_text(&self, arg: &str, must: &str, given: &str) -> JsError {
        JsError::new(&format!(
            "{}({arg}): {arg} must be {must}; got {given}",
            self.0
        ))
    }

    /// A string argument; `allowed` says what it may be.
    pub(crate) fn text(
        &self,
        arg: &str,
        value: &JsValue,
        allowed: &str,
    ) -> Result<String, JsError> {
        value
            .as_string()
            .ok_or_else(|| self.refuse(arg, allowed, value))
    }

    /// A string naming one of `T`'s values (a backend), parsed; a string `T` does not know
    /// gets `T`'s own message.
    pub(crate) fn choice<T: FromStr<Err: std::fmt::Display>>(
        &self,
        arg: &str,
        value: &JsValue,
        allowed: &str,
    ) -> Result<T, JsError> {
        self.text(arg, value, allowed)?
            .parse()
            .map_err(|e| JsError::new(&format!("{}({arg}): {e}", self.0)))
    }

    /// A finite number.
    pub(crate) fn number(&self, arg: &str, value: &JsValue) -> Result<f64, JsError> {
        value
            .as_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| self.refuse(arg, "a finite number", value))
    }

    /// A finite number that passes `ok`; `must` says what is allowed.
    pub(crate) fn number_where(
        &self,
        arg: &str,
        value: &JsValue,
        must: &str,
        ok: impl Fn(f64) -> bool,
    ) -> Result<f64, JsError> {
        let x = self.number(arg, value)?;
        if ok(x) {
            Ok(x)
        } else {
            Err(self.refuse(arg, must, value))
        }
    }

    /// A whole number in `range`.
    pub(crate) fn whole(
        &self,
        arg: &str,
        value: &JsValue,
        range: RangeInclusive<u32>,
    ) -> Result<u32, JsError> {
        let must = format!("a whole number from {} to {}", range.start(), range.end());
        match value.as_f64() {
            Some(x)
                if x.fract() == 0.0
                    && x >= f64::from(*range.start())
                    && x <= f64::from(*range.end()) =>
            {
                Ok(x as u32)
            }
            _ => Err(self.refuse(arg, &must, value)),
        }
    }

    /// An index into `len` things (`what`, plural, for the message when there are none).
    pub(crate) fn index(
        &self,
        arg: &str,
        value: &JsValue,
        len: usize,
        what: &str,
    ) -> Result<usize, JsError> {
        if len == 0 {
            return Err(self.refuse(arg, &format!("an index, but there are no {what}"), value));
        }
        let last = u32::try_from(len - 1).unwrap_or(u32::MAX);
        let must = format!("a whole number from 0 to {last} (there are {len} {what})");
        match value.as_f64() {
            Some(x) if x.fract() == 0.0 && (0.0..=f64::from(last)).contains(&x) => Ok(x as usize),
            _ => Err(self.refuse(arg, &must, value)),
        }
    }

    /// `len` finite numbers, from a list or a typed array (`None`: any length up to `most`).
    pub(crate) fn numbers(
        &self,
        arg: &str,
        value: &JsValue,
        len: Option<usize>,
        most: usize,
    ) -> Result<Vec<f64>, JsError> {
        let must = match len {
            Some(n) => format!("a list of {n} finite numbers"),
            None => format!("a list of at most {most} finite numbers"),
        };
        let items: Vec<JsValue> = if js_sys::Array::is_array(value) {
            value.unchecked_ref::<js_sys::Array>().iter().collect()
        } else if value.is_instance_of::<js_sys::Object>()
            && js_sys::ArrayBuffer::is_view(value)
            && !value.is_instance_of::<js_sys::DataView>()
        {
            js_sys::Array::from(value).iter().collect()
        } else {
            return Err(self.refuse(arg, &must, value));
        };
        if len.is_some_and(|n| items.len() != n) || items.len() > most {
            return Err(self.refuse(arg, &must, value));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
                    self.refuse_text(arg, &must, &format!("{} at index {i}", describe(item)))
                })
            })
            .collect()
    }

    /// Bytes, from a `Uint8Array` (or `undefined`/`null`, read as `None`).
    pub(crate) fn bytes(&self, arg: &str, value: &JsValue) -> Result<Option<Vec<u8>>, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        value
            .dyn_ref::<js_sys::Uint8Array>()
            .map(|array| Some(array.to_vec()))
            .ok_or_else(|| self.refuse(arg, "a Uint8Array of the file's bytes", value))
    }

    /// `true` or `false` (`undefined` reads as false).
    pub(crate) fn flag(&self, arg: &str, value: &JsValue) -> Result<bool, JsError> {
        if value.is_undefined() {
            return Ok(false);
        }
        value
            .as_bool()
            .ok_or_else(|| self.refuse(arg, "true or false", value))
    }
}

/// An options object as `T` (`undefined` or `null` give the defaults). Only the names in
/// `fields` are allowed; a wrong value names its setting and says what it may be.
pub(crate) fn options<T: serde::de::DeserializeOwned + Default>(
    call: &Call,
    value: JsValue,
    fields: &[&str],
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(&value) || value.is_function() {
        return Err(call.refuse("options", "an object of settings, like {seed: 7}", &value));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "invalid options: unknown option `{key}` (expected one of {})",
                fields.join(", ")
            )));
        }
    }
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let setting = e.path().to_string();
        JsError::new(&format!(
            "invalid setting {setting}: {}",
            plain_words(&e.inner().to_string())
        ))
    })
}
