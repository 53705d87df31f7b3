//! Benchmark (prints numbers, asserts nothing): epochs/s of the slanted-faces GAN natively,
//! on Burn's CPU backend and by hand, median of several runs, and the faces each ends with.
//! Run: `cargo run --example bench_slanted_faces`. Browser numbers: tests/e2e prints them.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use gan_playground::backend::{self, BackendChoice};
    use gan_playground::{Engine, SlantedFacesConfig, SlantedFacesGan};
    use pollster::block_on;

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    pub fn main() {
        const EPOCHS: u32 = 1000;
        const RUNS: usize = 5;
        for engine in [Engine::Burn, Engine::ByHand] {
            let mut rates = Vec::new();
            let mut last = None;
            for run in 0..RUNS {
                let config = SlantedFacesConfig {
                    engine,
                    seed: 42 + run as u64,
                    ..Default::default()
                };
                let mut gan =
                    SlantedFacesGan::new(config, backend::cpu(BackendChoice::Cpu, "bench"))
                        .unwrap();
                let start = Instant::now();
                block_on(gan.train(EPOCHS)).unwrap();
                rates.push(f64::from(EPOCHS) / start.elapsed().as_secs_f64());
                last = Some(block_on(gan.snapshot()).unwrap());
            }
            let s = last.unwrap();
            println!(
                "native {engine:?} (CPU): median {:.0} epochs/s over {RUNS} runs of {EPOCHS} epochs",
                median(rates)
            );
            for (z, p) in s.sample_z.iter().zip(&s.samples).take(4) {
                println!(
                    "  z={z:.3} -> [{:.3}, {:.3}, {:.3}, {:.3}]",
                    p[0], p[1], p[2], p[3]
                );
            }
            let w = s.weights;
            println!(
                "  G weights {:?} biases {:?}\n  D weights {:?} bias {:.3}",
                w.generator_weights,
                w.generator_biases,
                w.discriminator_weights,
                w.discriminator_bias
            );
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

// Browser numbers come from tests/e2e; this binary is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}
