//! GAN Playground: small GANs trained live in the browser with Burn, on WebGPU or the CPU.
//!
//! One module per idea, named after the curriculum (`../shared/reference/THEORY.md`):
//! - [`data`]: the real data (the slanted-island faces) and the noise fed to the generator;
//! - [`models`]: the [`models::Generator`] and [`models::Discriminator`] as Burn modules, and
//!   [`models::SlantedWeights`], their parameters as plain numbers;
//! - [`objectives`]: the value function and the losses each player minimises;
//! - [`by_hand`]: the same GAN with the note's hand-derived partial derivatives;
//! - [`zero_sum`]: the zero-sum game (a payoff table, maximin and minimax);
//! - [`dirac`]: the Dirac GAN, training as a flow in the plane;
//! - [`metrics`]: JS, KL and Wasserstein distances between samples, and mode coverage;
//! - [`train`]: the training loops (and the autoencoder lab's views);
//! - [`presets`]: each experiment's presets and the claims their texts make;
//! - [`backend`]: which compute device runs it (WebGPU or CPU), chosen at run time;
//! - [`config`]: validated settings; [`error`]: what can go wrong, as values;
//! - [`schema`]: each experiment's settings listed for the page, derived from serde;
//! - [`serde_names`]: names, kinds and choices read from a type's `Deserialize`;
//! - `wasm_api`: the JavaScript-facing API (wasm32 only).

pub mod backend;
pub mod by_hand;
pub mod config;
pub mod data;
pub mod dirac;
pub mod error;
pub mod metrics;
pub mod models;
pub mod objectives;
pub mod presets;
pub mod schema;
pub mod serde_names;
pub mod train;
pub mod zero_sum;

#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

pub use config::{Engine, SlantedFacesConfig};
pub use error::PlaygroundError;
pub use train::{SlantedFacesGan, Snapshot};
