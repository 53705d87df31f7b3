//! In the browser (`wasm-pack test --release --headless --chrome`): the slanted-faces GAN
//! trains on Burn's CPU backend and on WebGPU, and the two devices compute the same step.
#![cfg(target_arch = "wasm32")]

use gan_playground::backend::{self, BackendChoice, BackendKind, ComputeDevice};
use gan_playground::by_hand::{FaceStepGradients, HandGan};
use gan_playground::data::{FACES, check_faces, seeded};
use gan_playground::models::SlantedWeights;
use gan_playground::train::{burn_face_step_gradients, trial};
use gan_playground::{SlantedFacesConfig, SlantedFacesGan};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Gives the event loop a turn, as the page does between chunks: a page that blocks longer
/// than the test driver's request timeout (12 s) fails for that reason alone.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global: web_sys_like::Global = wasm_bindgen::JsCast::unchecked_into(js_sys::global());
        global.set_timeout(&resolve, 0);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

mod web_sys_like {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        pub type Global;
        #[wasm_bindgen(method, js_name = setTimeout)]
        pub fn set_timeout(this: &Global, handler: &js_sys::Function, timeout: i32) -> JsValue;
    }
}

/// Trains `epochs` in chunks of 20, yielding between them; prints epochs/s.
async fn train(gan: &mut SlantedFacesGan, epochs: u32) {
    let start = js_sys::Date::now();
    for _ in 0..epochs / 20 {
        gan.train(20).await.unwrap();
        yield_to_browser().await;
    }
    gan.train(epochs % 20).await.unwrap();
    let seconds = (js_sys::Date::now() - start) / 1000.0;
    console_log!(
        "{:?}: {epochs} epochs in {seconds:.1} s ({:.0} epochs/s)",
        gan.backend().kind,
        f64::from(epochs) / seconds
    );
}

async fn webgpu() -> ComputeDevice {
    backend::acquire(BackendChoice::Webgpu)
        .await
        .unwrap_or_else(|e| {
            panic!("these tests need WebGPU (chromium --enable-unsafe-webgpu): {e}")
        })
}

async fn trains_the_faces(device: ComputeDevice) {
    let kind = device.info.kind;
    let mut gan = SlantedFacesGan::new(SlantedFacesConfig::default(), device).unwrap();
    train(&mut gan, 1000).await;
    let snapshot = gan.snapshot().await.unwrap();
    assert_eq!(snapshot.backend.kind, kind);
    assert_eq!(snapshot.epoch, 1000);
    check_faces(&snapshot.samples, 0.85, 0.15).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
}

#[wasm_bindgen_test]
async fn the_faces_train_on_the_cpu_backend() {
    trains_the_faces(backend::cpu(BackendChoice::Cpu, "test")).await;
}

#[wasm_bindgen_test]
async fn the_faces_train_on_webgpu() {
    trains_the_faces(webgpu().await).await;
}

fn flat(g: &FaceStepGradients) -> Vec<f64> {
    let mut v = Vec::new();
    v.extend(g.discriminator_on_real.weights);
    v.push(g.discriminator_on_real.bias);
    v.extend(g.discriminator_on_fake.weights);
    v.push(g.discriminator_on_fake.bias);
    v.extend(g.generator.weights);
    v.extend(g.generator.biases);
    v
}

/// A failed WebGPU validation can return wrong numbers silently: one forward/backward step
/// on WebGPU must equal the same step on the CPU, and the note's derivatives.
#[wasm_bindgen_test]
async fn webgpu_and_cpu_take_the_same_step() {
    let gpu = webgpu().await;
    let cpu = backend::cpu(BackendChoice::Cpu, "test");
    let mut rng = seeded(9);
    for (i, face) in FACES.iter().enumerate() {
        let weights = SlantedWeights::random(&mut rng);
        let z = 0.15 + 0.17 * i as f32;
        let on_gpu = flat(
            &burn_face_step_gradients(&weights, face, z, 0.01, &gpu.device)
                .await
                .unwrap(),
        );
        let on_cpu = flat(
            &burn_face_step_gradients(&weights, face, z, 0.01, &cpu.device)
                .await
                .unwrap(),
        );
        let by_hand = flat(&HandGan::new(&weights).face_step(face, z.into(), 0.01).1);
        for k in 0..on_gpu.len() {
            assert!(
                (on_gpu[k] - on_cpu[k]).abs() < 1e-5,
                "face {i} grad {k}: WebGPU {} vs CPU {}",
                on_gpu[k],
                on_cpu[k]
            );
            assert!(
                (on_gpu[k] - by_hand[k]).abs() < 1e-5,
                "face {i} grad {k}: WebGPU {} vs by hand {}",
                on_gpu[k],
                by_hand[k]
            );
        }
    }
}

