//! The slanted-faces GAN with the note's own partial derivatives (THEORY.md §7, note 003 §11),
//! in plain Rust: the "by hand" mode of the page, and the reference Burn's autodiff is
//! checked against.
//!
//! With D(x) = σ(w·x + b) and G(z) = σ(v z + c) (per pixel):
//! - on a real face, error −ln D(x):          ∂/∂w = −x (1 − D),  ∂/∂b = −(1 − D);
//! - on a fake x = G(z), error −ln(1 − D(x)):  ∂/∂w = x D,         ∂/∂b = D;
//! - for G, error −ln D(G(z)): with f = −(1 − D) · w ⊙ x ⊙ (1 − x),  ∂/∂v = f z,  ∂/∂c = f.

use serde::{Deserialize, Serialize};

use crate::data::Pixels;
use crate::models::SlantedWeights;

fn sigmoid(s: f64) -> f64 {
    1.0 / (1.0 + (-s).exp())
}

/// Gradients of one player's error with respect to its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscriminatorGradients {
    pub weights: [f64; 4],
    pub bias: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratorGradients {
    pub weights: [f64; 4],
    pub biases: [f64; 4],
}

/// The three gradients of one face's training step, in the order they are taken.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceStepGradients {
    pub discriminator_on_real: DiscriminatorGradients,
    pub discriminator_on_fake: DiscriminatorGradients,
    pub generator: GeneratorGradients,
}

/// Losses seen during one face's step: D's error on the face plus on the fake, and G's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceStepLosses {
    pub discriminator: f64,
    pub generator: f64,
}

/// Both players, in f64 as the note's numpy code computes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HandGan {
    pub g_weights: [f64; 4],
    pub g_biases: [f64; 4],
    pub d_weights: [f64; 4],
    pub d_bias: f64,
}

impl HandGan {
    pub fn new(w: &SlantedWeights) -> Self {
        let f = |a: [f32; 4]| a.map(f64::from);
        Self {
            g_weights: f(w.generator_weights),
            g_biases: f(w.generator_biases),
            d_weights: f(w.discriminator_weights),
            d_bias: w.discriminator_bias.into(),
        }
    }

    pub fn weights(&self) -> SlantedWeights {
        let f = |a: [f64; 4]| a.map(|v| v as f32);
        SlantedWeights {
            generator_weights: f(self.g_weights),
            generator_biases: f(self.g_biases),
            discriminator_weights: f(self.d_weights),
            discriminator_bias: self.d_bias as f32,
        }
    }

    pub fn generate(&self, z: f64) -> [f64; 4] {
        std::array::from_fn(|i| sigmoid(self.g_weights[i] * z + self.g_biases[i]))
    }

    pub fn discriminate(&self, x: &[f64; 4]) -> f64 {
        sigmoid(
            x.iter()
                .zip(&self.d_weights)
                .map(|(a, w)| a * w)
                .sum::<f64>()
                + self.d_bias,
        )
    }

    pub fn derivatives_from_image(&self, x: &[f64; 4]) -> DiscriminatorGradients {
        let d = self.discriminate(x);
        DiscriminatorGradients {
            weights: x.map(|xi| -xi * (1.0 - d)),
            bias: -(1.0 - d),
        }
    }

    pub fn derivatives_from_noise(&self, x: &[f64; 4]) -> DiscriminatorGradients {
        let d = self.discriminate(x);
        DiscriminatorGradients {
            weights: x.map(|xi| xi * d),
            bias: d,
        }
    }

    pub fn generator_derivatives(&self, z: f64) -> GeneratorGradients {
        let x = self.generate(z);
        let d = self.discriminate(&x);
        let factor: [f64; 4] =
            std::array::from_fn(|i| -(1.0 - d) * self.d_weights[i] * x[i] * (1.0 - x[i]));
        GeneratorGradients {
            weights: factor.map(|f| f * z),
            biases: factor,
        }
    }

    fn descend_discriminator(&mut self, g: &DiscriminatorGradients, lr: f64) {
        for (w, dw) in self.d_weights.iter_mut().zip(&g.weights) {
            *w -= lr * dw;
        }
        self.d_bias -= lr * g.bias;
    }

