//! `MinimaxGame`: the 1-D and 2-D GANs of THEORY.md §2–§4 as `www/js/game_api.js` drives
//! them, and the device-free helpers of the game views (the Dirac GAN, the payoff table,
//! checking an upload).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::args::{self, Call};
use super::{backend_arg, backend_choice, js_error, options_from, to_js};
use crate::backend::{self, BackendInfo};
use crate::data::points::parse_csv;
use crate::dirac::{self, DiracObjective};
use crate::error::PlaygroundError;
use crate::metrics::ModeReport;
use crate::presets::{self, PresetView};
use crate::train::game_settings::{GamePatch, GameSettings};
use crate::train::game_view::{GameMetrics, GameView};
use crate::train::toy::{IterationLosses, MAX_ITERATIONS_PER_CALL, Players, ToyGan};
use crate::train::trial;
use crate::zero_sum::{MAX_SIDE, PayoffTable};

fn patch_from(call: &'static str, options: JsValue) -> Result<GamePatch, JsError> {
    options_from(call, options)
}

/// An iteration count argument of `call`.
fn iterations(call: &'static str, n: &JsValue) -> Result<u32, JsError> {
    Call(call).whole("n", n, 0..=MAX_ITERATIONS_PER_CALL)
}

/// A snapshot as the page reads it: the view, plus what runs it and how it is set, and the
/// preset those settings are, if any, with its claim judged on this run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GameSnapshot<'a> {
    #[serde(flatten)]
    view: &'a GameView,
    backend: &'a BackendInfo,
    config: GameSettings,
    preset: Option<PresetView>,
}

/// One row of the metrics history, flat for plotting.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MetricsRow {
    iteration: u64,
    value: Option<f64>,
    mean_d_real: f64,
    mean_d_fake: f64,
    critic_gap: Option<f64>,
    js: f64,
    kl: f64,
    w1: f64,
    grad_saturating: f64,
    grad_non_saturating: f64,
    modes_covered: Option<usize>,
    total_modes: Option<usize>,
    high_quality_fraction: Option<f64>,
}

impl From<&GameMetrics> for MetricsRow {
    fn from(m: &GameMetrics) -> Self {
        let modes: Option<ModeReport> = m.modes;
        Self {
            iteration: m.iteration,
            value: m.value,
            mean_d_real: m.mean_d_real,
            mean_d_fake: m.mean_d_fake,
            critic_gap: m.critic_gap,
            js: m.js,
            kl: m.kl,
            w1: m.w1,
            grad_saturating: m.grad_saturating,
            grad_non_saturating: m.grad_non_saturating,
            modes_covered: modes.map(|r| r.modes_covered),
            total_modes: modes.map(|r| r.total_modes),
            high_quality_fraction: modes.map(|r| r.high_quality_fraction),
        }
    }
}

#[derive(Serialize)]
struct History<'a> {
    /// Index of the first loss entry (the `since` asked for).
    start: usize,
    losses: &'a [IterationLosses],
    metrics: Vec<MetricsRow>,
}

/// One live 1-D or 2-D game, owned by the page.
#[wasm_bindgen]
pub struct MinimaxGame {
    gan: ToyGan,
}

#[wasm_bindgen]
impl MinimaxGame {
    /// `MinimaxGame.create({data, points, csv, noise, noiseDim, generatorHidden, ...})`.
    pub async fn create(options: JsValue) -> Result<MinimaxGame, JsError> {
        let patch = patch_from("create", options)?;
        let config = patch.apply(&Default::default()).map_err(js_error)?;
        let choice = backend_choice(patch.backend.as_deref())?.unwrap_or_default();
        let device = backend::acquire(choice).await.map_err(js_error)?;
        let mut gan = ToyGan::new(config, device).map_err(js_error)?;
        trial::settle(&mut gan).await.map_err(js_error)?;
        Ok(MinimaxGame { gan })
    }

    async fn run(&mut self, iterations: u32, players: Players) -> Result<(), JsError> {
        self.gan
            .train_players(iterations, players)
            .await
            .map(drop)
            .map_err(js_error)
    }

    /// `iterations` iterations of the game: k D steps, then the G steps.
    pub async fn step(&mut self, n: JsValue) -> Result<(), JsError> {
        self.run(iterations("step", &n)?, Players::Both).await
    }

    /// `steps` steps of D alone (G frozen), each counted as an iteration.
    #[wasm_bindgen(js_name = stepD)]
    pub async fn step_d(&mut self, n: JsValue) -> Result<(), JsError> {
        self.run(iterations("stepD", &n)?, Players::DiscriminatorOnly)
            .await
    }

