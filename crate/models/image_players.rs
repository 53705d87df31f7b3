//! The image GAN's two players in the architecture the run chose: DCGAN's convolutions or
//! the MLP baseline. One type per player, so training, moving between devices, WGAN's
//! clipping and the optimisers see one Burn module whichever it is.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::dcgan::{DcDiscriminator, DcGenerator};
use super::mlp_gan::{MlpDiscriminator, MlpGenerator};

/// The players' shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Architecture {
    /// Dense → transposed convolutions (G), convolutions → dense (D).
    #[default]
    Dcgan,
    /// Two hidden dense layers each, on flat pixels.
    Mlp,
}

/// G: z (and a one-hot label) → a picture in [−1, 1].
// One of each per run, never in a collection: the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Module, Debug)]
pub enum ImageGenerator {
    Dcgan(DcGenerator),
    Mlp(MlpGenerator),
}

impl ImageGenerator {
    /// `[n, noise]` (and `[n, classes]` one-hot) → `[n, 1, height, width]`.
    pub fn forward(&self, z: Tensor<2>, labels: Option<Tensor<2>>) -> Tensor<4> {
        match self {
            Self::Dcgan(g) => g.forward(z, labels),
            Self::Mlp(g) => g.forward(z, labels),
        }
    }
}

/// D: a picture (and its one-hot label) → one logit, high for "real".
#[allow(clippy::large_enum_variant)]
#[derive(Module, Debug)]
pub enum ImageDiscriminator {
    Dcgan(DcDiscriminator),
    Mlp(MlpDiscriminator),
}

impl ImageDiscriminator {
    /// `[n, 1, height, width]` (and `[n, classes]` one-hot) → `[n, 1]` logits.
    pub fn forward(&self, x: Tensor<4>, labels: Option<Tensor<2>>) -> Tensor<2> {
        match self {
            Self::Dcgan(d) => d.forward(x, labels),
            Self::Mlp(d) => d.forward(x, labels),
        }
    }
}
