//! Autoencoders and VAEs in the browser: one training step is the same on WebGPU and the
//! CPU, the 2-D VAE's decoded grid and the latent scatter come back, and bad input (a data
//! file cut short, latent size 0, an empty drawing) rejects with its reason.
#![cfg(target_arch = "wasm32")]

use gan_playground::backend::{self, BackendChoice};
use gan_playground::data::images::{ImageData, ImageSet};
use gan_playground::train::autoencoder::{AutoencoderRun, AutoencoderTraining};
use gan_playground::wasm_api::AutoencoderLab;
use wasm_bindgen_test::*;

mod common;

use common::{bytes, floats, get, message, number, options};
use wasm_bindgen::JsValue;

wasm_bindgen_test_configure!(run_in_browser);

const DIGITS: &[u8] = include_bytes!("../www/data/digits8x8.u8");
const LABELS: &[u8] = include_bytes!("../www/data/digits8x8.labels.u8");

#[wasm_bindgen_test]
async fn one_vae_step_is_the_same_on_webgpu_and_cpu() {
    let images = ImageSet::shipped(ImageData::Digits8, DIGITS, Some(LABELS)).unwrap();
    let cpu = backend::acquire(BackendChoice::Cpu).await.unwrap();
    let gpu = backend::acquire(BackendChoice::Webgpu)
        .await
        .unwrap_or_else(|e| panic!("these tests need WebGPU (--enable-unsafe-webgpu): {e}"));
    let mut a = AutoencoderRun::new(AutoencoderTraining::vae8(), &images, &cpu.device).unwrap();
    let mut b = AutoencoderRun::new(AutoencoderTraining::vae8(), &images, &gpu.device).unwrap();
    let (la, lb) = (a.train(1).await.unwrap(), b.train(1).await.unwrap());
    let close = |x: f32, y: f32| (x - y).abs() <= 1e-4 * (1.0 + x.abs());
    assert!(close(la[0].total, lb[0].total), "{la:?} vs {lb:?}");
    let probe = images.rows(&[0, 1, 2]);
    let (ra, rb) = (
        a.reconstruct(&probe).await.unwrap(),
        b.reconstruct(&probe).await.unwrap(),
    );
    for (x, y) in ra.iter().zip(&rb) {
        assert!(close(*x, *y), "after one step: {x} vs {y}");
    }
}

/// The convolutional autoencoder's step, through convolutions and transposed ones.
#[wasm_bindgen_test]
async fn one_convolutional_step_is_the_same_on_webgpu_and_cpu() {
    let images = ImageSet::shipped(ImageData::Digits8, DIGITS, Some(LABELS)).unwrap();
    let cpu = backend::acquire(BackendChoice::Cpu).await.unwrap();
    let gpu = backend::acquire(BackendChoice::Webgpu)
        .await
        .unwrap_or_else(|e| panic!("these tests need WebGPU (--enable-unsafe-webgpu): {e}"));
    let config = AutoencoderTraining {
        conv: true,
        ..Default::default()
    };
    let mut a = AutoencoderRun::new(config.clone(), &images, &cpu.device).unwrap();
    let mut b = AutoencoderRun::new(config, &images, &gpu.device).unwrap();
    let (la, lb) = (a.train(1).await.unwrap(), b.train(1).await.unwrap());
    let close = |x: f32, y: f32| (x - y).abs() <= 1e-4 * (1.0 + x.abs());
    assert!(close(la[0].total, lb[0].total), "{la:?} vs {lb:?}");
    let probe = images.rows(&[0, 1, 2]);
    let (ra, rb) = (
        a.reconstruct(&probe).await.unwrap(),
        b.reconstruct(&probe).await.unwrap(),
    );
    for (x, y) in ra.iter().zip(&rb) {
        assert!(close(*x, *y), "after one step: {x} vs {y}");
    }
}

