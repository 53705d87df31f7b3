//! `bench(workload, backend)`: how many training iterations a second a workload runs in this
//! browser, measured the way the issue defines it (losses read back every 10 iterations).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::args::Call;
use super::{BACKENDS, js_error, to_js};
use crate::backend::{self, BackendChoice, BackendInfo};
use crate::data::images::{ImageData, ImageSet};
use crate::error::PlaygroundError;
use crate::train::autoencoder::{AutoencoderRun, AutoencoderTraining};
use crate::train::game_settings::ToyGanConfig;
use crate::train::toy::ToyGan;

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

enum Workload {
    Gan(Box<ToyGan>),
    Vae(Box<AutoencoderRun>),
}

impl Workload {
    /// `READ_BACK_EVERY` iterations, then the losses read back.
    async fn train(&mut self) -> Result<(), PlaygroundError> {
        match self {
            Self::Gan(gan) => gan.train(READ_BACK_EVERY).await.map(drop),
            Self::Vae(vae) => vae.train(READ_BACK_EVERY).await.map(drop),
        }
    }
}

/// Runs `workload` ("toy2d", or "vae8" with `data` the bytes of `data/digits8x8.u8`) on
/// `backend` ("auto", "webgpu" or "cpu") and resolves to
/// `{workload, itersPerSec, iterations, seconds, backend}`.
#[wasm_bindgen]
pub async fn bench(workload: JsValue, backend: JsValue, data: JsValue) -> Result<JsValue, JsError> {
    let call = Call("bench");
    let workload = call.text("workload", &workload, "\"toy2d\" or \"vae8\"")?;
    let choice: BackendChoice = if backend.is_undefined() || backend.is_null() {
        BackendChoice::Auto
    } else {
        call.choice("backend", &backend, BACKENDS)?
    };
    let data = call.bytes("data", &data)?;
    let device = backend::acquire(choice).await.map_err(js_error)?;
    let mut workload_run = match workload.as_str() {
        // The workload is ToyGanConfig's default.
        "toy2d" => Workload::Gan(Box::new(
            ToyGan::new(ToyGanConfig::default(), device.clone()).map_err(js_error)?,
        )),
        "vae8" => {
            let bytes = data.ok_or_else(|| {
                JsError::new("the vae8 benchmark needs the 8×8 digits: pass data/digits8x8.u8")
            })?;
            let images = ImageSet::shipped(ImageData::Digits8, &bytes, None).map_err(js_error)?;
            Workload::Vae(Box::new(
                AutoencoderRun::new(AutoencoderTraining::vae8(), &images, &device.device)
                    .map_err(js_error)?,
            ))
        }
        other => {
            return Err(js_error(PlaygroundError::invalid(
                "workload",
                format!("unknown benchmark workload \"{other}\" (use toy2d or vae8)"),
            )));
        }
    };
    for _ in 0..WARM_UP / READ_BACK_EVERY {
        workload_run.train().await.map_err(js_error)?;
    }
    let start = now_seconds();
    let mut iterations = 0;
    while iterations < MIN_ITERATIONS || now_seconds() - start < MIN_SECONDS {
        workload_run.train().await.map_err(js_error)?;
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
