//! What each player minimises (THEORY.md §2–§3), written on the discriminator's scores
//! s (D = σ(s)) so that ln D = ln σ(s) and ln(1 − D) = ln σ(−s) stay finite.

use burn::prelude::*;
use burn::tensor::activation::{log_sigmoid, relu};
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

/// The game the 1-D and 2-D views play (THEORY.md §2–§4): what D (or the critic) and G
/// minimise, from D's raw outputs (scores for the JS games, critic values for WGAN, D(x)
/// itself for LSGAN).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum GanObjective {
    /// min_G max_D V(D, G), G minimising ln(1 − D(G(z))).
    Minimax,
    /// The same D, G minimising −ln D(G(z)).
    NonSaturating,
    /// Critic maximises E[f(x)] − E[f(G(z))], every weight clipped to [−c, c] after a step.
    Wgan { clip: f64 },
    /// The same critic, kept 1-Lipschitz by λ·E[(‖∇f(x̂)‖ − 1)²] on random interpolates x̂.
    WganGp { lambda: f64 },
    /// Least squares: D minimises ½E[(D(x) − 1)²] + ½E[D(G(z))²], G ½E[(D(G(z)) − 1)²].
    Lsgan,
    /// Hinge: D minimises E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))], so it stops pushing
    /// once a score is past its margin; G maximises E[D(G(z))] as WGAN's does.
    Hinge,
}

impl GanObjective {
    /// D's (or the critic's) loss, without the gradient penalty.
    pub fn discriminator_loss(self, real: Tensor<2>, fake: Tensor<2>) -> Tensor<1> {
        match self {
            Self::Minimax | Self::NonSaturating => discriminator_loss(real, fake),
            Self::Wgan { .. } | Self::WganGp { .. } => fake.mean() - real.mean(),
            Self::Lsgan => ((real - 1.0).powi_scalar(2).mean() + fake.powi_scalar(2).mean()) * 0.5,
            Self::Hinge => relu(-real + 1.0).mean() + relu(fake + 1.0).mean(),
        }
    }

    /// G's loss on D's outputs for its fakes.
    pub fn generator_loss(self, fake: Tensor<2>) -> Tensor<1> {
        match self {
            Self::Minimax => GeneratorLoss::Saturating.loss(fake),
            Self::NonSaturating => GeneratorLoss::NonSaturating.loss(fake),
            Self::Wgan { .. } | Self::WganGp { .. } | Self::Hinge => -fake.mean(),
            Self::Lsgan => (fake - 1.0).powi_scalar(2).mean() * 0.5,
        }
    }
}

/// WGAN-GP's penalty λ·E[(‖g‖₂ − 1)²] on input gradients `g: [n, d]` of the critic.
pub fn gradient_penalty(input_gradients: Tensor<2>, lambda: f64) -> Tensor<1> {
    let norms = input_gradients.powi_scalar(2).sum_dim(1).sqrt();
    (norms - 1.0).powi_scalar(2).mean() * lambda
}

/// How far a reconstruction is from its target, summed over pixels and averaged over the
/// batch (THEORY.md §6: the note uses the mean absolute error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ReconstructionLoss {
    /// Σ |x̂ − x| (the note's choice).
    #[default]
    Mae,
    /// Σ (x̂ − x)².
    Mse,
    /// Σ −x ln x̂ − (1 − x) ln(1 − x̂), from the decoder's logits (stable for any logit).
    Bce,
}

impl ReconstructionLoss {
    /// The loss from the decoder's raw output. BCE reads `raw` as logits; MAE and MSE
    /// compare `pixels(raw)` (sigmoid(raw), or raw itself for a linear decoder), which is
    /// only computed for them.
    pub fn loss(
        self,
        raw: Tensor<2>,
        target: Tensor<2>,
        pixels: impl FnOnce(Tensor<2>) -> Tensor<2>,
    ) -> Tensor<1> {
        let per_pixel = match self {
            Self::Mae => (pixels(raw) - target).abs(),
            Self::Mse => (pixels(raw) - target).powi_scalar(2),
            // −x ln σ(l) − (1 − x) ln(1 − σ(l)) = max(l, 0) − l·x + ln(1 + e^−|l|): one exp
            // and one log per pixel, and finite for any logit.
            Self::Bce => relu(raw.clone()) - raw.clone() * target + (-raw.abs()).exp().log1p(),
        };
        per_pixel.sum_dim(1).mean()
    }
}

