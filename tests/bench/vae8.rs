//! Benchmark (prints numbers, asserts nothing): iterations/s of the "vae8" workload natively
//! on Burn's CPU backend — 8×8 digits (/255), encoder 64→128→(μ 2, ln σ² 2), decoder
//! 2→128→64 sigmoid, ReLU, batch 128, BCE summed over pixels + KL, mean over the batch,
//! Adam 1e-3, losses read back every 10 iterations. Median of 5 runs.
//! Run: `cargo run --example bench_vae8`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::Instant;

    use burn::tensor::Device;
    use gan_playground::data::images::{ImageData, ImageSet};
    use gan_playground::train::autoencoder::{AutoencoderRun, AutoencoderTraining};
    use pollster::block_on;

    const ITERATIONS: u32 = 500;
    let images = ImageSet::shipped(
        ImageData::Digits8,
        include_bytes!("../../www/data/digits8x8.u8"),
        None,
    )
    .unwrap();
    let device = Device::flex().autodiff();
    let mut rates: Vec<f64> = (0..5)
        .map(|run| {
            let config = AutoencoderTraining {
                seed: run,
                ..AutoencoderTraining::vae8()
            };
            let mut vae = AutoencoderRun::new(config, &images, &device).unwrap();
            block_on(vae.train(10)).unwrap(); // warm-up
            let start = Instant::now();
            for _ in 0..ITERATIONS / 10 {
                block_on(vae.train(10)).unwrap();
            }
            f64::from(ITERATIONS) / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "vae8 native CPU (Burn flex): median {:.0} iterations/s over 5 runs of {ITERATIONS}",
        rates[2]
    );
}

// Browser numbers come from `window.playground.bench("vae8", {backend})`.
#[cfg(target_arch = "wasm32")]
fn main() {}
