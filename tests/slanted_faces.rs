//! The slanted-faces GAN natively, on Burn's CPU backend and by hand.
#![cfg(not(target_arch = "wasm32"))]

use gan_playground::backend::{self, BackendChoice, BackendKind};
use gan_playground::by_hand::HandGan;
use gan_playground::data::{FACES, check_faces, seeded};
use gan_playground::models::SlantedWeights;
use gan_playground::train::burn_face_step_gradients;
use gan_playground::{Engine, PlaygroundError, SlantedFacesConfig, SlantedFacesGan};
use pollster::block_on;

fn cpu() -> backend::ComputeDevice {
    backend::cpu(BackendChoice::Cpu, "test")
}

fn assert_close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 1e-5, "{what}: Burn {a} vs by hand {b}");
}

/// From the same weights, face and z, one step of Burn's autodiff takes the same three
/// gradients as the note's hand-derived partial derivatives.
#[test]
fn burn_gradients_equal_the_notes_derivatives() {
    let mut rng = seeded(3);
    for trial in 0..5 {
        let weights = SlantedWeights::random(&mut rng);
        let face = FACES[trial % FACES.len()];
        let z = 0.1 + 0.2 * trial as f32;
        let burn = block_on(burn_face_step_gradients(
            &weights,
            &face,
            z,
            0.01,
            &cpu().device,
        ))
        .unwrap();
        let (_, hand) = HandGan::new(&weights).face_step(&face, z.into(), 0.01);
        for i in 0..4 {
            let at = |s: &str| format!("trial {trial} {s}[{i}]");
            assert_close(
                burn.discriminator_on_real.weights[i],
                hand.discriminator_on_real.weights[i],
                &at("D real w"),
            );
            assert_close(
                burn.discriminator_on_fake.weights[i],
                hand.discriminator_on_fake.weights[i],
                &at("D fake w"),
            );
            assert_close(
                burn.generator.weights[i],
                hand.generator.weights[i],
                &at("G w"),
            );
            assert_close(
                burn.generator.biases[i],
                hand.generator.biases[i],
                &at("G b"),
            );
        }
        assert_close(
            burn.discriminator_on_real.bias,
            hand.discriminator_on_real.bias,
            "D real b",
        );
        assert_close(
            burn.discriminator_on_fake.bias,
            hand.discriminator_on_fake.bias,
            "D fake b",
        );
    }
}

fn train_1000(engine: Engine, seed: u64) -> SlantedFacesGan {
    let config = SlantedFacesConfig {
        engine,
        seed,
        ..Default::default()
    };
    let mut gan = SlantedFacesGan::new(config, cpu()).unwrap();
    block_on(gan.train(1000)).unwrap();
    gan
}

/// After the note's 1000 epochs, the generator draws faces: dark diagonal, light elsewhere.
#[test]
fn burn_on_the_cpu_trains_the_faces() {
    for seed in [42, 7] {
        let mut gan = train_1000(Engine::Burn, seed);
        assert_eq!(gan.epoch(), 1000);
        let snapshot = block_on(gan.snapshot()).unwrap();
        assert_eq!(snapshot.backend.kind, BackendKind::Cpu);
        check_faces(&snapshot.samples, 0.85, 0.15).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        // The page shows the note's result as the preset's claim, met on this run.
        let claim = &snapshot.preset.claim;
        assert!(claim.verdict.is_met(), "seed {seed}: {claim:?}");
        // The generator's error settles: the last epochs barely move.
        let h = gan.history();
        let late: Vec<f32> = h[900..].iter().map(|l| l.g).collect();
        let spread = late.iter().cloned().fold(f32::MIN, f32::max)
            - late.iter().cloned().fold(f32::MAX, f32::min);
        assert!(spread < 0.5, "G's error still swings by {spread}");
    }
}

/// The by-hand engine from the same seed follows the same run as Burn's.
#[test]
fn by_hand_and_burn_follow_the_same_run() {
    let mut hand = train_1000(Engine::ByHand, 42);
    let mut burn = train_1000(Engine::Burn, 42);
    let (h, b) = (
        block_on(hand.weights()).unwrap(),
        block_on(burn.weights()).unwrap(),
    );
    for (x, y) in h.all().zip(b.all()) {
        assert!((x - y).abs() < 1e-2, "by hand {h:?}\nBurn {b:?}");
    }
    let s = block_on(hand.snapshot()).unwrap();
    check_faces(&s.samples, 0.85, 0.15).unwrap();
}

