//! What each player minimises (THEORY.md §2–§3), written on the discriminator's scores
//! s (D = σ(s)) so that ln D = ln σ(s) and ln(1 − D) = ln σ(−s) stay finite.

use burn::prelude::*;
use burn::tensor::activation::log_sigmoid;
use serde::{Deserialize, Serialize};

/// V(D, G) = E[ln D(x)] + E[ln(1 − D(G(z)))], the minibatch means; D maximises it, G
/// minimises it. At the equilibrium (D ≡ ½) it is −ln 4 ≈ −1.386.
pub fn value_function(real_scores: Tensor<2>, fake_scores: Tensor<2>) -> Tensor<1> {
    log_sigmoid(real_scores).mean() + log_sigmoid(-fake_scores).mean()
}

/// −ln D(x): the discriminator's error on real data (label 1).
pub fn real_loss(real_scores: Tensor<2>) -> Tensor<1> {
    -log_sigmoid(real_scores).mean()
}

/// −ln(1 − D(G(z))): the discriminator's error on fakes (label 0).
pub fn fake_loss(fake_scores: Tensor<2>) -> Tensor<1> {
    -log_sigmoid(-fake_scores).mean()
}

/// The discriminator's whole loss, −V(D, G): binary cross-entropy with real = 1, fake = 0.
pub fn discriminator_loss(real_scores: Tensor<2>, fake_scores: Tensor<2>) -> Tensor<1> {
    -value_function(real_scores, fake_scores)
}

/// The generator's loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum GeneratorLoss {
    /// Minimax: G minimises E[ln(1 − D(G(z)))]; flat where D rejects the fakes.
    Saturating,
    /// G minimises −E[ln D(G(z))]: same fixed point, strong gradient early on (the note's).
    #[default]
    NonSaturating,
}

impl GeneratorLoss {
    pub fn loss(self, fake_scores: Tensor<2>) -> Tensor<1> {
        match self {
            Self::Saturating => log_sigmoid(-fake_scores).mean(),
            Self::NonSaturating => -log_sigmoid(fake_scores).mean(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(values: &[f32], device: &Device) -> Tensor<2> {
        Tensor::from_data(TensorData::new(values.to_vec(), [values.len(), 1]), device)
    }

    fn scalar(t: Tensor<1>) -> f32 {
        t.into_data().as_slice::<f32>().unwrap()[0]
    }

    /// At the equilibrium D ≡ ½ (every score 0) the value of the game is −ln 4.
    #[test]
    fn the_value_at_the_equilibrium_is_minus_log_4() {
        let device = Device::flex();
        let v = scalar(value_function(
            scores(&[0.0; 3], &device),
            scores(&[0.0; 5], &device),
        ));
        assert!((v - (-(4f32).ln())).abs() < 1e-6, "{v}");
        let d = scalar(discriminator_loss(
            scores(&[0.0], &device),
            scores(&[0.0], &device),
        ));
        assert!(
            (d - 2.0 * 2f32.ln()).abs() < 1e-6,
            "each BCE term is ln 2: {d}"
        );
    }

    /// Each loss equals its formula on D = σ(s).
    #[test]
    fn losses_equal_their_formulas() {
        let device = Device::flex();
        let (real, fake) = ([1.5f32, -0.3], [-2.0f32, 0.7]);
        let sigma = |s: f32| 1.0 / (1.0 + (-s).exp());
        let mean = |v: &[f32], f: &dyn Fn(f32) -> f32| {
            v.iter().map(|&s| f(s)).sum::<f32>() / v.len() as f32
        };
        let v = mean(&real, &|s| sigma(s).ln()) + mean(&fake, &|s| (1.0 - sigma(s)).ln());
        let got = scalar(value_function(
            scores(&real, &device),
            scores(&fake, &device),
        ));
        assert!((got - v).abs() < 1e-5, "{got} vs {v}");
        let got = scalar(real_loss(scores(&real, &device)));
        assert!((got + mean(&real, &|s| sigma(s).ln())).abs() < 1e-5);
        let got = scalar(fake_loss(scores(&fake, &device)));
        assert!((got + mean(&fake, &|s| (1.0 - sigma(s)).ln())).abs() < 1e-5);
        let got = scalar(GeneratorLoss::Saturating.loss(scores(&fake, &device)));
        assert!((got - mean(&fake, &|s| (1.0 - sigma(s)).ln())).abs() < 1e-5);
        let got = scalar(GeneratorLoss::NonSaturating.loss(scores(&fake, &device)));
        assert!((got + mean(&fake, &|s| sigma(s).ln())).abs() < 1e-5);
    }

    /// Where D rejects a fake (D(G(z)) ≈ 0.007), the saturating loss barely moves the score
    /// while the non-saturating one pushes with almost full strength: d/ds is −D vs −(1 − D).
    #[test]
    fn the_saturating_loss_is_flat_where_d_rejects_the_fakes() {
        let device = Device::flex().autodiff();
        let gradient = |loss: GeneratorLoss| {
            let s = scores(&[-5.0], &device).require_grad();
            let grads = loss.loss(s.clone()).backward();
            s.grad(&grads)
                .unwrap()
                .into_data()
                .as_slice::<f32>()
                .unwrap()[0]
        };
        let (saturating, non_saturating) = (
            gradient(GeneratorLoss::Saturating),
            gradient(GeneratorLoss::NonSaturating),
        );
        let d = 1.0 / (1.0 + 5f32.exp());
        assert!((saturating + d).abs() < 1e-6, "{saturating}");
        assert!(
            (non_saturating + (1.0 - d)).abs() < 1e-6,
            "{non_saturating}"
        );
        assert!(non_saturating.abs() / saturating.abs() > 100.0);
    }
}