/// Switching device mid-run keeps the weights and the epoch, and training goes on.
#[wasm_bindgen_test]
async fn switching_backend_mid_run() {
    let mut gan = SlantedFacesGan::new(
        SlantedFacesConfig::default(),
        backend::cpu(BackendChoice::Cpu, "test"),
    )
    .unwrap();
    train(&mut gan, 300).await;
    let before = gan.weights().await.unwrap();
    gan.set_device(webgpu().await).await.unwrap();
    assert_eq!(gan.backend().kind, BackendKind::Webgpu);
    assert_eq!(gan.weights().await.unwrap(), before);
    train(&mut gan, 700).await;
    let snapshot = gan.snapshot().await.unwrap();
    assert_eq!(snapshot.epoch, 1000);
    check_faces(&snapshot.samples, 0.85, 0.15).unwrap();
}

/// `auto` takes WebGPU when the browser gives a hardware adapter, and names it; a software
/// adapter (SwiftShader, as in these tests) is slower than the CPU backend, so auto takes
/// the CPU and says why.
#[wasm_bindgen_test]
async fn auto_picks_webgpu_only_on_a_hardware_adapter() {
    let gpu = webgpu().await;
    let auto = backend::acquire(BackendChoice::Auto).await.unwrap();
    if gpu.info.fallback_adapter {
        assert_eq!(auto.info.kind, BackendKind::Cpu, "{:?}", auto.info);
        assert!(
            auto.info.reason.contains("software"),
            "{}",
            auto.info.reason
        );
        assert!(
            auto.info.reason.contains(&gpu.info.name),
            "{}",
            auto.info.reason
        );
    } else {
        assert_eq!(auto.info.kind, BackendKind::Webgpu, "{:?}", auto.info);
        assert!(auto.info.name.starts_with("WebGPU"), "{}", auto.info.name);
    }
}

/// `auto`'s trial in the browser: a twin of this run trains on WebGPU and on the CPU, the
/// reason gives both rates, and the run itself is not trained. On SwiftShader (these tests)
/// the CPU backend is the faster by far.
#[wasm_bindgen_test]
async fn auto_times_this_run_on_both_devices() {
    let gan = SlantedFacesGan::new(SlantedFacesConfig::default(), webgpu().await).unwrap();
    let cpu = backend::cpu(BackendChoice::Auto, "");
    let chosen = trial::faster(&gan, webgpu().await, cpu).await.unwrap();
    let reason = &chosen.info.reason;
    assert!(
        reason.contains("WebGPU") && reason.contains("the CPU"),
        "{reason}"
    );
    assert!(reason.contains("it/s"), "{reason}");
    if chosen.info.fallback_adapter || gan.backend().fallback_adapter {
        assert_eq!(chosen.info.kind, BackendKind::Cpu, "{reason}");
    }
    assert_eq!(gan.epoch(), 0);
}

/// The image GAN's convolutions and transposed convolutions on WebGPU: from one seed both
/// devices hold the same players and take the same first DCGAN step (small widths keep
/// SwiftShader's kernel compiles short).
#[wasm_bindgen_test]
async fn webgpu_and_cpu_take_the_same_dcgan_step() {
    use gan_playground::data::images::{ImageData, ImageSet};
    use gan_playground::train::image_gan::{ImageGan, ImageGanSettings};
    let digits = ImageSet::shipped(
        ImageData::Digits8,
        include_bytes!("../www/data/digits8x8.u8"),
        Some(include_bytes!("../www/data/digits8x8.labels.u8")),
    )
    .unwrap();
    let settings = ImageGanSettings {
        width: 8,
        noise_dim: 16,
        batch: 16,
        conditional: true,
        mismatched_pairs: true,
        ..Default::default()
    };
    let cpu = backend::cpu(BackendChoice::Cpu, "chosen");
    let mut on_cpu = ImageGan::new(settings.clone(), &digits, cpu).unwrap();
    let mut on_gpu = ImageGan::new(settings, &digits, webgpu().await).unwrap();
    let before = (on_cpu.grid().await.unwrap(), on_gpu.grid().await.unwrap());
    let gap = |a: &[f32], b: &[f32]| {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0f32, f32::max)
    };
    assert!(
        gap(&before.0, &before.1) < 1e-4,
        "{}",
        gap(&before.0, &before.1)
    );
    let losses = (
        on_cpu.train(1).await.unwrap()[0],
        on_gpu.train(1).await.unwrap()[0],
    );
    assert!((losses.0.d - losses.1.d).abs() < 1e-3, "{losses:?}");
    assert!((losses.0.g - losses.1.g).abs() < 1e-3, "{losses:?}");
    let after = (on_cpu.grid().await.unwrap(), on_gpu.grid().await.unwrap());
    assert!(
        gap(&after.0, &after.1) < 1e-3,
        "{}",
        gap(&after.0, &after.1)
    );
    assert!(gap(&before.0, &after.0) > 1e-4, "the step changed G");
}
