//! The smallest GAN whose training can be watched as a flow in the plane, the "Dirac GAN"
//! of Mescheder et al. (2018) (THEORY.md §3–§4).

use serde::{Deserialize, Serialize};

use crate::objectives::scalar::{log_sigmoid, sigmoid};

/// What the two players of the Dirac GAN optimise. The data is a point mass at 0, the
/// generator puts all its mass at θ (G(z) = θ), and the discriminator scores x by ψ·x
/// (D(x) = σ(ψx), the probability that x is real). With f(t) = ln σ(t) = −ln(1 + e^{−t}),
/// V(ψ, θ) = ln D(0) + ln(1 − D(θ)) = f(0) + f(−ψθ). Every variant has its equilibrium at
/// (θ, ψ) = (0, 0): the fake sits on the data and D says ½ everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiracObjective {
    /// D ascends V in ψ, G descends V in θ (min_G max_D V).
    Minimax,
    /// D as in Minimax; G ascends ln D(G(z)) = f(ψθ) instead.
    NonSaturating,
    /// Critic f(x) = ψx: D ascends E_real f − E_fake f = −ψθ, G descends −E_fake f = −ψθ.
    Wgan,
    /// Minimax, plus the R1 penalty −(γ/2)(∂D/∂x at the data)² = −(γ/2)ψ² in D's objective:
    /// D is pushed to be flat on the data, which damps the rotation.
    GradientPenalty { gamma: f64 },
}

/// What the discriminator ascends in ψ, at generator θ and discriminator ψ.
pub fn discriminator_objective(objective: DiracObjective, theta: f64, psi: f64) -> f64 {
    let v = log_sigmoid(0.0) + log_sigmoid(-psi * theta);
    match objective {
        DiracObjective::Minimax | DiracObjective::NonSaturating => v,
        DiracObjective::Wgan => -psi * theta,
        DiracObjective::GradientPenalty { gamma } => v - 0.5 * gamma * psi * psi,
    }
}

/// What the generator descends in θ, at generator θ and discriminator ψ.
pub fn generator_objective(objective: DiracObjective, theta: f64, psi: f64) -> f64 {
    match objective {
        DiracObjective::Minimax | DiracObjective::GradientPenalty { .. } => {
            log_sigmoid(0.0) + log_sigmoid(-psi * theta)
        }
        DiracObjective::NonSaturating => -log_sigmoid(psi * theta),
        DiracObjective::Wgan => -psi * theta,
    }
}

/// (dθ/dt, dψ/dt) of simultaneous gradient play: G descends its objective in θ while D
/// ascends its own in ψ. (f'(t) = σ(−t), so ∂/∂ψ f(−ψθ) = −θ·σ(ψθ).)
pub fn vector_field(objective: DiracObjective, theta: f64, psi: f64) -> (f64, f64) {
    let s = sigmoid(psi * theta);
    let d_psi = -theta * s;
    match objective {
        DiracObjective::Minimax => (psi * s, d_psi),
        DiracObjective::NonSaturating => (psi * sigmoid(-psi * theta), d_psi),
        DiracObjective::Wgan => (psi, -theta),
        DiracObjective::GradientPenalty { gamma } => (psi * s, d_psi - gamma * psi),
    }
}

/// The path of simultaneous gradient steps from `start` = (θ, ψ): both players move at
/// once along [`vector_field`] with step `lr`. Holds `steps + 1` points, `start` first.
pub fn simultaneous_steps(
    objective: DiracObjective,
    start: (f64, f64),
    lr: f64,
    steps: usize,
) -> Vec<(f64, f64)> {
    let mut path = Vec::with_capacity(steps + 1);
    let mut p = start;
    path.push(p);
    for _ in 0..steps {
        let (d_theta, d_psi) = vector_field(objective, p.0, p.1);
        p = (p.0 + lr * d_theta, p.1 + lr * d_psi);
        path.push(p);
    }
    path
}

