//! Training loops.
//! - [`slanted`]: the worked example's per-face SGD, on Burn's autodiff or by hand;
//! - [`toy`]: minibatch GANs on the 1-D and 2-D toy data, with every objective;
//! - [`game_settings`]: the game's settings, their flat form and live changes;
//! - [`game_view`]: what the 1-D and 2-D views draw, from the numbers `toy` reads back;
//! - [`image_gan`]: the DCGAN and the conditional GAN on the digit and face sets;
//! - [`image_gan_settings`]: the image GAN's settings, flat, their patch and live changes;
//! - [`image_view`]: what the image GAN's views draw (judgement, nearest images, timeline);
//! - [`latent`]: walks between samples' z and single coordinates moved (slerp, checks);
//! - [`autoencoder`]: autoencoders, denoising autoencoders and VAEs on image sets;
//! - [`lab`]: the autoencoder lab, a run with its twin, PCA and the views' measures;
//! - [`trial`]: `auto`'s timed trial of a run's twin on each device.

pub mod autoencoder;
pub mod game_settings;
pub mod game_view;
pub mod image_gan;
pub mod image_gan_settings;
pub mod image_view;
pub mod lab;
pub mod latent;
pub mod slanted;
pub mod toy;
pub mod trial;

pub use slanted::{
    EpochLosses, MAX_EPOCHS_PER_CALL, SlantedFacesGan, Snapshot, burn_face_step_gradients,
};
