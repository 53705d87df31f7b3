//! Everything that can go wrong, as values: the page shows the message and keeps its state.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum PlaygroundError {
    #[error("unknown preset \"{0}\" (available: {1})")]
    UnknownPreset(String, String),
    #[error("invalid setting {name}: {reason}")]
    InvalidConfig { name: &'static str, reason: String },
    #[error("unknown backend \"{0}\" (use auto, webgpu or cpu)")]
    UnknownBackend(String),
    #[error("bad data: {0}")]
    BadData(String),
    #[error("WebGPU is not available: {0}")]
    WebGpuUnavailable(String),
    #[error("the compute device failed: {0}")]
    Device(String),
    #[error(
        "training diverged at {unit} {epoch}: the {which} loss became {value}; \
         the weights from before this step were kept (lower the learning rate)"
    )]
    Diverged {
        /// "epoch" or "iteration".
        unit: &'static str,
        epoch: u64,
        which: &'static str,
        value: f32,
    },
}

impl PlaygroundError {
    pub fn invalid(name: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidConfig {
            name,
            reason: reason.into(),
        }
    }

    /// A failed read or execution on the compute device.
    pub fn device(e: impl std::fmt::Debug) -> Self {
        Self::Device(format!("{e:?}"))
    }
}

pub type Result<T> = std::result::Result<T, PlaygroundError>;

/// The longest piece of a given string quoted back in a message.
const QUOTED: usize = 40;

/// `text` in quotes, cut short, with control characters (a binary file's) shown as `�`.
pub fn quote(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(QUOTED)
        .map(|c| if c.is_control() { '�' } else { c })
        .collect();
    if text.chars().count() > QUOTED {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// A serde message in the page's words: "invalid type: string \"a\", expected usize" becomes
/// "must be a whole number ≥ 0, got \"a\"".
pub fn plain_words(message: &str) -> String {
    // serde-wasm-bindgen's errors are JavaScript errors, shown with their "Error: ".
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    let Some((head, expected)) = message.split_once(", expected ") else {
        return message.to_string();
    };
    let given = head
        .strip_prefix("invalid type: ")
        .or_else(|| head.strip_prefix("invalid value: "))
        .map(given_words);
    let Some(given) = given else {
        // `unknown variant `x`, expected one of `a`, `b``
        if let Some(variant) = head.strip_prefix("unknown variant ") {
            let allowed = expected.trim_start_matches("one of ").replace('`', "");
            return format!(
                "must be one of {allowed}, got {}",
                variant.replace('`', "\"")
            );
        }
        return message.to_string();
    };
    format!("must be {}, got {given}", expected_words(expected))
}

fn given_words(given: &str) -> String {
    for prefix in ["floating point ", "integer ", "boolean "] {
        if let Some(rest) = given.strip_prefix(prefix) {
            // JavaScript has one number type: -1.0 is written -1 there.
            let number = rest.replace('`', "");
            return number
                .strip_suffix(".0")
                .map_or(number.clone(), str::to_string);
        }
    }
    if let Some(rest) = given.strip_prefix("string ") {
        return rest.to_string();
    }
    match given {
        "map" => "an object".into(),
        "sequence" => "a list".into(),
        "unit value" | "null" => "null".into(),
        other => other.to_string(),
    }
}

fn expected_words(expected: &str) -> String {
    match expected {
        "usize" | "u64" | "u32" | "u16" | "u8" => "a whole number ≥ 0".into(),
        "i64" | "i32" => "a whole number".into(),
        "f64" | "f32" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a string" => "text".into(),
        "a sequence" => "a list".into(),
        other if other.starts_with("struct ") || other.starts_with("a map") => {
            "an object of settings".into()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_in_the_pages_words() {
        assert_eq!(
            plain_words("invalid type: string \"a\", expected usize"),
            "must be a whole number ≥ 0, got \"a\""
        );
        assert_eq!(
            plain_words("Error: invalid type: floating point `-1.0`, expected u64"),
            "must be a whole number ≥ 0, got -1"
        );
        assert_eq!(
            plain_words("invalid value: integer `-5`, expected usize"),
            "must be a whole number ≥ 0, got -5"
        );
        assert_eq!(
            plain_words("invalid type: floating point `1.5`, expected u64"),
            "must be a whole number ≥ 0, got 1.5"
        );
        assert_eq!(
            plain_words("unknown variant `relu6`, expected one of `relu`, `tanh`"),
            "must be one of relu, tanh, got \"relu6\""
        );
        assert_eq!(
            plain_words("invalid type: map, expected struct ConfigPatch"),
            "must be an object of settings, got an object"
        );
    }

    #[test]
    fn quotes_are_short_and_printable() {
        assert_eq!(quote("ab\u{0}c"), "\"ab�c\"");
        assert_eq!(quote(&"x".repeat(50)), format!("\"{}…\"", "x".repeat(40)));
    }
}