/// KL(q(z|x) ‖ N(0, I)) for q = N(μ, diag σ²), in closed form
/// −½ Σ (1 + ln σ² − μ² − σ²), averaged over the batch.
pub fn kl_to_standard_normal(mean: Tensor<2>, log_var: Tensor<2>) -> Tensor<1> {
    let per_dim = log_var.clone() + 1.0 - mean.powi_scalar(2) - log_var.exp();
    per_dim.sum_dim(1).mean() * (-0.5)
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

    /// Each reconstruction loss equals its formula, summed over pixels and averaged over
    /// images; BCE stays finite for logits whose sigmoid rounds to 0 or 1.
    #[test]
    fn reconstruction_losses_equal_their_formulas() {
        let device = Device::flex();
        let logits = [0.3f32, -1.2, 2.0, 60.0, -60.0, 0.0];
        let target = [0.0f32, 0.5, 1.0, 0.0, 0.0, 1.0];
        let tensor =
            |v: &[f32]| Tensor::<2>::from_data(TensorData::new(v.to_vec(), [2, 3]), &device);
        let sigma = |l: f32| 1.0 / (1.0 + f64::from(-l).exp());
        let per_image = |f: &dyn Fn(f32, f32) -> f64| {
            logits
                .iter()
                .zip(&target)
                .map(|(&l, &x)| f(l, x))
                .sum::<f64>()
                / 2.0
        };
        let bce = per_image(&|l, x| {
            // −x ln σ(l) − (1 − x) ln(1 − σ(l)) in f64, with ln(1 − σ(l)) = ln σ(−l).
            let x = f64::from(x);
            -x * sigma(l).ln() - (1.0 - x) * sigma(-l).ln()
        });
        let mae = per_image(&|l, x| (sigma(l) - f64::from(x)).abs());
        let mse = per_image(&|l, x| (sigma(l) - f64::from(x)).powi(2));
        for (loss, expected) in [
            (ReconstructionLoss::Bce, bce),
            (ReconstructionLoss::Mae, mae),
            (ReconstructionLoss::Mse, mse),
        ] {
            let got = f64::from(scalar(loss.loss(
                tensor(&logits),
                tensor(&target),
                burn::tensor::activation::sigmoid,
            )));
            assert!(
                (got - expected).abs() < 1e-4 * (1.0 + expected.abs()),
                "{loss:?}: {got} vs {expected}"
            );
        }
        // The logit 60 with target 0 alone costs 60 (30 per image).
        assert!(bce > 30.0, "{bce}");
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

    /// Each objective's losses equal their formulas on known outputs.
    #[test]
    fn gan_objectives_equal_their_formulas() {
        let device = Device::flex();
        let (real, fake) = ([0.9f32, 0.4, 1.3], [-0.2f32, 0.1]);
        let mean = |v: &[f32], f: &dyn Fn(f32) -> f32| {
            v.iter().map(|&s| f(s)).sum::<f32>() / v.len() as f32
        };
        let t = |v: &[f32]| scores(v, &device);
        let wgan = GanObjective::Wgan { clip: 0.01 };
        let d = scalar(wgan.discriminator_loss(t(&real), t(&fake)));
        assert!((d - (mean(&fake, &|x| x) - mean(&real, &|x| x))).abs() < 1e-6);
        assert!((scalar(wgan.generator_loss(t(&fake))) + mean(&fake, &|x| x)).abs() < 1e-6);
        let ls = GanObjective::Lsgan;
        let d = scalar(ls.discriminator_loss(t(&real), t(&fake)));
        let expected = 0.5 * mean(&real, &|x| (x - 1.0).powi(2)) + 0.5 * mean(&fake, &|x| x * x);
        assert!((d - expected).abs() < 1e-6, "{d} vs {expected}");
        let g = scalar(ls.generator_loss(t(&fake)));
        assert!((g - 0.5 * mean(&fake, &|x| (x - 1.0).powi(2))).abs() < 1e-6);
        let hinge = GanObjective::Hinge;
        let d = scalar(hinge.discriminator_loss(t(&real), t(&fake)));
        let expected = mean(&real, &|x| (1.0 - x).max(0.0)) + mean(&fake, &|x| (1.0 + x).max(0.0));
        assert!((d - expected).abs() < 1e-6, "{d} vs {expected}");
        assert!((scalar(hinge.generator_loss(t(&fake))) + mean(&fake, &|x| x)).abs() < 1e-6);
        let v = scalar(GanObjective::Minimax.discriminator_loss(t(&[0.0]), t(&[0.0])));
        assert!((v - 4f32.ln()).abs() < 1e-6);
    }

    /// The penalty on a known critic: f(x) = w·x has ‖∇f‖ = ‖w‖ everywhere, so the
    /// penalty is λ(‖w‖ − 1)².
    #[test]
    fn gradient_penalty_on_a_linear_critic_equals_its_formula() {
        let device = Device::flex();
        let w = [3.0f32, 4.0]; // ‖w‖ = 5
        let grads = Tensor::<2>::from_data(TensorData::new([w, w, w].concat(), [3, 2]), &device);
        let p = scalar(gradient_penalty(grads, 10.0));
        assert!((p - 10.0 * 16.0).abs() < 1e-4, "{p}");
        let unit = Tensor::<2>::from_data(TensorData::new(vec![0.6f32, 0.8], [1, 2]), &device);
        assert!(scalar(gradient_penalty(unit, 10.0)).abs() < 1e-6);
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

    /// Every objective's D and G losses: Burn's gradient with respect to each score equals a
    /// central finite difference of the loss.
    #[test]
    fn each_loss_gradient_equals_finite_differences() {
        let device = Device::flex().autodiff();
        let plain = Device::flex();
        let (real, fake) = ([0.8f32, -0.3, 1.7, 0.2], [-1.1f32, 0.4, -0.2, 2.3]);
        let objectives = [
            GanObjective::Minimax,
            GanObjective::NonSaturating,
            GanObjective::Wgan { clip: 0.01 },
            GanObjective::WganGp { lambda: 10.0 },
            GanObjective::Lsgan,
            GanObjective::Hinge,
        ];
        let h = 1e-2f32;
        for objective in objectives {
            let d = |r: Tensor<2>, q: Tensor<2>| objective.discriminator_loss(r, q);
            let g = |_: Tensor<2>, q: Tensor<2>| objective.generator_loss(q);
            for (name, loss) in [
                ("D", &d as &dyn Fn(Tensor<2>, Tensor<2>) -> Tensor<1>),
                ("G", &g),
            ] {
                let r = scores(&real, &device).require_grad();
                let q = scores(&fake, &device).require_grad();
                let grads = loss(r.clone(), q.clone()).backward();
                for (which, leaf, values) in [("real", &r, real), ("fake", &q, fake)] {
                    let auto: Vec<f32> = leaf
                        .grad(&grads)
                        .map(|g| g.into_data().try_to_vec::<f32>().unwrap())
                        .unwrap_or_else(|| vec![0.0; 4]);
                    for i in 0..4 {
                        let (mut up, mut down) = (values, values);
                        up[i] += h;
                        down[i] -= h;
                        let at = |v: &[f32; 4]| {
                            let (a, b) = if which == "real" {
                                (*v, fake)
                            } else {
                                (real, *v)
                            };
                            scalar(loss(scores(&a, &plain), scores(&b, &plain)))
                        };
                        let fd = (at(&up) - at(&down)) / (2.0 * h);
                        assert!(
                            (auto[i] - fd).abs() < 1e-3 * (1.0 + fd.abs()),
                            "{objective:?} {name} loss, ∂/∂{which}[{i}]: autodiff {} vs finite difference {fd}",
                            auto[i]
                        );
                    }
                }
            }
        }
    }
}

/// σ and ln σ on plain numbers (the Dirac GAN, the toy GAN's metrics).
pub mod scalar {
    /// ln σ(t), finite for every t.
    pub fn log_sigmoid(t: f64) -> f64 {
        if t >= 0.0 {
            -(-t).exp().ln_1p()
        } else {
            t - t.exp().ln_1p()
        }
    }

    /// σ(t) without overflow for large |t|.
    pub fn sigmoid(t: f64) -> f64 {
        if t >= 0.0 {
            1.0 / (1.0 + (-t).exp())
        } else {
            let e = t.exp();
            e / (1.0 + e)
        }
    }
}
