//! Autoencoders and VAEs (THEORY.md §6, note 001): an encoder squeezes an image into a
//! latent code, a decoder rebuilds the image from it. The variational one encodes a
//! Gaussian (mean and log-variance) and decodes a sample z = μ + σ·ε from it, so that its
//! latent space can be sampled; the linear one is PCA learned by gradient descent.

use burn::prelude::*;
use burn::tensor::activation::sigmoid;
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};
use crate::models::{Activation, Mlp, MlpConfig};

/// Most latent dimensions (the 2–256).
pub const MAX_LATENT: usize = 256;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoencoderConfig {
    /// Pixels of an image.
    pub d_input: usize,
    /// Hidden layers of the encoder, input side first; the decoder mirrors them.
    pub hidden: Vec<usize>,
    pub latent: usize,
    pub activation: Activation,
    /// Encode a Gaussian and decode a sample of it (a VAE).
    pub variational: bool,
    /// No hidden layers and no output squashing: the "this is PCA" autoencoder.
    pub linear: bool,
}

impl AutoencoderConfig {
    pub fn validate(&self) -> Result<()> {
        if !(1..=MAX_LATENT).contains(&self.latent) {
            return Err(PlaygroundError::invalid(
                "latent",
                format!("must be 1 to {MAX_LATENT}, got {}", self.latent),
            ));
        }
        if self.linear && !self.hidden.is_empty() {
            return Err(PlaygroundError::invalid(
                "hidden",
                "the linear (PCA) autoencoder has no hidden layers",
            ));
        }
        self.encoder().validate("encoderLayers")?;
        self.decoder().validate("decoderLayers")
    }

    fn encoder(&self) -> MlpConfig {
        let out = if self.variational {
            2 * self.latent
        } else {
            self.latent
        };
        MlpConfig::new(self.d_input, out, self.hidden.clone()).with_activation(self.activation)
    }

    fn decoder(&self) -> MlpConfig {
        let hidden = self.hidden.iter().rev().copied().collect();
        MlpConfig::new(self.latent, self.d_input, hidden).with_activation(self.activation)
    }

    /// Weights from the seeded host stream, as for every network here.
    pub fn init(&self, device: &Device, rng: &mut impl rand::Rng) -> Result<Autoencoder> {
        self.validate()?;
        Ok(Autoencoder {
            encoder: self.encoder().init(device, rng)?,
            decoder: self.decoder().init(device, rng)?,
            latent: self.latent,
            variational: self.variational,
            linear: self.linear,
        })
    }
}

/// What the encoder says about an image: the code, or for a VAE the Gaussian q(z|x).
#[derive(Debug, Clone)]
pub struct Encoding {
    pub mean: Tensor<2>,
    /// ln σ² per latent dimension (VAE only).
    pub log_var: Option<Tensor<2>>,
}

#[derive(Module, Debug)]
pub struct Autoencoder {
    pub encoder: Mlp,
    pub decoder: Mlp,
    #[module(skip)]
    pub latent: usize,
    #[module(skip)]
    pub variational: bool,
    #[module(skip)]
    pub linear: bool,
}

impl Autoencoder {
    /// `[n, pixels]` → the code (or μ and ln σ²), `[n, latent]` each.
    pub fn encode(&self, x: Tensor<2>) -> Encoding {
        let out = self.encoder.forward(x);
        if self.variational {
            let n = out.dims()[0];
            let mean = out.clone().slice([0..n, 0..self.latent]);
            let log_var = out.slice([0..n, self.latent..2 * self.latent]);
            Encoding {
                mean,
                log_var: Some(log_var),
            }
        } else {
            Encoding {
                mean: out,
                log_var: None,
            }
        }
    }

    /// The decoder's raw output for codes `z`: logits, or pixels for the linear one.
    pub fn decode_raw(&self, z: Tensor<2>) -> Tensor<2> {
        self.decoder.forward(z)
    }

    /// Pixels from the decoder's raw output.
    pub fn pixels(&self, raw: Tensor<2>) -> Tensor<2> {
        if self.linear { raw } else { sigmoid(raw) }
    }

    /// Pixels for codes `z`.
    pub fn decode(&self, z: Tensor<2>) -> Tensor<2> {
        self.pixels(self.decode_raw(z))
    }
}

/// The reparameterisation trick: z = μ + σ·ε with σ = exp(½ ln σ²) and ε ~ N(0, I) given,
/// so that z is a differentiable function of μ and σ.
pub fn reparameterize(mean: Tensor<2>, log_var: Tensor<2>, eps: Tensor<2>) -> Tensor<2> {
    mean + (log_var * 0.5).exp() * eps
}
