//! GAN Playground: small GANs trained live in the browser with Burn, on WebGPU or the CPU.
//!
//! One module per idea, named after the curriculum (`../shared/reference/THEORY.md`):
//! - [`data`]: the real data (the slanted-island faces) and the noise fed to the generator;
//! - [`models`]: the [`models::Generator`] and [`models::Discriminator`] as Burn modules, and
//!   [`models::SlantedWeights`], their parameters as plain numbers;
//! - [`objectives`]: the value function and the losses each player minimises;
//! - [`by_hand`]: the same GAN with the note's hand-derived partial derivatives;
//! - [`game`]: the zero-sum game (a payoff table, maximin and minimax) and the Dirac GAN;
//! - [`metrics`]: JS, KL and Wasserstein distances between samples, and mode coverage;
//! - [`train`]: the training loop, on Burn's autodiff or by hand;
//! - [`backend`]: which compute device runs it (WebGPU or CPU), chosen at run time;
//! - [`config`]: validated settings; [`error`]: what can go wrong, as values;
//! - `wasm_api`: the JavaScript-facing API (wasm32 only).

pub mod backend;
pub mod by_hand;
pub mod config;
pub mod data;
pub mod error;
pub mod game;
pub mod metrics;
pub mod models;
pub mod objectives;
pub mod presets;
pub mod train;

#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

pub use config::{Engine, SlantedFacesConfig};
pub use error::PlaygroundError;
pub use train::{SlantedFacesGan, Snapshot};
