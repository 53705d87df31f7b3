//! The players, as Burn modules.
//! - [`slanted`]: the one-layer generator and discriminator of the worked example;
//! - [`mlp`]: multilayer perceptrons for the 1-D and 2-D games.

pub mod mlp;
pub mod slanted;

pub use mlp::{Activation, Mlp, MlpConfig};
pub use slanted::{Discriminator, Generator, SlantedWeights};