/// Euclidean distance of (θ, ψ) from the equilibrium (0, 0).
pub fn distance_to_equilibrium(p: (f64, f64)) -> f64 {
    p.0.hypot(p.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [DiracObjective; 5] = [
        DiracObjective::Minimax,
        DiracObjective::NonSaturating,
        DiracObjective::Wgan,
        DiracObjective::GradientPenalty { gamma: 1.0 },
        DiracObjective::GradientPenalty { gamma: 0.3 },
    ];

    #[test]
    fn the_equilibrium_is_the_origin_for_every_objective() {
        for objective in ALL {
            assert_eq!(
                vector_field(objective, 0.0, 0.0),
                (0.0, 0.0),
                "{objective:?}"
            );
        }
        // At the equilibrium D(x) = σ(0) = ½ and V = −ln 4 (THEORY.md §2).
        let v = discriminator_objective(DiracObjective::Minimax, 0.0, 0.0);
        assert!((v + 4f64.ln()).abs() < 1e-15, "{v}");
        assert_eq!(distance_to_equilibrium((3.0, -4.0)), 5.0);
    }

    /// Each component of the field is the central finite difference of its player's
    /// objective: −∂(G's)/∂θ and +∂(D's)/∂ψ.
    #[test]
    fn the_field_is_the_gradient_of_each_players_objective() {
        let h = 1e-6;
        let points = [
            (1.0, 1.0),
            (-0.7, 2.3),
            (3.0, -1.5),
            (0.05, -0.02),
            (-4.0, -6.0),
            (12.0, 3.0),
        ];
        for objective in ALL {
            for (theta, psi) in points {
                let (d_theta, d_psi) = vector_field(objective, theta, psi);
                let g = |t: f64| generator_objective(objective, t, psi);
                let d = |p: f64| discriminator_objective(objective, theta, p);
                let fd_theta = -(g(theta + h) - g(theta - h)) / (2.0 * h);
                let fd_psi = (d(psi + h) - d(psi - h)) / (2.0 * h);
                assert!(
                    (d_theta - fd_theta).abs() < 1e-7 && (d_psi - fd_psi).abs() < 1e-7,
                    "{objective:?} at ({theta}, {psi}): ({d_theta}, {d_psi}) vs \
                     ({fd_theta}, {fd_psi})"
                );
            }
        }
    }

    /// Without a penalty the field of Minimax and WGAN is a pure rotation about the origin
    /// (perpendicular to the position), so every simultaneous step moves outwards.
    #[test]
    fn plain_minimax_and_wgan_spiral_out() {
        for objective in [DiracObjective::Minimax, DiracObjective::Wgan] {
            for (theta, psi) in [(1.0, 1.0), (-0.3, 2.0), (5.0, -0.1)] {
                let (a, b) = vector_field(objective, theta, psi);
                assert!((a * theta + b * psi).abs() < 1e-12, "{objective:?}");
            }
            let path = simultaneous_steps(objective, (1.0, 1.0), 0.1, 2000);
            assert_eq!((path.len(), path[0]), (2001, (1.0, 1.0)));
            let distances: Vec<f64> = path.iter().map(|&p| distance_to_equilibrium(p)).collect();
            assert!(
                distances.windows(2).all(|w| w[1] >= w[0]),
                "{objective:?} came closer"
            );
            assert!(
                distances[2000] >= distances[0],
                "{objective:?}: {} < {}",
                distances[2000],
                distances[0]
            );
            // It circles the equilibrium: θ changes sign along the way.
            assert!(path.iter().any(|p| p.0 < 0.0) && path.iter().any(|p| p.0 > 0.0));
        }
        // WGAN's rotation does not slow down far away, so it grows fastest: each step
        // multiplies the distance by √(1 + lr²).
        let path = simultaneous_steps(DiracObjective::Wgan, (1.0, 1.0), 0.1, 2000);
        let expected = 2f64.sqrt() * 1.01f64.powf(1000.0);
        let got = distance_to_equilibrium(path[2000]);
        assert!((got / expected - 1.0).abs() < 1e-9, "{got} vs {expected}");
    }

    /// The non-saturating loss has the same fixed point but does not reach it either: the
    /// path shrinks at first, then circles it at a steady distance (about 0.45 at lr 0.1).
    #[test]
    fn non_saturating_circles_without_converging() {
        let path = simultaneous_steps(DiracObjective::NonSaturating, (1.0, 1.0), 0.1, 20_000);
        let (mid, end) = (
            distance_to_equilibrium(path[10_000]),
            distance_to_equilibrium(path[20_000]),
        );
        assert!(end > 0.3 && end < distance_to_equilibrium(path[0]), "{end}");
        assert!((mid - end).abs() < 0.01, "{mid} {end}");
    }

    #[test]
    fn the_gradient_penalty_converges() {
        let path = simultaneous_steps(
            DiracObjective::GradientPenalty { gamma: 1.0 },
            (1.0, 1.0),
            0.1,
            2000,
        );
        let end = distance_to_equilibrium(path[2000]);
        assert!(end < 1e-2, "ended {end} from the equilibrium");
    }

    #[test]
    fn zero_steps_is_just_the_start() {
        assert_eq!(
            simultaneous_steps(DiracObjective::Minimax, (0.5, -2.0), 0.1, 0),
            vec![(0.5, -2.0)]
        );
    }
}
