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
