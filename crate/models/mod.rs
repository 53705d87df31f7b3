//! The players, as Burn modules.
//! - [`slanted`]: the one-layer generator and discriminator of the worked example;
//! - [`mlp`]: multilayer perceptrons for the 1-D and 2-D games;
//! - [`dcgan`]: the image GAN's convolutional generator and discriminator;
//! - [`mlp_gan`]: its baseline, two multilayer perceptrons on flat pixels;
//! - [`image_players`]: either pair, as the one generator and discriminator a run trains;
//! - [`autoencoder`]: autoencoders and VAEs for the image sets;
//! - [`pca`]: principal component analysis, their linear baseline;
//! - [`classifier`]: a digit classifier that judges how digit-like generated images are.

pub mod autoencoder;
pub mod classifier;
pub mod dcgan;
pub mod image_players;
pub mod mlp;
pub mod mlp_gan;
pub mod pca;
pub mod slanted;

pub use autoencoder::{Autoencoder, AutoencoderConfig, Encoding, reparameterize};
pub use mlp::{Activation, Mlp, MlpConfig};
pub use pca::Pca;
pub use slanted::{Discriminator, Generator, SlantedWeights};