    /// `steps` steps of G alone (D frozen), each counted as an iteration.
    #[wasm_bindgen(js_name = stepG)]
    pub async fn step_g(&mut self, n: JsValue) -> Result<(), JsError> {
        self.run(iterations("stepG", &n)?, Players::GeneratorOnly)
            .await
    }

    /// What the views draw (one read-back from the device); adds a row to the metrics.
    pub async fn snapshot(&mut self) -> Result<JsValue, JsError> {
        let view = self.gan.view().await.map_err(js_error)?;
        to_js(&GameSnapshot {
            view: &view,
            backend: self.gan.backend(),
            config: GameSettings::of(self.gan.config()),
            preset: presets::game::view(self.gan.config(), self.gan.metrics()),
        })
    }

    /// `{start, losses: [{d, g}] from iteration `since` (default 0), metrics: [...]}`.
    pub fn history(&self, since: JsValue) -> Result<JsValue, JsError> {
        let since = if since.is_undefined() {
            0
        } else {
            Call("history").whole("since", &since, 0..=u32::MAX)?
        };
        let losses = self.gan.losses();
        let start = (since as usize).min(losses.len());
        to_js(&History {
            start,
            losses: &losses[start..],
            metrics: self
                .gan
                .metrics()
                .iter()
                .filter(|m| m.iteration >= start as u64)
                .map(MetricsRow::from)
                .collect(),
        })
    }

    /// The current settings, flat as the options of `create`.
    pub fn settings(&self) -> Result<JsValue, JsError> {
        to_js(&GameSettings::of(self.gan.config()))
    }

    /// Changes the objective, k, G steps, batch, optimisers or step sizes live, keeping
    /// the weights; anything else needs `reset`.
    pub fn configure(&mut self, patch: JsValue) -> Result<JsValue, JsError> {
        let all = serde_aux::serde_introspection::serde_introspect::<GamePatch>();
        if patch.is_object() {
            for key in js_sys::Object::keys(patch.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if all.contains(&key.as_str()) && !GamePatch::LIVE.contains(&key.as_str()) {
                    return Err(JsError::new(&format!(
                        "invalid setting {key}: only {} change live; the data, noise, \
                         networks and seed need a reset (a rebuild)",
                        GamePatch::LIVE.join(", ")
                    )));
                }
            }
        }
        let patch: GamePatch = args::options(&Call("configure"), patch, GamePatch::LIVE)?;
        let config = patch.apply(self.gan.config()).map_err(js_error)?;
        self.gan.reconfigure(config).map_err(js_error)?;
        self.settings()
    }

    /// A new run with these options over the current ones; resolves to its first snapshot.
    pub async fn reset(&mut self, options: JsValue) -> Result<JsValue, JsError> {
        let patch = patch_from("reset", options)?;
        let config = patch.apply(self.gan.config()).map_err(js_error)?;
        let device = match backend_choice(patch.backend.as_deref())? {
            Some(choice) => backend::acquire(choice).await,
            None => backend::acquire(self.gan.backend().choice).await,
        }
        .map_err(js_error)?;
        let mut gan = ToyGan::new(config, device).map_err(js_error)?;
        trial::settle(&mut gan).await.map_err(js_error)?;
        self.gan = gan;
        self.snapshot().await
    }

    /// Carries on on another backend with the same weights (the optimisers restart).
    #[wasm_bindgen(js_name = setBackend)]
    pub async fn set_backend(&mut self, choice: JsValue) -> Result<JsValue, JsError> {
        let choice = backend_arg(&choice)?;
        let device = backend::acquire(choice).await.map_err(js_error)?;
        self.gan.set_device(device).await.map_err(js_error)?;
        trial::settle(&mut self.gan).await.map_err(js_error)?;
        to_js(self.gan.backend())
    }
}

/// What a Dirac GAN objective argument may be.
const DIRAC_OBJECTIVES: &str = "\"minimax\", \"non-saturating\", \"wgan\" or \"gradient-penalty\"";

