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
