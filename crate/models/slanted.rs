//! The two players of the slanted-faces GAN (THEORY.md §7), as Burn modules, and their
//! parameters as plain numbers ([`SlantedWeights`]) so that a run can move between
//! devices and engines, and be drawn on the page.

use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use burn::tensor::Transaction;
use burn::tensor::activation::sigmoid;
use serde::{Deserialize, Serialize};

use crate::backend::read_back;
use crate::data::standard_normal;
use crate::error::Result;

/// z (one number) → 4 pixels: one weight and one bias per pixel, then a sigmoid.
#[derive(Module, Debug)]
pub struct Generator {
    /// Weight `[1, 4]`, bias `[4]`.
    pub layer: Linear,
}

impl Generator {
    /// `z: [n, 1]` → images `[n, 4]` in (0, 1).
    pub fn forward(&self, z: Tensor<2>) -> Tensor<2> {
        sigmoid(self.layer.forward(z))
    }
}

/// 4 pixels → the probability that the image is a real face.
#[derive(Module, Debug)]
pub struct Discriminator {
    /// Weight `[4, 1]`, bias `[1]`.
    pub layer: Linear,
}

impl Discriminator {
    /// The score (logit) before the sigmoid: losses are computed from it, because
    /// `ln σ(s)` from `s` stays finite where `ln` of a rounded σ(s) would not.
    pub fn score(&self, images: Tensor<2>) -> Tensor<2> {
        self.layer.forward(images)
    }

    /// D(x): images `[n, 4]` → probabilities `[n, 1]`.
    pub fn forward(&self, images: Tensor<2>) -> Tensor<2> {
        sigmoid(self.score(images))
    }
}

/// Every parameter of both players, as the note prints them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlantedWeights {
    pub generator_weights: [f32; 4],
    pub generator_biases: [f32; 4],
    pub discriminator_weights: [f32; 4],
    pub discriminator_bias: f32,
}

impl SlantedWeights {
    /// The note's initialisation: every weight and bias from N(0, 1), the discriminator's
    /// drawn first as in its code.
    pub fn random(rng: &mut impl rand::Rng) -> Self {
        let discriminator_weights = std::array::from_fn(|_| standard_normal(rng));
        let discriminator_bias = standard_normal(rng);
        let generator_weights = std::array::from_fn(|_| standard_normal(rng));
        let generator_biases = std::array::from_fn(|_| standard_normal(rng));
        Self {
            generator_weights,
            generator_biases,
            discriminator_weights,
            discriminator_bias,
        }
    }

    /// The hand-made pair of the note: D weights [+1, −1, −1, +1], G weights the same with
    /// bias +1 — a generator that always draws a face.
    pub fn hand_made() -> Self {
        Self {
            generator_weights: [1.0, -1.0, -1.0, 1.0],
            generator_biases: [1.0; 4],
            discriminator_weights: [1.0, -1.0, -1.0, 1.0],
            discriminator_bias: 0.0,
        }
    }

    pub fn all(&self) -> impl Iterator<Item = f32> + '_ {
        self.generator_weights
            .iter()
            .chain(&self.generator_biases)
            .chain(&self.discriminator_weights)
            .chain(std::iter::once(&self.discriminator_bias))
            .copied()
    }

    pub fn is_finite(&self) -> bool {
        self.all().all(f32::is_finite)
    }

    /// Both players as Burn modules on `device` (an autodiff device to train them).
    pub fn to_modules(&self, device: &Device) -> (Generator, Discriminator) {
        let linear = |w: &[f32], shape: [usize; 2], b: &[f32]| Linear {
            weight: Param::from_data(TensorData::new(w.to_vec(), shape), device),
            bias: Some(Param::from_data(
                TensorData::new(b.to_vec(), [b.len()]),
                device,
            )),
        };
        let generator = Generator {
            layer: linear(&self.generator_weights, [1, 4], &self.generator_biases),
        };
        let discriminator = Discriminator {
            layer: linear(
                &self.discriminator_weights,
                [4, 1],
                &[self.discriminator_bias],
            ),
        };
        (generator, discriminator)
    }

    /// Reads both players' parameters back (asynchronously: on WebGPU a read must not block).
    pub async fn from_modules(
        generator: &Generator,
        discriminator: &Discriminator,
    ) -> Result<Self> {
        let bias = |l: &Linear| {
            l.bias
                .as_ref()
                .map(|b| b.val())
                .expect("slanted layers have a bias")
        };
        let numbers = read_back(
            Transaction::default()
                .register(generator.layer.weight.val())
                .register(bias(&generator.layer))
                .register(discriminator.layer.weight.val())
                .register(bias(&discriminator.layer)),
        )
        .await?;
        let four = |v: &[f32]| -> [f32; 4] { std::array::from_fn(|i| v[i]) };
        Ok(Self {
            generator_weights: four(&numbers[0]),
            generator_biases: four(&numbers[1]),
            discriminator_weights: four(&numbers[2]),
            discriminator_bias: numbers[3][0],
        })
    }
}
