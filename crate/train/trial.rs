//! `auto`'s timed trial. Where the browser has a hardware WebGPU adapter, `auto` trains a
//! throwaway twin of *this* run (same settings, same seed) for a moment on each device and
//! keeps the faster. Small MLPs are often faster on the CPU even beside a real GPU: each
//! kernel launch costs more than their math; big convolutions are where the GPU wins.
//! The run itself is never trained by the trial.

use crate::backend::{self, BackendChoice, BackendInfo, BackendKind, ComputeDevice};
use crate::error::{PlaygroundError, Result};

/// How long each device trains once warm, in milliseconds.
pub const TRIAL_MS: f64 = 300.0;
/// Steps before the clock starts: the first compiles the device's kernels.
const WARM_UP: u32 = 2;

/// A run whose twin `auto` can time.
// The futures need not be Send: a run lives on one thread (wasm's, or a test's).
#[allow(async_fn_in_trait)]
pub trait Trial {
    /// What the trial trains: a fresh run with these settings.
    type Twin: Steps;
    fn backend(&self) -> &BackendInfo;
    /// A fresh run with this run's settings on `device`, for the trial to train and drop.
    fn twin_on(&self, device: &ComputeDevice) -> Result<Self::Twin>;
    /// Carries on on `device` (each run's own `set_device`).
    async fn move_to(&mut self, device: ComputeDevice) -> Result<()>;
}

/// Training that the trial can clock.
#[allow(async_fn_in_trait)]
pub trait Steps {
    /// Trains `n` iterations and waits until the device has done them (the losses are read
    /// back), so that the clock measures the work and not its queueing.
    async fn steps(&mut self, n: u32) -> Result<()>;
}

/// Milliseconds since some fixed moment.
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

/// Iterations a second of `twin` once warm, timed over about `budget_ms`.
pub async fn iterations_per_second(twin: &mut impl Steps, budget_ms: f64) -> Result<f64> {
    twin.steps(WARM_UP).await?;
    let start = now_ms();
    let (mut done, mut chunk) = (0u32, 1u32);
    loop {
        twin.steps(chunk).await?;
        done += chunk;
        let elapsed = now_ms() - start;
        if elapsed >= budget_ms {
            return Ok(f64::from(done) * 1000.0 / elapsed.max(1e-3));
        }
        // Aim the next chunk at the time left; at most double, so one slow step cannot
        // blow the budget by much.
        let each = elapsed / f64::from(done);
        let left = ((budget_ms - elapsed) / each.max(1e-3)).ceil();
        chunk = (left as u32).clamp(1, done.max(1) * 2);
    }
}

/// A measured device: its rate, or why its trial failed.
pub struct Measured {
    pub device: ComputeDevice,
    pub rate: Result<f64>,
}

fn label(kind: BackendKind) -> &'static str {
    match kind {
        BackendKind::Webgpu => "WebGPU",
        BackendKind::Cpu => "the CPU",
    }
}

/// The faster of two measured devices, its `reason` saying what was measured; an error
/// only when neither could train.
pub fn verdict(a: Measured, b: Measured) -> Result<ComputeDevice> {
    let failed = |lost: &ComputeDevice, e: &PlaygroundError, runs: &ComputeDevice| {
        format!(
            "auto: {} failed its trial ({e}), {} runs",
            label(lost.info.kind),
            label(runs.info.kind)
        )
    };
    let (mut winner, reason) = match (a.rate, b.rate) {
        (Ok(ra), Ok(rb)) => {
            let ((fast, rf), (slow, rs)) = if ra >= rb {
                ((a.device, ra), (b.device, rb))
            } else {
                ((b.device, rb), (a.device, ra))
            };
            let (f, s) = (label(fast.info.kind), label(slow.info.kind));
            let why = if fast.info.kind == BackendKind::Cpu {
                " (for layers this small, a GPU kernel launch costs more than its math)"
            } else {
                ""
            };
            let reason = format!(
                "auto: timed this run for {:.1} s on each device: {f} {rf:.0} it/s, {s} \
                 {rs:.0} it/s; {f} is {:.1}× faster{why}",
                TRIAL_MS / 1000.0,
                rf / rs.max(1e-9)
            );
            (fast, reason)
        }
        (Ok(_), Err(e)) => {
            let reason = failed(&b.device, &e, &a.device);
            (a.device, reason)
        }
        (Err(e), Ok(_)) => {
            let reason = failed(&a.device, &e, &b.device);
            (b.device, reason)
        }
        (Err(ea), Err(eb)) => {
            return Err(PlaygroundError::Device(format!(
                "auto: neither device could train: {ea}; {eb}"
            )));
        }
    };
    winner.info.reason = reason;
    Ok(winner)
}

