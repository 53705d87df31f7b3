//! Helpers the browser API tests share: build options from JSON, read fields and error
//! messages back the way page code would.
// Each test crate compiles this module and uses only some of it.
#![allow(dead_code)]

use js_sys::{JSON, Reflect};
use wasm_bindgen::{JsError, JsValue};

/// Options as the page passes them: a parsed JSON object.
pub fn options(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

/// The `message` a rejected promise carries to the page.
pub fn message(e: JsError) -> String {
    let value = JsValue::from(e);
    Reflect::get(&value, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

/// `value.a.b...` for a dotted path.
pub fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        Reflect::get(&v, &key.into()).unwrap()
    })
}

/// A number at a dotted path; panics with the path if it is not one.
pub fn number(value: &JsValue, path: &str) -> f64 {
    get(value, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"))
}

/// Bytes as the page passes them: a `Uint8Array`.
pub fn bytes(data: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(data).into()
}

/// Numbers as the page passes them: a `Float32Array`.
pub fn floats(values: &[f32]) -> JsValue {
    js_sys::Float32Array::from(values).into()
}
