//! Benchmark (prints numbers, asserts nothing): iterations/s of the "toy2d" workload
//! natively on Burn's CPU backend — ring of 8, 2-D Gaussian z, G 2→64→64→2 and
//! D 2→64→64→1 (ReLU), batch 256, Adam 1e-3 (β 0.5, 0.999), 1 D + 1 G step per iteration,
//! losses read back every 10 iterations. Median of 5 runs.
//! Run: `cargo run --example bench_toy2d`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::Instant;

    use gan_playground::backend::{self, BackendChoice};
    use gan_playground::train::game_settings::ToyGanConfig;
    use gan_playground::train::toy::ToyGan;
    use pollster::block_on;

    const ITERATIONS: u32 = 300;
    let cpu = backend::cpu(BackendChoice::Cpu, "chosen");
    let mut rates: Vec<f64> = (0..5)
        .map(|run| {
            let mut gan = ToyGan::new(
                ToyGanConfig {
                    seed: run,
                    ..Default::default()
                },
                cpu.clone(),
            )
            .unwrap();
            block_on(gan.train(10)).unwrap(); // warm-up
            let start = Instant::now();
            for _ in 0..ITERATIONS / 10 {
                block_on(gan.train(10)).unwrap();
            }
            f64::from(ITERATIONS) / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "toy2d native CPU (Burn flex): median {:.0} iterations/s over 5 runs of {ITERATIONS}",
        rates[2]
    );
}

// Browser numbers will come from `window.playground.bench`; this binary is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}