/// The views the page builds from one lab: a picked image, the path between two, a decoded
/// z, the worst reconstructions, PCA's line, and the VAE's samples beside its twin's with
/// the shipped classifier's verdicts.
#[wasm_bindgen_test]
async fn the_lab_answers_the_views_questions() {
    let mut lab = AutoencoderLab::create(
        options(
            r#"{"backend": "cpu", "variational": true, "twin": true, "latent": 2, "loss": "bce"}"#,
        ),
        bytes(DIGITS),
        bytes(LABELS),
    )
    .await
    .unwrap();
    lab.step(300.into()).await.unwrap();
    let s = lab.snapshot().await.unwrap();
    let worst = js_sys::Array::from(&get(&s, "worst"));
    assert_eq!(worst.length(), 8);
    let errors: Vec<f64> = js_sys::Array::from(&get(&s, "heldOutErrors"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let top = errors.iter().copied().fold(0.0, f64::max);
    assert!((number(&worst.get(0), "error") - top).abs() < 1e-6);
    assert!(number(&get(&s, "heldOutLosses"), "0.total") > 0.0);
    let curve = js_sys::Array::from(&get(&s, "pcaCurve"));
    assert!(curve.length() >= 10, "{}", curve.length());
    assert_eq!(get(&s, "generation.variational").as_bool(), Some(true));
    assert_eq!(get(&s, "twin.variational").as_bool(), Some(false));
    assert_eq!(number(&s, "twin.iteration"), 300.0);
    assert!(number(&s, "generation.verdict.meanConfidence") > 0.1);
    assert_eq!(
        js_sys::Array::from(&get(&s, "generation.samples")).length(),
        16
    );

    let picked = lab.image(5.into()).await.unwrap();
    assert_eq!(number(&picked, "index"), 5.0);
    assert_eq!(js_sys::Array::from(&get(&picked, "code")).length(), 2);
    assert!((number(&picked, "error") - errors[5]).abs() < 1e-3 * (1.0 + errors[5]));
    let path = js_sys::Array::from(&lab.interpolate(5.into(), 9.into(), 6.into()).await.unwrap());
    assert_eq!(path.length(), 6);
    // The path starts and ends on the two images' reconstructions.
    let first = js_sys::Float32Array::new(&path.get(0)).to_vec();
    let back: Vec<f32> = js_sys::Array::from(&get(&picked, "reconstruction"))
        .iter()
        .map(|v| v.as_f64().unwrap() as f32)
        .collect();
    for (x, y) in first.iter().zip(&back) {
        assert!((x - y).abs() < 1e-4, "{x} vs {y}");
    }
    assert_eq!(lab.decode(floats(&[0.5, -1.0])).await.unwrap().len(), 64);
}

#[wasm_bindgen_test]
async fn the_vae_lab_draws_its_grid_and_latent_space() {
    let mut lab = AutoencoderLab::create(
        options(r#"{"backend": "cpu", "variational": true, "latent": 2, "loss": "bce"}"#),
        bytes(DIGITS),
        bytes(LABELS),
    )
    .await
    .unwrap();
    lab.step(200.into()).await.unwrap();
    let snapshot = lab.snapshot().await.unwrap();
    assert_eq!(get(&snapshot, "iteration").as_f64(), Some(200.0));
    let grid = js_sys::Array::from(&get(&snapshot, "grid"));
    assert_eq!(grid.length(), 144);
    let points = js_sys::Array::from(&get(&snapshot, "latentPoints"));
    assert_eq!(points.length(), 300);
    assert_eq!(get(&snapshot, "compression").as_f64(), Some(32.0));
    let pca = get(&get(&snapshot, "pca"), "meanSquared").as_f64().unwrap();
    assert!(pca > 0.0);
    // A drawn "1": a vertical stroke.
    let mut drawing = vec![0f32; 64];
    for row in 1..7 {
        drawing[row * 8 + 4] = 1.0;
    }
    let scored = lab.score(floats(&drawing)).await.unwrap();
    assert!(get(&scored, "score").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
async fn bad_autoencoder_input_is_refused() {
    let cut = AutoencoderLab::create(
        options(r#"{"backend": "cpu"}"#),
        bytes(&DIGITS[..1000]),
        JsValue::UNDEFINED,
    )
    .await
    .err()
    .expect("a cut file is refused");
    assert!(message(cut).contains("cut short"));
    let zero = AutoencoderLab::create(
        options(r#"{"backend": "cpu", "latent": 0}"#),
        bytes(DIGITS),
        JsValue::UNDEFINED,
    )
    .await
    .err()
    .expect("latent 0 is refused");
    assert!(message(zero).contains("latent"));
    let misspelt = AutoencoderLab::create(
        options(r#"{"backend": "cpu", "noise_level": 0.2}"#),
        bytes(DIGITS),
        JsValue::UNDEFINED,
    )
    .await
    .err()
    .expect("a misspelt option is refused");
    let text = message(misspelt);
    assert!(
        text.contains("unknown option `noise_level`") && text.contains("noiseLevel"),
        "{text}"
    );
    let mut lab = AutoencoderLab::create(
        options(r#"{"backend": "cpu"}"#),
        bytes(DIGITS),
        JsValue::UNDEFINED,
    )
    .await
    .unwrap();
    lab.step(10.into()).await.unwrap();
    let empty = lab
        .score(floats(&[0.0; 64]))
        .await
        .expect_err("empty drawing");
    assert!(message(empty).contains("the drawing is empty"));
    let short = lab.score(floats(&[0.5; 10])).await.expect_err("wrong size");
    assert!(message(short).contains("a list of 64 finite numbers"));
    // Whatever JavaScript passes, the message names the call, the argument, what was given
    // and what is allowed (wasm-bindgen alone read 'a', NaN and 2³² as image 0).
    let snapshot = lab.snapshot().await.unwrap();
    let held_out = js_sys::Array::from(&get(&snapshot, "heldOutErrors")).length();
    let last = format!("from 0 to {}", held_out - 1);
    for (e, expected) in [
        (
            lab.image(300.into()).await.err(),
            vec!["image(index)", &last, "got 300"],
        ),
        (
            lab.image("a".into()).await.err(),
            vec!["image(index)", "got \"a\""],
        ),
        (lab.image(f64::NAN.into()).await.err(), vec!["got NaN"]),
        (
            lab.image(2f64.powi(32).into()).await.err(),
            vec!["got 4294967296"],
        ),
        (lab.image(1.5.into()).await.err(), vec!["got 1.5"]),
        (
            lab.interpolate(0.into(), 1.into(), 1.into()).await.err(),
            vec!["interpolate(steps)", "from 2 to 32", "got 1"],
        ),
        (
            lab.interpolate(0.into(), 999.into(), 5.into()).await.err(),
            vec!["interpolate(b)", "got 999"],
        ),
        (
            lab.decode(floats(&[0.0; 3])).await.err(),
            vec![
                "decode(z)",
                "a list of 8 finite numbers",
                "got a Float32Array of 3",
            ],
        ),
        (
            lab.decode(floats(&[f32::NAN; 8])).await.err(),
            vec!["a list of 8 finite numbers", "got NaN at index 0"],
        ),
        (lab.decode("zzz".into()).await.err(), vec!["got \"zzz\""]),
        (lab.step((-1).into()).await.err(), vec!["step(n)", "got -1"]),
        (
            lab.set_backend(42.into()).await.err(),
            vec!["setBackend(choice)", "got 42"],
        ),
        (
            lab.set_backend(JsValue::UNDEFINED).await.err(),
            vec!["setBackend(choice)", "got nothing (undefined)"],
        ),
    ] {
        let e = message(e.expect("refused"));
        for part in expected {
            assert!(e.contains(part), "{e:?} lacks {part:?}");
        }
    }
    let snapshot = lab.snapshot().await.unwrap();
    assert_eq!(get(&snapshot, "iteration").as_f64(), Some(10.0));
}

/// The lab (with its twin) switches device live: the decoder draws the same images from the
/// same codes on either device, and training goes on.
#[wasm_bindgen_test]
async fn a_running_lab_switches_backend_and_back() {
    let mut lab = AutoencoderLab::create(
        options(r#"{"backend": "cpu", "variational": true, "twin": true, "latent": 2}"#),
        bytes(DIGITS),
        bytes(LABELS),
    )
    .await
    .unwrap();
    lab.step(20.into()).await.unwrap();
    let z = vec![0.5f32, -1.0];
    let before = lab.decode(floats(&z)).await.unwrap();
    let info = lab.set_backend("webgpu".into()).await.unwrap();
    assert_eq!(get(&info, "kind").as_string().as_deref(), Some("webgpu"));
    let on_gpu = lab.decode(floats(&z)).await.unwrap();
    for (x, y) in before.iter().zip(&on_gpu) {
        assert!(
            (x - y).abs() <= 1e-4,
            "decoded {x} on the CPU, {y} on WebGPU"
        );
    }
    lab.step(2.into()).await.unwrap();
    lab.set_backend("cpu".into()).await.unwrap();
    lab.step(5.into()).await.unwrap();
    let s = lab.snapshot().await.unwrap();
    assert_eq!(number(&s, "iteration"), 27.0);
    assert_eq!(number(&s, "twin.iteration"), 27.0);
    assert_eq!(get(&s, "backend.kind").as_string().as_deref(), Some("cpu"));
}
