//! The image GAN's players (THEORY.md §2–§5), in DCGAN's shape: the generator is a dense
//! layer to a small stack of feature maps, then two stride-2 transposed convolutions that
//! double the picture twice, then tanh; the discriminator two stride-2 convolutions, then one
//! logit. LeakyReLU(0.2) between layers, batch norm optional. Conditioned on a digit, G reads
//! its one-hot label beside z and D scores the pair through a projection (the label picks
//! a direction in D's features: D can say "a good 3, but not a 7").

use burn::module::Param;
use burn::nn::conv::{Conv2d, Conv2dConfig, ConvTranspose2d, ConvTranspose2dConfig};
use burn::nn::{BatchNorm, BatchNormConfig, Linear, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation::{leaky_relu, tanh};

use crate::error::PlaygroundError;

const LEAKY_SLOPE: f64 = 0.2;
const KERNEL: usize = 4;
/// Most base channels (G's last hidden layer, D's first).
pub const MAX_WIDTH: usize = 128;
/// Most noise dimensions.
pub const MAX_NOISE: usize = 256;

/// z's size checked, for either architecture.
pub(crate) fn check_noise(noise: usize) -> crate::error::Result<()> {
    if !(1..=MAX_NOISE).contains(&noise) {
        return Err(PlaygroundError::invalid(
            "noiseDim",
            format!("1 to {MAX_NOISE} dimensions of z, got {noise}"),
        ));
    }
    Ok(())
}

/// Both players' shape.
#[derive(Config, Debug, PartialEq)]
pub struct DcganConfig {
    /// Image width and height in pixels, each divisible by 4.
    pub width: usize,
    pub height: usize,
    /// Dimensions of z.
    pub noise: usize,
    /// Base channels: G's last hidden maps and D's first; the inner layer has twice as many.
    pub channels: usize,
    /// Classes to condition on (0: unconditional).
    #[config(default = 0)]
    pub classes: usize,
    #[config(default = false)]
    pub batch_norm: bool,
}

impl DcganConfig {
    pub fn validate(&self) -> crate::error::Result<()> {
        if self.width == 0
            || self.height == 0
            || !self.width.is_multiple_of(4)
            || !self.height.is_multiple_of(4)
        {
            return Err(PlaygroundError::invalid(
                "data",
                format!(
                    "the convolutions halve the picture twice: width and height must be \
                     multiples of 4, got {}×{}",
                    self.width, self.height
                ),
            ));
        }
        if !(1..=MAX_WIDTH).contains(&self.channels) {
            return Err(PlaygroundError::invalid(
                "width",
                format!("1 to {MAX_WIDTH} base channels, got {}", self.channels),
            ));
        }
        check_noise(self.noise)
    }

    /// The inner feature maps' side: a quarter of the picture's.
    fn inner(&self) -> [usize; 2] {
        [self.height / 4, self.width / 4]
    }

    /// Multiply-adds per image of each player's layers, input side first: G's dense and two
    /// transposed convolutions, D's two convolutions and dense (with the label projection).
    pub fn multiply_adds(&self) -> ([f64; 3], [f64; 3]) {
        let (b, [h, w]) = (self.channels as f64, self.inner());
        let (h, w, k) = (h as f64, w as f64, (KERNEL * KERNEL) as f64);
        let features = 2.0 * b * h * w;
        let classes = self.classes as f64;
        let generator = [
            (self.noise as f64 + classes) * features,
            h * w * 2.0 * b * b * k,
            4.0 * h * w * b * k,
        ];
        let discriminator = [
            4.0 * h * w * b * k,
            h * w * b * 2.0 * b * k,
            features * (1.0 + classes),
        ];
        (generator, discriminator)
    }

    /// Floating-point operations (2 per multiply-add) of one training iteration with batch
    /// `n` (one D step on n real and n fake images, one G step on n fakes), counting what
    /// autodiff computes: each layer's forward, its weight gradient and its input gradient
    /// (none for a network's first layer, whose input is data or z), and in the G step D's
    /// weight gradients too, since D's parameters are tracked.
    pub fn flops_per_iteration(&self, n: usize) -> f64 {
        let (g, d) = self.multiply_adds();
        let sum = |l: &[f64; 3]| l.iter().sum::<f64>();
        let backward = |l: &[f64; 3]| 2.0 * sum(l) - l[0];
        let n = n as f64;
        let d_step = n * sum(&g) + 2.0 * n * (sum(&d) + backward(&d));
        // In the G step D's input gradient is needed all the way down (to reach G).
        let g_step = n * (sum(&g) + sum(&d) + 2.0 * sum(&d) + backward(&g));
        2.0 * (d_step + g_step)
    }

    /// The feature maps one training iteration with batch `n` makes, named, in floats: G's
    /// on n images, D's on 2n (real and fake read together). Autodiff keeps each one for the
    /// backward pass and makes a gradient of each one's size.
    pub fn feature_maps(&self, n: usize) -> [(&'static str, usize); 6] {
        let (b, [h, w]) = (self.channels, self.inner());
        [
            ("G's dense layer's maps", n * 2 * b * h * w),
            ("G's first transposed convolution's maps", n * b * 4 * h * w),
            ("G's pictures", n * 16 * h * w),
            ("D's input (real and fake)", 2 * n * 16 * h * w),
            (
                "D's first feature maps (real and fake)",
                2 * n * b * 4 * h * w,
            ),
            (
                "D's second feature maps (real and fake)",
                2 * n * 2 * b * h * w,
            ),
        ]
    }

    /// Both players, their weights drawn from `rng` (G first), so that one seed gives the
    /// same networks on every device.
    pub fn init(
        &self,
        device: &Device,
        rng: &mut impl rand::Rng,
    ) -> crate::error::Result<(DcGenerator, DcDiscriminator)> {
        self.validate()?;
        let (b, [h, w]) = (self.channels, self.inner());
        let norm = |c: usize| {
            self.batch_norm
                .then(|| BatchNormConfig::new(c).init(device))
        };
        let generator = DcGenerator {
            dense: linear(self.noise + self.classes, 2 * b * h * w, device, rng),
            norm0: norm(2 * b),
            up1: conv_transpose([2 * b, b], device, rng),
            norm1: norm(b),
            up2: conv_transpose([b, 1], device, rng),
            inner: [2 * b, h, w],
            classes: self.classes,
        };
        let features = 2 * b * h * w;
        let discriminator = DcDiscriminator {
            down1: conv([1, b], device, rng),
            down2: conv([b, 2 * b], device, rng),
            norm2: norm(2 * b),
            score: linear(features, 1, device, rng),
            // Zero at first: D starts unconditional and learns what each label looks like
            // (random directions over thousands of features would swamp the score).
            projection: (self.classes > 0).then(|| Linear {
                weight: Param::from_data(
                    TensorData::new(
                        vec![0f32; self.classes * features],
                        [self.classes, features],
                    ),
                    device,
                ),
                bias: None,
            }),
            picture: [self.height, self.width],
        };
        Ok((generator, discriminator))
    }
}

fn uniform(n: usize, fan_in: usize, rng: &mut impl rand::Rng) -> Vec<f32> {
    use rand::RngExt;
    // He-uniform for LeakyReLU layers, as every network here.
    let bound = (6.0 / fan_in as f64).sqrt();
    (0..n)
        .map(|_| (bound * (2.0 * rng.random::<f64>() - 1.0)) as f32)
        .collect()
}

fn zeros(n: usize, device: &Device) -> Param<Tensor<1>> {
    Param::from_data(TensorData::new(vec![0f32; n], [n]), device)
}

fn linear(d_in: usize, d_out: usize, device: &Device, rng: &mut impl rand::Rng) -> Linear {
    Linear {
        weight: Param::from_data(
            TensorData::new(uniform(d_in * d_out, d_in, rng), [d_in, d_out]),
            device,
        ),
        bias: Some(zeros(d_out, device)),
    }
}

fn conv([c_in, c_out]: [usize; 2], device: &Device, rng: &mut impl rand::Rng) -> Conv2d {
    let mut conv = Conv2dConfig::new([c_in, c_out], [KERNEL, KERNEL])
        .with_stride([2, 2])
        .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
        .init(device);
    let shape = conv.weight.dims();
    let values = uniform(shape.iter().product(), c_in * KERNEL * KERNEL, rng);
    conv.weight = Param::from_data(TensorData::new(values, shape), device);
    conv.bias = Some(zeros(c_out, device));
    conv
}

fn conv_transpose(
    [c_in, c_out]: [usize; 2],
    device: &Device,
    rng: &mut impl rand::Rng,
) -> ConvTranspose2d {
    let mut conv = ConvTranspose2dConfig::new([c_in, c_out], [KERNEL, KERNEL])
        .with_stride([2, 2])
        .with_padding([1, 1])
        .init(device);
    let shape = conv.weight.dims();
    // With stride 2 each output pixel sees a quarter of the kernel's taps.
    let values = uniform(shape.iter().product(), c_in * KERNEL * KERNEL / 4, rng);
    conv.weight = Param::from_data(TensorData::new(values, shape), device);
    conv.bias = Some(zeros(c_out, device));
    conv
}

fn leaky<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    leaky_relu(x, LEAKY_SLOPE)
}

fn normed(norm: &Option<BatchNorm>, x: Tensor<4>) -> Tensor<4> {
    match norm {
        Some(norm) => norm.forward(x),
        None => x,
    }
}

/// G: z (and a one-hot label) → a picture in [−1, 1].
#[derive(Module, Debug)]
pub struct DcGenerator {
    pub dense: Linear,
    pub norm0: Option<BatchNorm>,
    pub up1: ConvTranspose2d,
    pub norm1: Option<BatchNorm>,
    pub up2: ConvTranspose2d,
    /// Channels, height and width of the maps the dense layer makes.
    #[module(skip)]
    pub inner: [usize; 3],
    #[module(skip)]
    pub classes: usize,
}

impl DcGenerator {
    /// `[n, noise]` (and `[n, classes]` one-hot) → `[n, 1, height, width]`.
    pub fn forward(&self, z: Tensor<2>, labels: Option<Tensor<2>>) -> Tensor<4> {
        let n = z.dims()[0];
        let input = match labels {
            Some(labels) => Tensor::cat(vec![z, labels], 1),
            None => z,
        };
        let [c, h, w] = self.inner;
        let x: Tensor<4> = self.dense.forward(input).reshape([n, c, h, w]);
        let x = leaky(normed(&self.norm0, x));
        let x = leaky(normed(&self.norm1, self.up1.forward(x)));
        tanh(self.up2.forward(x))
    }
}

/// D: a picture (and its one-hot label) → one logit, high for "real".
#[derive(Module, Debug)]
pub struct DcDiscriminator {
    pub down1: Conv2d,
    pub down2: Conv2d,
    pub norm2: Option<BatchNorm>,
    pub score: Linear,
    /// The label's direction in feature space (conditional D only).
    pub projection: Option<Linear>,
    #[module(skip)]
    pub picture: [usize; 2],
}

impl DcDiscriminator {
    /// `[n, 1, height, width]` (and `[n, classes]` one-hot) → `[n, 1]` logits.
    pub fn forward(&self, x: Tensor<4>, labels: Option<Tensor<2>>) -> Tensor<2> {
        let n = x.dims()[0];
        let x = leaky(self.down1.forward(x));
        let x = leaky(normed(&self.norm2, self.down2.forward(x)));
        let features: Tensor<2> = x.reshape([n as i64, -1]);
        let logit = self.score.forward(features.clone());
        match (&self.projection, labels) {
            (Some(projection), Some(labels)) => {
                logit + (projection.forward(labels) * features).sum_dim(1)
            }
            _ => logit,
        }
    }
}