/// Times a twin of `run` on each of two devices and returns the faster, saying why.
pub async fn faster<R: Trial>(
    run: &R,
    a: ComputeDevice,
    b: ComputeDevice,
) -> Result<ComputeDevice> {
    let measure = async |device: ComputeDevice| {
        let rate = match run.twin_on(&device) {
            Ok(mut twin) => iterations_per_second(&mut twin, TRIAL_MS).await,
            Err(e) => Err(e),
        };
        Measured { device, rate }
    };
    let a = measure(a).await;
    let b = measure(b).await;
    verdict(a, b)
}

/// After `auto` took a hardware WebGPU adapter for `run`: time it against the CPU and carry
/// on on the faster. Anything else (a choice, the CPU, a software adapter, which auto never
/// takes) is left as it is.
pub async fn settle<R: Trial>(run: &mut R) -> Result<()> {
    let info = run.backend();
    if info.choice != BackendChoice::Auto
        || info.kind != BackendKind::Webgpu
        || info.fallback_adapter
    {
        return Ok(());
    }
    let gpu = backend::acquire(BackendChoice::Auto).await?;
    let cpu = backend::cpu(BackendChoice::Auto, "");
    let chosen = faster(run, gpu, cpu).await?;
    run.move_to(chosen).await
}

// The runs: each twin is a fresh run from the same settings; the lab's is its main run's
// (its twin and views would only slow both devices alike).

use super::autoencoder::AutoencoderRun;
use super::image_gan::ImageGan;
use super::lab::Lab;
use super::slanted::SlantedFacesGan;
use super::toy::ToyGan;

impl Steps for SlantedFacesGan {
    async fn steps(&mut self, n: u32) -> Result<()> {
        self.train(n).await.map(drop)
    }
}

impl Trial for SlantedFacesGan {
    type Twin = Self;
    fn backend(&self) -> &BackendInfo {
        SlantedFacesGan::backend(self)
    }
    fn twin_on(&self, device: &ComputeDevice) -> Result<Self> {
        Self::new(self.config().clone(), device.clone())
    }
    async fn move_to(&mut self, device: ComputeDevice) -> Result<()> {
        self.set_device(device).await
    }
}

impl Steps for ToyGan {
    async fn steps(&mut self, n: u32) -> Result<()> {
        self.train(n).await.map(drop)
    }
}

impl Trial for ToyGan {
    type Twin = Self;
    fn backend(&self) -> &BackendInfo {
        ToyGan::backend(self)
    }
    fn twin_on(&self, device: &ComputeDevice) -> Result<Self> {
        Self::new(self.config().clone(), device.clone())
    }
    async fn move_to(&mut self, device: ComputeDevice) -> Result<()> {
        self.set_device(device).await
    }
}

impl Steps for AutoencoderRun {
    async fn steps(&mut self, n: u32) -> Result<()> {
        self.train(n).await.map(drop)
    }
}

impl Trial for Lab {
    type Twin = AutoencoderRun;
    fn backend(&self) -> &BackendInfo {
        Lab::backend(self)
    }
    fn twin_on(&self, device: &ComputeDevice) -> Result<AutoencoderRun> {
        self.run().fresh_on(&device.device)
    }
    async fn move_to(&mut self, device: ComputeDevice) -> Result<()> {
        self.set_device(device).await
    }
}

impl Steps for ImageGan {
    async fn steps(&mut self, n: u32) -> Result<()> {
        self.train(n).await.map(drop)
    }
}

impl Trial for ImageGan {
    type Twin = Self;
    fn backend(&self) -> &BackendInfo {
        ImageGan::backend(self)
    }
    fn twin_on(&self, device: &ComputeDevice) -> Result<Self> {
        Self::new(self.settings().clone(), self.images(), device.clone())
    }
    async fn move_to(&mut self, device: ComputeDevice) -> Result<()> {
        self.set_device(device).await
    }
}
