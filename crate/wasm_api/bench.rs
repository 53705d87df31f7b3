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
use crate::train::image_gan::{ImageGan, ImageGanSettings};
use crate::train::toy::ToyGan;

/// Iterations between loss read-backs (the "losses read back every 10 iterations").
const READ_BACK_EVERY: u32 = 10;
/// Timing runs for at least this long.
const MIN_SECONDS: f64 = 3.0;

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
    Dcgan(Box<ImageGan>),
}

impl Workload {
    /// `n` iterations, then the losses read back.
    async fn train(&mut self, n: u32) -> Result<(), PlaygroundError> {
        match self {
            Self::Gan(gan) => gan.train(n).await.map(drop),
            Self::Vae(vae) => vae.train(n).await.map(drop),
            Self::Dcgan(gan) => gan.train(n).await.map(drop),
        }
    }

    /// Untimed iterations first (shader compilation, buffer pools), and the fewest timed.
    fn plan(&self) -> (u32, u32) {
        match self {
            // The dcgan28: 5 warm-up, at least 30 timed.
            Self::Dcgan(_) => (5, 30),
            Self::Gan(_) | Self::Vae(_) => (30, 100),
        }
    }
}

/// Runs `workload` ("toy2d"; "vae8" with `data` the bytes of `data/digits8x8.u8`; "dcgan28"
/// with `data` the unpacked bytes of `data/mnist_mlxtend5k.u8.gz`) on
/// `backend` ("auto", "webgpu" or "cpu") and resolves to
/// `{workload, itersPerSec, iterations, seconds, backend}`.
#[wasm_bindgen]
pub async fn bench(workload: JsValue, backend: JsValue, data: JsValue) -> Result<JsValue, JsError> {
    let call = Call("bench");
    let workload = call.text("workload", &workload, "\"toy2d\", \"vae8\" or \"dcgan28\"")?;
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
        "dcgan28" => {
            let bytes = data.ok_or_else(|| {
                JsError::new(
                    "the dcgan28 benchmark needs MNIST 5k: pass data/mnist_mlxtend5k.u8.gz unpacked",
                )
            })?;
            let images = ImageSet::from_bytes(&bytes, 28, 28, None).map_err(js_error)?;
            let settings = ImageGanSettings::dcgan28(ImageData::Mnist);
            Workload::Dcgan(Box::new(
                ImageGan::new(settings, &images, device.clone()).map_err(js_error)?,
            ))
        }
        other => {
            return Err(js_error(PlaygroundError::invalid(
                "workload",
                format!("unknown benchmark workload \"{other}\" (use toy2d, vae8 or dcgan28)"),
            )));
        }
    };
    let (warm_up, fewest) = workload_run.plan();
    workload_run.train(warm_up).await.map_err(js_error)?;
    let start = now_seconds();
    let mut iterations = 0;
    while iterations < fewest || now_seconds() - start < MIN_SECONDS {
        workload_run
            .train(READ_BACK_EVERY)
            .await
            .map_err(js_error)?;
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
