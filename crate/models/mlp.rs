//! A multilayer perceptron, the generator and the discriminator (or critic) of the 1-D and
//! 2-D games: 0–6 hidden layers of 1–256 units with one activation, and a linear output.

use burn::module::Param;
use burn::nn::Linear;
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
    pub(crate) fn apply<const D: usize>(self, x: Tensor<D>) -> Tensor<D> {
        match self {
            Self::Relu => relu(x),
            Self::LeakyRelu => leaky_relu(x, LEAKY_SLOPE),
            Self::Tanh => tanh(x),
        }
    }

    /// The derivative at the pre-activation `z`, as a tensor Burn can differentiate again
    /// (through tanh; the ReLU masks are piecewise constant).
    fn derivative<const D: usize>(self, z: Tensor<D>) -> Tensor<D> {
        match self {
            Self::Relu => z.greater_elem(0.0).float(),
            Self::LeakyRelu => z.greater_elem(0.0).float() * (1.0 - LEAKY_SLOPE) + LEAKY_SLOPE,
            Self::Tanh => -tanh(z).powi_scalar(2) + 1.0,
        }
    }
}

const LEAKY_SLOPE: f64 = 0.2;

/// Most hidden layers, and units in one, that the views can draw and train live.
pub const MAX_HIDDEN_LAYERS: usize = 6;
pub const MAX_UNITS: usize = 256;
/// Most inputs or outputs (a 64×64 image).
pub const MAX_IO_UNITS: usize = 4096;

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
        for &units in &self.hidden {
            if !(1..=MAX_UNITS).contains(&units) {
                return Err(PlaygroundError::invalid(
                    name,
                    format!("every layer needs 1 to {MAX_UNITS} units, got {units}"),
                ));
            }
        }
        for units in [self.d_input, self.d_output] {
            if !(1..=MAX_IO_UNITS).contains(&units) {
                return Err(PlaygroundError::invalid(
                    name,
                    format!("inputs and outputs need 1 to {MAX_IO_UNITS} units, got {units}"),
                ));
            }
        }
        Ok(())
    }

    /// Weights drawn from `rng` (He-uniform, U(±√(6/fan_in)), and zero biases), so that one
    /// seed gives one network on every device and whatever else draws from Burn's own RNG.
    pub fn init(&self, device: &Device, rng: &mut impl rand::Rng) -> crate::error::Result<Mlp> {
        use rand::RngExt;
        self.validate("layers")?;
        let sizes: Vec<usize> = std::iter::once(self.d_input)
            .chain(self.hidden.iter().copied())
            .chain([self.d_output])
            .collect();
        let layers = sizes
            .windows(2)
            .map(|w| {
                let bound = (6.0 / w[0] as f64).sqrt();
                let weights: Vec<f32> = (0..w[0] * w[1])
                    .map(|_| (bound * (2.0 * rng.random::<f64>() - 1.0)) as f32)
                    .collect();
                Linear {
                    weight: Param::from_data(TensorData::new(weights, [w[0], w[1]]), device),
                    bias: Some(Param::from_data(
                        TensorData::new(vec![0f32; w[1]], [w[1]]),
                        device,
                    )),
                }
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

impl Mlp {
    /// The output and its gradient with respect to the input, ∂f/∂x `[n, d_input]`, for a
    /// scalar output. Burn's autodiff differentiates once, so the gradient is written as
    /// ordinary tensor operations (backpropagation by hand through the layers): a loss on
    /// it, such as WGAN-GP's penalty, can then be differentiated with respect to the weights.
    pub fn forward_with_input_gradient(&self, x: Tensor<2>) -> (Tensor<2>, Tensor<2>) {
        let last = self.layers.len() - 1;
        let mut pre_activations = Vec::with_capacity(last);
        let mut h = x;
        for (i, layer) in self.layers.iter().enumerate() {
            let z = layer.forward(h);
            if i < last {
                h = self.activation.apply(z.clone());
                pre_activations.push(z);
            } else {
                h = z;
            }
        }
        let n = h.dims()[0];
        // d out / d h_L = 1, then back through each weight matrix and activation.
        let mut g = Tensor::ones([n, 1], &h.device());
        for (i, layer) in self.layers.iter().enumerate().rev() {
            g = g.matmul(layer.weight.val().transpose());
            if i > 0 {
                g = g * self.activation.derivative(pre_activations[i - 1].clone());
            }
        }
        (h, g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_limits() {
        let device = Device::flex();
        let mlp = MlpConfig::new(2, 1, vec![64, 64])
            .init(&device, &mut crate::data::seeded(1))
            .unwrap();
        assert_eq!(mlp.layers.len(), 3);
        let y = mlp.forward(Tensor::zeros([5, 2], &device));
        assert_eq!(y.dims(), [5, 1]);
        let linear = MlpConfig::new(3, 2, vec![])
            .init(&device, &mut crate::data::seeded(1))
            .unwrap();
        assert_eq!(linear.forward(Tensor::ones([4, 3], &device)).dims(), [4, 2]);
        let err = MlpConfig::new(2, 1, vec![10_000])
            .init(&device, &mut crate::data::seeded(1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("1 to 256 units, got 10000"), "{err}");
        let err = MlpConfig::new(2, 1, vec![8; 7])
            .init(&device, &mut crate::data::seeded(1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("at most 6 hidden layers"), "{err}");
        assert!(MlpConfig::new(0, 1, vec![]).validate("layers").is_err());
    }

    /// The hand-written input gradient equals Burn's autodiff and the finite difference.
    #[test]
    fn input_gradient_is_the_real_gradient() {
        let device = Device::flex().autodiff();
        for activation in [Activation::Relu, Activation::LeakyRelu, Activation::Tanh] {
            let mlp = MlpConfig::new(2, 1, vec![16, 8])
                .with_activation(activation)
                .init(&device, &mut crate::data::seeded(1))
                .unwrap();
            let points = vec![0.3f32, -0.7, 1.2, 0.4, -1.5, -0.2];
            let x = Tensor::<2>::from_data(TensorData::new(points.clone(), [3, 2]), &device)
                .require_grad();
            let (out, by_hand) = mlp.forward_with_input_gradient(x.clone());
            let grads = out.sum().backward();
            let autodiff = x
                .grad(&grads)
                .unwrap()
                .into_data()
                .as_slice::<f32>()
                .unwrap()
                .to_vec();
            let by_hand = by_hand.into_data().as_slice::<f32>().unwrap().to_vec();
            let f = |p: &[f32]| -> Vec<f32> {
                let t = Tensor::<2>::from_data(TensorData::new(p.to_vec(), [3, 2]), &device);
                mlp.forward(t)
                    .into_data()
                    .as_slice::<f32>()
                    .unwrap()
                    .to_vec()
            };
            let mut checked = 0;
            for k in 0..points.len() {
                assert!(
                    (by_hand[k] - autodiff[k]).abs() < 1e-5,
                    "{activation:?} {k}"
                );
                let h = 1e-3;
                let (mut up, mut down) = (points.clone(), points.clone());
                up[k] += h;
                down[k] -= h;
                let here = f(&points)[k / 2];
                let (right, left) = ((f(&up)[k / 2] - here) / h, (here - f(&down)[k / 2]) / h);
                // A ReLU kink within h makes the finite difference meaningless there.
                if (right - left).abs() > 1e-2 {
                    continue;
                }
                checked += 1;
                let numeric = (right + left) / 2.0;
                assert!(
                    (by_hand[k] - numeric).abs() < 1e-2,
                    "{activation:?} {k}: {} vs {numeric}",
                    by_hand[k]
                );
            }
            assert!(
                checked >= 4,
                "{activation:?}: only {checked} coordinates away from kinks"
            );
        }
    }
}