fn dirac_objective(
    call: &Call,
    name: &JsValue,
    gamma: &JsValue,
) -> Result<DiracObjective, JsError> {
    let name = call.text("objective", name, DIRAC_OBJECTIVES)?;
    let gamma = if name == "gradient-penalty" {
        call.number("gamma", gamma)?
    } else {
        0.0
    };
    match name.as_str() {
        "minimax" => Ok(DiracObjective::Minimax),
        "non-saturating" => Ok(DiracObjective::NonSaturating),
        "wgan" => Ok(DiracObjective::Wgan),
        "gradient-penalty" if gamma >= 0.0 => Ok(DiracObjective::GradientPenalty { gamma }),
        "gradient-penalty" => Err(call.refuse_text("gamma", "a number ≥ 0", &gamma.to_string())),
        _ => Err(call.refuse_text("objective", DIRAC_OBJECTIVES, &args::quote(&name))),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DiracField {
    n: usize,
    extent: f64,
    theta: Vec<f64>,
    psi: Vec<f64>,
    d_theta: Vec<f64>,
    d_psi: Vec<f64>,
}

/// The Dirac GAN's vector field of simultaneous gradient play on an `n` × `n` grid over
/// [−extent, extent]² in (θ, ψ), ψ-major.
#[wasm_bindgen(js_name = diracField)]
pub fn dirac_field(
    objective: JsValue,
    gamma: JsValue,
    n: JsValue,
    extent: JsValue,
) -> Result<JsValue, JsError> {
    let call = Call("diracField");
    let objective = dirac_objective(&call, &objective, &gamma)?;
    let n = call.whole("n", &n, 2..=100)? as usize;
    let extent = call.number_where("extent", &extent, "a number > 0", |e| e > 0.0)?;
    let at = |i: usize| -extent + 2.0 * extent * i as f64 / (n - 1) as f64;
    let mut field = DiracField {
        n,
        extent,
        theta: Vec::new(),
        psi: Vec::new(),
        d_theta: Vec::new(),
        d_psi: Vec::new(),
    };
    for j in 0..n {
        for i in 0..n {
            let (theta, psi) = (at(i), at(j));
            let (dt, dp) = dirac::vector_field(objective, theta, psi);
            field.theta.push(theta);
            field.psi.push(psi);
            field.d_theta.push(dt);
            field.d_psi.push(dp);
        }
    }
    to_js(&field)
}

/// The path `[[θ, ψ], ...]` of `steps` simultaneous gradient steps of size `lr`.
#[wasm_bindgen(js_name = diracTrajectory)]
pub fn dirac_trajectory(
    objective: JsValue,
    gamma: JsValue,
    theta: JsValue,
    psi: JsValue,
    lr: JsValue,
    steps: JsValue,
) -> Result<JsValue, JsError> {
    let call = Call("diracTrajectory");
    let objective = dirac_objective(&call, &objective, &gamma)?;
    let (theta, psi) = (call.number("theta", &theta)?, call.number("psi", &psi)?);
    let lr = call.number_where("lr", &lr, "a number in (0, 10]", |x| x > 0.0 && x <= 10.0)?;
    let steps = call.whole("steps", &steps, 0..=100_000)? as usize;
    let path: Vec<[f64; 2]> = dirac::simultaneous_steps(objective, (theta, psi), lr, steps)
        .into_iter()
        .map(|(t, p)| [t, p])
        .collect();
    to_js(&path)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Choice {
    row: Option<usize>,
    col: Option<usize>,
    value: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PayoffAnalysis {
    maximin: Choice,
    minimax: Choice,
    saddle_point: Option<[usize; 2]>,
}

/// Each player's cautious choice in a zero-sum table (`values`: the row player's payoffs,
/// row-major), and the saddle point if there is one.
#[wasm_bindgen(js_name = payoffAnalysis)]
pub fn payoff_analysis(rows: JsValue, cols: JsValue, values: JsValue) -> Result<JsValue, JsError> {
    let call = Call("payoffAnalysis");
    let side = 1..=MAX_SIDE as u32;
    let rows = call.whole("rows", &rows, side.clone())? as usize;
    let cols = call.whole("cols", &cols, side)? as usize;
    let values = call.numbers("values", &values, Some(rows * cols), rows * cols)?;
    let table = PayoffTable::new(rows, cols, values)
        .map_err(|e| js_error(PlaygroundError::invalid("payoff", e)))?;
    let ((row, low), (col, high)) = (table.maximin(), table.minimax());
    to_js(&PayoffAnalysis {
        maximin: Choice {
            row: Some(row),
            col: None,
            value: low,
        },
        minimax: Choice {
            row: None,
            col: Some(col),
            value: high,
        },
        saddle_point: table.saddle_point().map(|(r, c)| [r, c]),
    })
}

/// The points of an uploaded CSV file (`dims` 1 or 2 coordinates a line), or its error.
#[wasm_bindgen(js_name = parsePoints)]
pub fn parse_points(csv: JsValue, dims: JsValue) -> Result<JsValue, JsError> {
    let call = Call("parsePoints");
    let csv = call.text("csv", &csv, "the text of a CSV file")?;
    let dims = call.whole("dims", &dims, 1..=2)? as usize;
    to_js(&parse_csv(&csv, dims).map_err(js_error)?)
}

/// The game's presets, for the page's buttons: `[{id, title}]` (their settings, text and
/// claim come with the snapshot of a run that is one).
#[wasm_bindgen(js_name = gamePresets)]
pub fn game_presets() -> Result<JsValue, JsError> {
    to_js(&presets::game::buttons())
}
