//! `bench(workload, backend)`: how many training iterations a second a workload runs in this
//! browser, measured the way the issue defines it (losses read back every 10 iterations).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{js_error, to_js};
use crate::backend::{self, BackendChoice, BackendInfo};
use crate::error::PlaygroundError;
use crate::train::toy::{ToyGan, ToyGanConfig};

/// Iterations between loss read-backs (the "losses read back every 10 iterations").
const READ_BACK_EVERY: u32 = 10;
/// Untimed iterations first: shader compilation and buffer pools.
const WARM_UP: u32 = 30;
/// Timing runs for at least this long, and at least `MIN_ITERATIONS`.
const MIN_SECONDS: f64 = 3.0;
const MIN_ITERATIONS: u32 = 100;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BenchResult {
    workload: String,
    iters_per_sec: f64,
    iterations: u32,
    seconds: f64,
    backend: BackendInfo,
}

fn now_seconds() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// Runs `workload` ("toy2d") on `backend` ("auto", "webgpu" or "cpu") and resolves to
/// `{workload, itersPerSec, iterations, seconds, backend}`.
#[wasm_bindgen]
pub async fn bench(workload: String, backend: Option<String>) -> Result<JsValue, JsError> {
    let choice: BackendChoice = backend
        .as_deref()
        .unwrap_or("auto")
        .parse()
        .map_err(js_error)?;
    let config = match workload.as_str() {
        // The workload is ToyGanConfig's default.
        "toy2d" => ToyGanConfig::default(),
        other => {
            return Err(js_error(PlaygroundError::invalid(
                "workload",
                format!("unknown benchmark workload \"{other}\" (use toy2d)"),
            )));
        }
    };
    let device = backend::acquire(choice).await.map_err(js_error)?;
    let mut gan = ToyGan::new(config, &device.device).map_err(js_error)?;
    for _ in 0..WARM_UP / READ_BACK_EVERY {
        gan.train(READ_BACK_EVERY).await.map_err(js_error)?;
    }
    let start = now_seconds();
    let mut iterations = 0;
    while iterations < MIN_ITERATIONS || now_seconds() - start < MIN_SECONDS {
        gan.train(READ_BACK_EVERY).await.map_err(js_error)?;
        iterations += READ_BACK_EVERY;
    }
    let seconds = now_seconds() - start;
    to_js(&BenchResult {
        workload,
        iters_per_sec: f64::from(iterations) / seconds,
        iterations,
        seconds,
        backend: device.info,
    })
}
