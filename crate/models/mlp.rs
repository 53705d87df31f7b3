//! A multilayer perceptron, the generator and the discriminator (or critic) of the 1-D and
//! 2-D games: 0–6 hidden layers of 1–256 units with one activation, and a linear output.

use burn::nn::{Initializer, Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::{leaky_relu, relu, tanh};
use serde::{Deserialize, Serialize};

use crate::error::PlaygroundError;

/// The non-linearity between layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Activation {
    Relu,
    LeakyRelu,
    Tanh,
}

impl Activation {
    fn apply<const D: usize>(self, x: Tensor<D>) -> Tensor<D> {
        match self {
            Self::Relu => relu(x),
            Self::LeakyRelu => leaky_relu(x, 0.2),
            Self::Tanh => tanh(x),
        }
    }
}

/// Most hidden layers, and units in one, that the views can draw and train live.
pub const MAX_HIDDEN_LAYERS: usize = 6;
pub const MAX_UNITS: usize = 256;

#[derive(Config, Debug)]
pub struct MlpConfig {
    pub d_input: usize,
    pub d_output: usize,
    /// Units of each hidden layer, input side first.
    pub hidden: Vec<usize>,
    #[config(default = "Activation::Relu")]
    pub activation: Activation,
}

impl MlpConfig {
    pub fn validate(&self, name: &'static str) -> crate::error::Result<()> {
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(PlaygroundError::invalid(
                name,
                format!(
                    "at most {MAX_HIDDEN_LAYERS} hidden layers, got {}",
                    self.hidden.len()
                ),
            ));
        }
        for &units in self.hidden.iter().chain([&self.d_input, &self.d_output]) {
            if !(1..=MAX_UNITS).contains(&units) {
                return Err(PlaygroundError::invalid(
                    name,
                    format!("every layer needs 1 to {MAX_UNITS} units, got {units}"),
                ));
            }
        }
        Ok(())
    }

    pub fn init(&self, device: &Device) -> crate::error::Result<Mlp> {
        self.validate("layers")?;
        let sizes: Vec<usize> = std::iter::once(self.d_input)
            .chain(self.hidden.iter().copied())
            .chain([self.d_output])
            .collect();
        let layers = sizes
            .windows(2)
            .map(|w| {
                LinearConfig::new(w[0], w[1])
                    // He initialisation suits ReLU layers; PyTorch's default for tanh ones.
                    .with_initializer(Initializer::KaimingUniform {
                        gain: 1.0,
                        fan_out_only: false,
                    })
                    .init(device)
            })
            .collect();
        Ok(Mlp {
            layers,
            activation: self.activation,
        })
    }
}

#[derive(Module, Debug)]
pub struct Mlp {
    pub layers: Vec<Linear>,
    #[module(skip)]
    pub activation: Activation,
}

impl Mlp {
    /// `[n, d_input]` → `[n, d_output]`; no activation after the last layer (a score, or a
    /// point in data space).
    pub fn forward(&self, mut x: Tensor<2>) -> Tensor<2> {
        let last = self.layers.len() - 1;
        for (i, layer) in self.layers.iter().enumerate() {
            x = layer.forward(x);
            if i < last {
                x = self.activation.apply(x);
            }
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_limits() {
        let device = Device::flex();
        let mlp = MlpConfig::new(2, 1, vec![64, 64]).init(&device).unwrap();
        assert_eq!(mlp.layers.len(), 3);
        let y = mlp.forward(Tensor::zeros([5, 2], &device));
        assert_eq!(y.dims(), [5, 1]);
        let linear = MlpConfig::new(3, 2, vec![]).init(&device).unwrap();
        assert_eq!(linear.forward(Tensor::ones([4, 3], &device)).dims(), [4, 2]);
        let err = MlpConfig::new(2, 1, vec![10_000])
            .init(&device)
            .unwrap_err()
            .to_string();
        assert!(err.contains("1 to 256 units, got 10000"), "{err}");
        let err = MlpConfig::new(2, 1, vec![8; 7])
            .init(&device)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at most 6 hidden layers"), "{err}");
        assert!(MlpConfig::new(0, 1, vec![]).validate("layers").is_err());
    }
}
