//! The minimax game's presets, one click per curriculum point (THEORY.md §2–§4): the
//! settings, the explanation, and the claim the explanation makes, measurably and with the
//! iterations it needs. `tests/game_presets.rs` trains every preset natively and holds it
//! to its claim.

use super::{Claim, Preset, PresetView};
use crate::error::Result;
use crate::models::Activation;
use crate::train::game_settings::{GamePatch, ToyGanConfig};
use crate::train::game_view::GameMetrics;

/// A preset of the game: its settings are a patch over [`ToyGanConfig::default`] (the ring
/// of 8).
pub type GamePreset = Preset<GamePatch, GameMetrics>;

impl GamePreset {
    /// The preset's run with `seed`.
    pub fn config(&self, seed: u64) -> Result<ToyGanConfig> {
        let patch = GamePatch {
            seed: Some(seed),
            ..(self.settings)()
        };
        patch.apply(&ToyGanConfig::default())
    }
}

/// The preset called `id`.
pub fn named(id: &str) -> Result<&'static GamePreset> {
    super::find(&GAME_PRESETS, id)
}

/// The preset `config` is (whatever its seed), if any.
pub fn matching(config: &ToyGanConfig) -> Option<&'static GamePreset> {
    GAME_PRESETS
        .iter()
        .find(|p| p.config(config.seed).is_ok_and(|c| &c == config))
}

fn one_d() -> GamePatch {
    GamePatch {
        noise_dim: Some(1),
        generator_hidden: Some(vec![32, 32]),
        discriminator_hidden: Some(vec![32, 32]),
        batch: Some(128),
        ..Default::default()
    }
}

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// The last row.
fn last(rows: &[GameMetrics]) -> &GameMetrics {
    rows.last().expect("judged only once the budget is reached")
}

/// The first row (the run's start).
fn first(rows: &[GameMetrics]) -> &GameMetrics {
    rows.first()
        .expect("judged only once the budget is reached")
}

fn modes(row: &GameMetrics) -> usize {
    row.modes.map_or(0, |m| m.modes_covered)
}

