//! The players, as Burn modules.
//! - [`slanted`]: the one-layer generator and discriminator of the worked example;
//! - [`mlp`]: multilayer perceptrons for the 1-D and 2-D games;
//! - [`dcgan`]: the image GAN's convolutional generator and discriminator;
//! - [`autoencoder`]: autoencoders and VAEs for the image sets;
//! - [`pca`]: principal component analysis, their linear baseline;
//! - [`classifier`]: a digit classifier that judges how digit-like generated images are.

pub mod autoencoder;
pub mod classifier;
pub mod dcgan;
pub mod mlp;
pub mod pca;
pub mod slanted;

pub use autoencoder::{Autoencoder, AutoencoderConfig, Encoding, reparameterize};
pub use mlp::{Activation, Mlp, MlpConfig};
pub use pca::Pca;
pub use slanted::{Discriminator, Generator, SlantedWeights};
