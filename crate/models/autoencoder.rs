//! Autoencoders and VAEs (THEORY.md §6, note 001): an encoder squeezes an image into a
//! latent code, a decoder rebuilds the image from it. The variational one encodes a
//! Gaussian (mean and log-variance) and decodes a sample z = μ + σ·ε from it, so that its
//! latent space can be sampled; the linear one is PCA learned by gradient descent. The
//! convolutional one puts two stride-2 convolutions before the encoder's dense layers and
//! two transposed convolutions after the decoder's, so that it sees strokes, not pixels.

use burn::module::Param;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::{Conv2d, Conv2dConfig, ConvTranspose2d, ConvTranspose2dConfig};
use burn::prelude::*;
use burn::tensor::activation::sigmoid;
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};
use crate::models::{Activation, Mlp, MlpConfig};

/// Most latent dimensions (the 2–256).
pub const MAX_LATENT: usize = 256;

/// Channels after the first and the second 3×3 stride-2 convolution. Small on purpose: with
/// 16 channels at a quarter of the side, Olivetti's 64×64 faces flatten to 4096 features.
pub const CONV_CHANNELS: [usize; 2] = [8, 16];

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
    /// `[width, height]` of the images for the convolutional variant (both divisible by
    /// 4: two halvings); `None` for dense layers only.
    #[serde(default)]
    pub conv: Option<[usize; 2]>,
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
        if let Some([w, h]) = self.conv {
            if self.linear {
                return Err(PlaygroundError::invalid(
                    "conv",
                    "the linear (PCA) autoencoder has no convolutions",
                ));
            }
            if w * h != self.d_input || w % 4 != 0 || h % 4 != 0 {
                return Err(PlaygroundError::invalid(
                    "conv",
                    format!(
                        "the convolutions halve the image twice: they need a width and height \
                         divisible by 4 that make {} pixels, got {w}×{h}",
                        self.d_input
                    ),
                ));
            }
        }
        self.encoder().validate("encoderLayers")?;
        self.decoder().validate("decoderLayers")
    }

    /// Features between the convolutions and the dense layers: the pixels, or 16 channels
    /// at a quarter of each side.
    fn features(&self) -> usize {
        match self.conv {
            Some([w, h]) => CONV_CHANNELS[1] * (w / 4) * (h / 4),
            None => self.d_input,
        }
    }

    fn encoder(&self) -> MlpConfig {
        let out = if self.variational {
            2 * self.latent
        } else {
            self.latent
        };
        MlpConfig::new(self.features(), out, self.hidden.clone()).with_activation(self.activation)
    }

    fn decoder(&self) -> MlpConfig {
        let hidden = self.hidden.iter().rev().copied().collect();
        MlpConfig::new(self.latent, self.features(), hidden).with_activation(self.activation)
    }

    fn convolutions(&self, device: &Device, rng: &mut impl rand::Rng) -> Option<Convolutions> {
        let [width, height] = self.conv?;
        let [c1, c2] = CONV_CHANNELS;
        let down = |c: [usize; 2], rng: &mut _| {
            let mut conv = Conv2dConfig::new(c, [3, 3])
                .with_stride([2, 2])
                .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
                .init(device);
            conv.weight = seeded_weight(conv.weight.dims(), c[0] * 9, device, rng);
            conv.bias = Some(zero_bias(c[1], device));
            conv
        };
        let up = |c: [usize; 2], rng: &mut _| {
            let mut conv = ConvTranspose2dConfig::new(c, [3, 3])
                .with_stride([2, 2])
                .with_padding([1, 1])
                .with_padding_out([1, 1])
                .init(device);
            conv.weight = seeded_weight(conv.weight.dims(), c[0] * 9, device, rng);
            conv.bias = Some(zero_bias(c[1], device));
            conv
        };
        Some(Convolutions {
            down: vec![down([1, c1], rng), down([c1, c2], rng)],
            up: vec![up([c2, c1], rng), up([c1, 1], rng)],
            width,
            height,
        })
    }

    /// Weights from the seeded host stream, as for every network here.
    pub fn init(&self, device: &Device, rng: &mut impl rand::Rng) -> Result<Autoencoder> {
        self.validate()?;
        Ok(Autoencoder {
            encoder: self.encoder().init(device, rng)?,
            decoder: self.decoder().init(device, rng)?,
            convolutions: self.convolutions(device, rng),
            activation: self.activation,
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

/// He-uniform weights from the seeded host stream, so that WebGPU and the CPU start alike.
fn seeded_weight(
    shape: [usize; 4],
    fan_in: usize,
    device: &Device,
    rng: &mut impl rand::Rng,
) -> Param<Tensor<4>> {
    use rand::RngExt;
    let bound = (6.0 / fan_in as f64).sqrt();
    let values: Vec<f32> = (0..shape.iter().product::<usize>())
        .map(|_| (bound * (2.0 * rng.random::<f64>() - 1.0)) as f32)
        .collect();
    Param::from_data(TensorData::new(values, shape), device)
}

fn zero_bias(channels: usize, device: &Device) -> Param<Tensor<1>> {
    Param::from_data(TensorData::new(vec![0f32; channels], [channels]), device)
}

/// The convolutional variant's image-side layers: `down` before the encoder's dense layers,
/// `up` (transposed) after the decoder's.
#[derive(Module, Debug)]
pub struct Convolutions {
    pub down: Vec<Conv2d>,
    pub up: Vec<ConvTranspose2d>,
    #[module(skip)]
    pub width: usize,
    #[module(skip)]
    pub height: usize,
}

#[derive(Module, Debug)]
pub struct Autoencoder {
    pub encoder: Mlp,
    pub decoder: Mlp,
    pub convolutions: Option<Convolutions>,
    #[module(skip)]
    pub activation: Activation,
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
        let x = match &self.convolutions {
            Some(c) => {
                let n = x.dims()[0];
                let mut h: Tensor<4> = x.reshape([n, 1, c.height, c.width]);
                for conv in &c.down {
                    h = self.activation.apply(conv.forward(h));
                }
                h.reshape([n as i64, -1])
            }
            None => x,
        };
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
        let out = self.decoder.forward(z);
        match &self.convolutions {
            Some(c) => {
                let n = out.dims()[0];
                let [_, channels] = CONV_CHANNELS;
                let mut h: Tensor<4> =
                    self.activation
                        .apply(out)
                        .reshape([n, channels, c.height / 4, c.width / 4]);
                let last = c.up.len() - 1;
                for (i, conv) in c.up.iter().enumerate() {
                    h = conv.forward(h);
                    if i < last {
                        h = self.activation.apply(h);
                    }
                }
                h.reshape([n, c.width * c.height])
            }
            None => out,
        }
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