pub static GAME_PRESETS: [GamePreset; 11] = [
    Preset {
        id: "ring",
        title: "The ring of 8",
        text: "G maps 2-D Gaussian noise to the plane; D learns to tell its points from the 8 real clusters. With the non-saturating loss and Adam the fakes spread over most modes within 2000 iterations, while mean D(x) and D(G(z)) close in on ½ (about 0.65 and 0.41 then): D can less and less tell. The equilibrium, both ½ and V(D, G) = −ln 4, takes far longer.",
        settings: GamePatch::default,
        claim: Claim {
            text: "by iteration 2000, at least 6 of the 8 modes covered and mean D(x) − D(G(z)) below 0.35",
            budget: 2000,
            judge: |rows| {
                let r = last(rows);
                (
                    modes(r) >= 6 && r.mean_d_real - r.mean_d_fake < 0.35,
                    format!(
                        "{}/8 modes, mean D {:.2} / {:.2}",
                        modes(r),
                        r.mean_d_real,
                        r.mean_d_fake
                    ),
                )
            },
        },
    },
    Preset {
        id: "gaussian-1d",
        title: "1-D: D goes to ½",
        text: "The figure of the original paper, live: green is p_data, purple bars are G's samples, orange is D(x), and the lines map z to G(z). As p_g approaches p_data, the best D is p_data / (p_data + p_g), which tends to ½ everywhere, and V(D, G) to −ln 4.",
        settings: || GamePatch {
            data: text("gaussian"),
            ..one_d()
        },
        claim: Claim {
            text: "by iteration 1000, mean D(x) and D(G(z)) within 0.05 of ½ and V(D, G) within 0.1 of −ln 4",
            budget: 1000,
            judge: |rows| {
                let r = last(rows);
                let v = r.value.unwrap_or(f64::NAN);
                let ok = (r.mean_d_real - 0.5).abs() <= 0.05
                    && (r.mean_d_fake - 0.5).abs() <= 0.05
                    && (v + 4f64.ln()).abs() <= 0.1;
                (
                    ok,
                    format!(
                        "mean D {:.3} / {:.3}, V = {v:.3} (−ln 4 = −1.386)",
                        r.mean_d_real, r.mean_d_fake
                    ),
                )
            },
        },
    },
    Preset {
        id: "saturating-stalls",
        title: "Saturating loss stalls",
        text: "Minimax G minimises ln(1 − D(G(z))). With a strong D (5 steps per G step) D(G(z)) drops towards 0, where that loss is flat: in \"Why non-saturating\" the saturating gradient falls far below the non-saturating one, and G learns slowly. The notes advise not to let D get too strong. Compare the next preset at the same iteration.",
        settings: || GamePatch {
            objective: text("minimax"),
            d_steps: Some(5),
            learning_rate_d: Some(2e-3),
            ..Default::default()
        },
        claim: Claim {
            text: "by iteration 1000, the saturating gradient below a tenth of the non-saturating one on the same D and z, and at most 1 of the 8 modes covered",
            budget: 1000,
            judge: |rows| {
                let r = last(rows);
                let ratio = r.grad_saturating / r.grad_non_saturating;
                (
                    ratio < 0.1 && modes(r) <= 1,
                    format!("gradient ratio {ratio:.3}, {}/8 modes", modes(r)),
                )
            },
        },
    },
    Preset {
        id: "non-saturating",
        title: "Non-saturating fixes it",
        text: "The same strong D, but G minimises −ln D(G(z)): the same fixed point, and a strong gradient exactly where D rejects the fakes, so G spreads over more modes than the saturating run by the same iteration. DCGAN uses it.",
        settings: || GamePatch {
            objective: text("non-saturating"),
            d_steps: Some(5),
            learning_rate_d: Some(2e-3),
            ..Default::default()
        },
        claim: Claim {
            text: "by iteration 1000, at least 3 of the 8 modes covered (the saturating run: at most 1)",
            budget: 1000,
            judge: |rows| {
                let r = last(rows);
                (modes(r) >= 3, format!("{}/8 modes", modes(r)))
            },
        },
    },
    Preset {
        id: "js-disjoint",
        title: "JS on disjoint supports",
        text: "The data lives on [−3, −2] ∪ [2, 3] and G (tanh units) starts in a narrow band around 0: the supports do not overlap, so JS is exactly ln 2, whatever the distance; only W1 says how far apart the piles are. The theory's dead end (no gradient) needs the optimal D; a real D is a smooth network whose slope still pulls G out, and JS falls only once the supports overlap.",
        settings: || GamePatch {
            data: text("bimodal-gap"),
            objective: text("minimax"),
            activation: Some(Activation::Tanh),
            ..one_d()
        },
        claim: Claim {
            text: "at iteration 0, JS within 0.01 of ln 2 while W1 > 2; by iteration 500, W1 below half its start",
            budget: 500,
            judge: |rows| {
                let (a, b) = (first(rows), last(rows));
                let ok = (a.js - std::f64::consts::LN_2).abs() <= 0.01
                    && a.w1 > 2.0
                    && b.w1 < a.w1 / 2.0;
                (
                    ok,
                    format!(
                        "start: JS {:.3}, W1 {:.2}; now: JS {:.3}, W1 {:.2}",
                        a.js, a.w1, b.js, b.w1
                    ),
                )
            },
        },
    },
    Preset {
        id: "wgan-disjoint",
        title: "WGAN on disjoint supports",
        text: "WGAN's critic estimates the earth mover's distance, which shrinks as the piles approach even while they are disjoint. As in the paper: weights clipped to [−c, c], RMSProp, 5 critic steps per G step. Clipping makes the critic K-Lipschitz for an unknown K: at c = 0.01 K is tiny and learning is slow, so c is 0.05 here. Compare W1 with JS in \"Distance\": JS stays near ln 2 while W1 falls. On this toy the minimax run of the previous preset closes the distance faster (its D is no optimal D); WGAN's point is a loss that keeps its gradient however strong the critic gets.",
        settings: || GamePatch {
            data: text("bimodal-gap"),
            objective: text("wgan"),
            activation: Some(Activation::Tanh),
            clip: Some(0.05),
            d_steps: Some(5),
            optimizer_d: text("rmsprop"),
            optimizer_g: text("rmsprop"),
            learning_rate_d: Some(5e-4),
            learning_rate_g: Some(5e-4),
            ..one_d()
        },
        claim: Claim {
            text: "JS starts within 0.01 of ln 2; by iteration 500, W1 below two thirds of its start",
            budget: 500,
            judge: |rows| {
                let (a, b) = (first(rows), last(rows));
                let ok = (a.js - std::f64::consts::LN_2).abs() <= 0.01 && b.w1 < a.w1 * 2.0 / 3.0;
                (
                    ok,
                    format!(
                        "start: JS {:.3}, W1 {:.2}; now: JS {:.3}, W1 {:.2}",
                        a.js, a.w1, b.js, b.w1
                    ),
                )
            },
        },
    },
    Preset {
        id: "wgan-gp",
        title: "WGAN-GP on the ring",
        text: "The gradient penalty λ·E[(‖∇f(x̂)‖ − 1)²] on points between real and fake keeps the critic near 1-Lipschitz without clipping, so its gap estimates W1 itself (the W1 in \"Distance\" is the sliced one, a lower bound); the background shows the critic's value. At these slow step sizes G's progress takes thousands of iterations.",
        settings: || GamePatch {
            objective: text("wgan-gp"),
            lambda: Some(10.0),
            d_steps: Some(5),
            learning_rate_d: Some(1e-4),
            learning_rate_g: Some(1e-4),
            ..Default::default()
        },
        claim: Claim {
            text: "at iteration 500, the critic's gap positive and within a factor 2 of the sliced W1",
            budget: 500,
            judge: |rows| {
                let r = last(rows);
                let gap = r.critic_gap.unwrap_or(f64::NAN);
                (
                    gap > 0.0 && gap <= 2.0 * r.w1 && gap >= 0.5 * r.w1,
                    format!("gap {gap:.3}, sliced W1 {:.3}", r.w1),
                )
            },
        },
    },
    Preset {
        id: "lsgan",
        title: "LSGAN",
        text: "Least squares: D regresses real to 1 and fake to 0, G pushes D(G(z)) towards 1. Fakes far on the right side of the boundary still get a gradient (the sigmoid loss would saturate there), so G keeps closing the distance: watch W1 fall.",
        settings: || GamePatch {
            objective: text("lsgan"),
            ..Default::default()
        },
        claim: Claim {
            text: "by iteration 1000, W1 below a third of its start",
            budget: 1000,
            judge: |rows| {
                let (a, b) = (first(rows), last(rows));
                (
                    b.w1 < a.w1 / 3.0,
                    format!("W1 {:.2} → {:.2}; {}/8 modes", a.w1, b.w1, modes(b)),
                )
            },
        },
    },
    Preset {
        id: "mode-collapse",
        title: "Mode collapse on the ring",
        text: "A small generator fed 1-D noise under the minimax loss: its samples settle on a curve through a few of the 8 modes, and D paints the rest of the ring \"real\". \"Mode collapse\" counts the modes its high-quality samples reach. MRGAN fights this with an encoder and a reconstruction term.",
        settings: || GamePatch {
            objective: text("minimax"),
            generator_hidden: Some(vec![16]),
            noise_dim: Some(1),
            learning_rate_g: Some(2e-3),
            ..Default::default()
        },
        claim: Claim {
            text: "at iteration 1500, at most 4 of the 8 modes covered",
            budget: 1500,
            judge: |rows| {
                let r = last(rows);
                (modes(r) <= 4, format!("{}/8 modes", modes(r)))
            },
        },
    },
    Preset {
        id: "k-steps",
        title: "k D-steps per G-step",
        text: "The original recipe: k steps of D for every step of G, so that D stays near its optimum D* = p_data / (p_data + p_g). With D* the minimax loss is 2·JS − ln 4, so G would descend the JS divergence; this preset runs the non-saturating loss, which with D* descends KL(p_g ‖ p_data) − 2·JS instead (same fixed point, stronger early gradient). Change k live and watch D(x).",
        settings: || GamePatch {
            data: text("two-gaussians"),
            d_steps: Some(5),
            ..one_d()
        },
        claim: Claim {
            text: "by iteration 1000, JS below 0.2 and mean D(x), D(G(z)) within 0.1 of ½",
            budget: 1000,
            judge: |rows| {
                let r = last(rows);
                let ok = r.js < 0.2
                    && (r.mean_d_real - 0.5).abs() <= 0.1
                    && (r.mean_d_fake - 0.5).abs() <= 0.1;
                (
                    ok,
                    format!(
                        "JS {:.3}, mean D {:.2} / {:.2}",
                        r.js, r.mean_d_real, r.mean_d_fake
                    ),
                )
            },
        },
    },
    Preset {
        id: "grid",
        title: "The grid of 25",
        text: "25 tight clusters: harder than the ring. Count the modes covered as training goes on.",
        settings: || GamePatch {
            data: text("grid"),
            batch: Some(512),
            ..Default::default()
        },
        claim: Claim {
            text: "by iteration 1500, at least 10 of the 25 modes covered",
            budget: 1500,
            judge: |rows| {
                let r = last(rows);
                (modes(r) >= 10, format!("{}/25 modes", modes(r)))
            },
        },
    },
];

impl super::Measured for GameMetrics {
    fn iteration(&self) -> u64 {
        self.iteration
    }
}

/// The preset a run with `config` is, with its claim judged on the run's `rows`.
pub fn view(config: &ToyGanConfig, rows: &[GameMetrics]) -> Option<PresetView> {
    matching(config).map(|p| p.view(rows))
}

/// Every preset's button.
pub fn buttons() -> Vec<super::Button> {
    super::buttons(&GAME_PRESETS)
}
