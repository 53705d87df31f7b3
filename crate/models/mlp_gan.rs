//! The image GAN's small baseline: both players are multilayer perceptrons that see a picture
//! as one flat row of pixels, two hidden layers of LeakyReLU units each (GAN Lab's players,
//! scaled up to pictures). Nothing is shared across the picture as a convolution's kernel
//! is, so every pixel's strokes are learnt on their own: set beside the DCGAN, it shows what
//! the convolutions buy. Conditioned on a digit, both players read its one-hot label beside
//! their input (the conditional GAN as first written: concatenation).

use burn::prelude::*;
use burn::tensor::activation::tanh;

use super::dcgan::check_noise;
use super::mlp::{Activation, MAX_IO_UNITS, MAX_UNITS, Mlp, MlpConfig};
use crate::error::PlaygroundError;

/// Hidden units per unit of the run's width (the DCGAN's base channels): width 32, the
/// presets' width, gives 256 units.
pub const UNITS_PER_WIDTH: usize = 8;

/// Both players' shape.
#[derive(Config, Debug, PartialEq)]
pub struct MlpGanConfig {
    /// Image width and height in pixels.
    pub width: usize,
    pub height: usize,
    /// Dimensions of z.
    pub noise: usize,
    /// Units of each of the two hidden layers of each player.
    pub units: usize,
    /// Classes to condition on (0: unconditional).
    #[config(default = 0)]
    pub classes: usize,
}

impl MlpGanConfig {
    fn pixels(&self) -> usize {
        self.width * self.height
    }

    pub fn validate(&self) -> crate::error::Result<()> {
        if !(1..=MAX_UNITS).contains(&self.units) {
            return Err(PlaygroundError::invalid(
                "width",
                format!(
                    "the MLP's hidden layers have {UNITS_PER_WIDTH} × width units, 1 to \
                     {MAX_UNITS}: width 1 to {}, got {} units",
                    MAX_UNITS / UNITS_PER_WIDTH,
                    self.units
                ),
            ));
        }
        check_noise(self.noise)?;
        if !(1..=MAX_IO_UNITS).contains(&(self.pixels() + self.classes)) {
            return Err(PlaygroundError::invalid(
                "data",
                format!(
                    "the MLP reads at most {MAX_IO_UNITS} pixels, got {}×{}",
                    self.width, self.height
                ),
            ));
        }
        Ok(())
    }

    fn players(&self) -> (MlpConfig, MlpConfig) {
        let hidden = vec![self.units; 2];
        (
            MlpConfig::new(self.noise + self.classes, self.pixels(), hidden.clone())
                .with_activation(Activation::LeakyRelu),
            MlpConfig::new(self.pixels() + self.classes, 1, hidden)
                .with_activation(Activation::LeakyRelu),
        )
    }

    /// The activations one training iteration with batch `n` makes, named, in floats (as
    /// [`super::dcgan::DcganConfig::feature_maps`]): G's on n images, D's on 2n.
    pub fn feature_maps(&self, n: usize) -> [(&'static str, usize); 3] {
        [
            ("G's hidden layers", n * 2 * self.units),
            ("G's pictures", n * self.pixels()),
            (
                "D's input and hidden layers (real and fake)",
                2 * n * (self.pixels() + 2 * self.units),
            ),
        ]
    }

    /// Both players, their weights drawn from `rng` (G first), so that one seed gives the
    /// same networks on every device.
    pub fn init(
        &self,
        device: &Device,
        rng: &mut impl rand::Rng,
    ) -> crate::error::Result<(MlpGenerator, MlpDiscriminator)> {
        self.validate()?;
        let (g, d) = self.players();
        Ok((
            MlpGenerator {
                mlp: g.init(device, rng)?,
                picture: [self.height, self.width],
            },
            MlpDiscriminator {
                mlp: d.init(device, rng)?,
            },
        ))
    }
}

/// G: z (and a one-hot label) → a picture in [−1, 1].
#[derive(Module, Debug)]
pub struct MlpGenerator {
    pub mlp: Mlp,
    #[module(skip)]
    pub picture: [usize; 2],
}

impl MlpGenerator {
    /// `[n, noise]` (and `[n, classes]` one-hot) → `[n, 1, height, width]`.
    pub fn forward(&self, z: Tensor<2>, labels: Option<Tensor<2>>) -> Tensor<4> {
        let n = z.dims()[0];
        let [h, w] = self.picture;
        tanh(self.mlp.forward(beside(z, labels))).reshape([n, 1, h, w])
    }
}

/// D: a picture (and its one-hot label) → one logit, high for "real".
#[derive(Module, Debug)]
pub struct MlpDiscriminator {
    pub mlp: Mlp,
}

impl MlpDiscriminator {
    /// `[n, 1, height, width]` (and `[n, classes]` one-hot) → `[n, 1]` logits.
    pub fn forward(&self, x: Tensor<4>, labels: Option<Tensor<2>>) -> Tensor<2> {
        let n = x.dims()[0];
        self.mlp.forward(beside(x.reshape([n as i64, -1]), labels))
    }
}

/// `x` with the one-hot `labels` (if any) as extra columns.
fn beside(x: Tensor<2>, labels: Option<Tensor<2>>) -> Tensor<2> {
    match labels {
        Some(labels) => Tensor::cat(vec![x, labels], 1),
        None => x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_players_map_z_to_pictures_and_pictures_to_one_logit() {
        let device = Device::flex();
        let config = MlpGanConfig::new(8, 8, 16, 32).with_classes(10);
        let (g, d) = config.init(&device, &mut crate::data::seeded(1)).unwrap();
        let labels = Tensor::<2>::zeros([5, 10], &device);
        let pictures = g.forward(Tensor::zeros([5, 16], &device), Some(labels.clone()));
        assert_eq!(pictures.dims(), [5, 1, 8, 8]);
        let values = pictures.clone().into_data().try_to_vec::<f32>().unwrap();
        assert!(
            values.iter().all(|v| v.abs() <= 1.0),
            "tanh keeps pixels in [−1, 1]"
        );
        assert_eq!(d.forward(pictures, Some(labels)).dims(), [5, 1]);
    }

    #[test]
    fn a_width_beyond_the_mlps_units_is_refused_by_name() {
        let err = MlpGanConfig::new(8, 8, 16, 64 * UNITS_PER_WIDTH)
            .validate()
            .unwrap_err()
            .to_string();
        assert!(err.contains("width") && err.contains("1 to 32"), "{err}");
    }
}