    /// The note's step for one face: D on the face, D on G(z), then G through the new D.
    pub fn face_step(
        &mut self,
        face: &Pixels,
        z: f64,
        lr: f64,
    ) -> (FaceStepLosses, FaceStepGradients) {
        let x = face.map(f64::from);
        let loss_real = -self.discriminate(&x).ln();
        let discriminator_on_real = self.derivatives_from_image(&x);
        self.descend_discriminator(&discriminator_on_real, lr);

        let fake = self.generate(z);
        let loss_fake = -(1.0 - self.discriminate(&fake)).ln();
        let discriminator_on_fake = self.derivatives_from_noise(&fake);
        self.descend_discriminator(&discriminator_on_fake, lr);

        let loss_generator = -self.discriminate(&self.generate(z)).ln();
        let generator = self.generator_derivatives(z);
        for i in 0..4 {
            self.g_weights[i] -= lr * generator.weights[i];
            self.g_biases[i] -= lr * generator.biases[i];
        }
        (
            FaceStepLosses {
                discriminator: loss_real + loss_fake,
                generator: loss_generator,
            },
            FaceStepGradients {
                discriminator_on_real,
                discriminator_on_fake,
                generator,
            },
        )
    }
}

impl FaceStepGradients {
    /// Every gradient, in a fixed order: D on the face (w, b), D on the fake (w, b), G (v, c).
    pub fn values(&self) -> Vec<f64> {
        let d = |g: &DiscriminatorGradients| [g.weights.as_slice(), &[g.bias]].concat();
        [
            d(&self.discriminator_on_real),
            d(&self.discriminator_on_fake),
            [self.generator.weights, self.generator.biases].concat(),
        ]
        .concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each hand-derived partial derivative equals the central finite difference of its error.
    #[test]
    fn derivatives_equal_finite_differences() {
        let gan = HandGan {
            g_weights: [0.3, -1.2, 0.8, 0.1],
            g_biases: [0.5, -0.4, 1.1, -0.9],
            d_weights: [0.7, -0.2, -1.3, 0.9],
            d_bias: -0.35,
        };
        let h = 1e-6;
        let x = [0.9, 0.1, 0.2, 0.8];
        let z = 0.63;
        let numeric = |f: &dyn Fn(&HandGan) -> f64, poke: &dyn Fn(&mut HandGan, f64)| {
            let (mut up, mut down) = (gan, gan);
            poke(&mut up, h);
            poke(&mut down, -h);
            (f(&up) - f(&down)) / (2.0 * h)
        };
        let real_error = |g: &HandGan| -g.discriminate(&x).ln();
        let fake = gan.generate(z);
        let fake_error = |g: &HandGan| -(1.0 - g.discriminate(&fake)).ln();
        let gen_error = |g: &HandGan| -g.discriminate(&g.generate(z)).ln();
        let (on_real, on_fake, on_g) = (
            gan.derivatives_from_image(&x),
            gan.derivatives_from_noise(&fake),
            gan.generator_derivatives(z),
        );
        for i in 0..4 {
            let dw = |g: &mut HandGan, e: f64| g.d_weights[i] += e;
            assert!((numeric(&real_error, &dw) - on_real.weights[i]).abs() < 1e-7);
            assert!((numeric(&fake_error, &dw) - on_fake.weights[i]).abs() < 1e-7);
            let gw = |g: &mut HandGan, e: f64| g.g_weights[i] += e;
            let gb = |g: &mut HandGan, e: f64| g.g_biases[i] += e;
            assert!((numeric(&gen_error, &gw) - on_g.weights[i]).abs() < 1e-7);
            assert!((numeric(&gen_error, &gb) - on_g.biases[i]).abs() < 1e-7);
        }
        let db = |g: &mut HandGan, e: f64| g.d_bias += e;
        assert!((numeric(&real_error, &db) - on_real.bias).abs() < 1e-7);
        assert!((numeric(&fake_error, &db) - on_fake.bias).abs() < 1e-7);
    }

    /// The note's hand-made discriminator scores a face 1 → 0.73 and a non-face −0.5 → 0.37.
    #[test]
    fn hand_made_discriminator_matches_the_note() {
        // The note rounds down: σ(1) = 0.731, σ(−0.5) = 0.378.
        assert!((sigmoid(1.0) - 0.73).abs() < 0.01);
        assert!((sigmoid(-0.5) - 0.37).abs() < 0.01);
        let gan = HandGan::new(&SlantedWeights::hand_made());
        let face = gan.discriminate(&[1.0, 0.0, 0.0, 1.0]);
        let non_face = gan.discriminate(&[0.0, 1.0, 1.0, 0.0]);
        assert!(face > 0.5 && non_face < 0.5);
        // The hand-made generator: w = 1, b = 1, z = 0.7 scores 1.7 on p11, and always draws a face.
        assert!((gan.generate(0.7)[0] - sigmoid(1.7)).abs() < 1e-12);
        for z in [0.1, 0.3, 0.7, 1.0] {
            let img = gan.generate(z);
            assert!(img[0] > img[1] && img[3] > img[2], "{img:?}");
        }
    }
}