/// Switching engines mid-run keeps the weights and the epoch.
#[test]
fn switching_engine_mid_run_keeps_the_state() {
    let mut gan = train_1000(Engine::Burn, 11);
    let before = block_on(gan.weights()).unwrap();
    block_on(gan.set_engine(Engine::ByHand)).unwrap();
    assert_eq!(block_on(gan.weights()).unwrap(), before);
    block_on(gan.train(10)).unwrap();
    assert_eq!(gan.epoch(), 1010);
}

/// A run that overflows is refused and rolled back, with a message that says so.
#[test]
fn divergence_is_an_error_and_keeps_the_last_good_weights() {
    let mut weights = SlantedWeights::hand_made();
    weights.discriminator_weights = [3e38, -3e38, -3e38, 3e38];
    let config = SlantedFacesConfig::default();
    let mut gan = SlantedFacesGan::with_weights(config, cpu(), weights).unwrap();
    let err = block_on(gan.train(3)).unwrap_err();
    assert!(matches!(err, PlaygroundError::Diverged { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("weights from before this step were kept")
    );
    assert_eq!(gan.epoch(), 0);
    assert_eq!(block_on(gan.weights()).unwrap(), weights);
}

/// Bad settings are errors with the setting's name, and a live change is checked too.
#[test]
fn bad_settings_are_clear_errors() {
    let config = SlantedFacesConfig {
        learning_rate: -0.5,
        ..Default::default()
    };
    let err = SlantedFacesGan::new(config, cpu())
        .err()
        .expect("negative learning rate refused");
    assert!(err.to_string().contains("learningRate"), "{err}");
    let mut gan = SlantedFacesGan::new(SlantedFacesConfig::default(), cpu()).unwrap();
    assert!(gan.set_learning_rate(f64::NAN).is_err());
    assert_eq!(gan.config().learning_rate, 0.01);
    assert!(block_on(gan.train(1_000_000)).is_err());
}

/// Natively there is no WebGPU: asking for it is an error; auto falls back and says why.
#[test]
fn backend_choice_without_webgpu() {
    let err = block_on(backend::acquire(BackendChoice::Webgpu))
        .err()
        .expect("no WebGPU natively");
    assert!(err.to_string().contains("WebGPU is not available"), "{err}");
    let auto = block_on(backend::acquire(BackendChoice::Auto)).unwrap();
    assert_eq!(auto.info.kind, BackendKind::Cpu);
    assert!(
        auto.info.reason.starts_with("auto:"),
        "{}",
        auto.info.reason
    );
    assert!("gpu".parse::<BackendChoice>().is_err());
}

/// The snapshot carries the next step's gradients both ways, for the page to show side by
/// side: they agree, after training too.
#[test]
fn the_snapshot_shows_burns_and_the_notes_gradients_agreeing() {
    let mut gan = SlantedFacesGan::new(SlantedFacesConfig::default(), cpu()).unwrap();
    block_on(gan.train(50)).unwrap();
    let check = block_on(gan.snapshot()).unwrap().gradients;
    assert_eq!(check.burn.values().len(), 18);
    assert!(check.largest_difference < 1e-5, "{check:?}");
    assert!(
        check.by_hand.values().iter().any(|g| g.abs() > 1e-3),
        "{check:?}"
    );
}

/// Before the note's 1000 epochs the claim waits for its budget.
#[test]
fn the_notes_claim_is_judged_at_epoch_1000() {
    let mut gan = SlantedFacesGan::new(SlantedFacesConfig::default(), cpu()).unwrap();
    block_on(gan.train(10)).unwrap();
    let preset = block_on(gan.snapshot()).unwrap().preset;
    assert_eq!(preset.id, "slanted-faces");
    assert_eq!(preset.claim.budget, 1000);
    assert!(
        matches!(
            preset.claim.verdict,
            gan_playground::presets::Verdict::Pending { .. }
        ),
        "{preset:?}"
    );
}
