//! The JavaScript API as the page calls it: bad input rejects with a readable message and
//! the run keeps its state.
#![cfg(target_arch = "wasm32")]

use gan_playground::wasm_api::Playground;
use wasm_bindgen_test::*;

mod common;

use common::{get, message, options};

wasm_bindgen_test_configure!(run_in_browser);

async fn cpu_playground() -> Playground {
    Playground::create(options(r#"{"backend": "cpu", "seed": 3}"#))
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn creating_with_bad_options_rejects_with_the_reason() {
    let cases = [
        (r#"{"preset": "mnist-gan"}"#, "unknown preset \"mnist-gan\""),
        (r#"{"learningRate": -0.1}"#, "learningRate"),
        (
            r#"{"seed": -1}"#,
            "invalid setting seed: must be a whole number ≥ 0, got -1",
        ),
        (r#"{"backend": "gpu"}"#, "unknown backend \"gpu\""),
        (r#"{"lerningRate": 0.1}"#, "unknown option `lerningRate`"),
        // The names offered are the ones JavaScript uses.
        (
            r#"{"lerningRate": 0.1}"#,
            "expected one of preset, seed, learningRate, engine, samples, backend",
        ),
    ];
    for (json, expected) in cases {
        let err = Playground::create(options(json))
            .await
            .err()
            .unwrap_or_else(|| panic!("{json} accepted"));
        let text = message(err);
        assert!(text.contains(expected), "{json}: {text}");
    }
}

#[wasm_bindgen_test]
async fn a_nan_learning_rate_is_refused_and_the_run_goes_on() {
    let mut pg = cpu_playground().await;
    pg.step(5.into()).await.unwrap();
    let err = pg.set_learning_rate(f64::NAN.into()).unwrap_err();
    assert!(message(err).contains("learningRate"));
    let err = pg
        .reset(options(r#"{"learningRate": -1}"#))
        .await
        .err()
        .unwrap();
    assert!(message(err).contains("learningRate"));
    let snapshot = pg.snapshot().await.unwrap();
    assert_eq!(get(&snapshot, "epoch").as_f64(), Some(5.0));
    assert_eq!(get(&snapshot, "learningRate").as_f64(), Some(0.01));
    let err = pg.set_backend("quantum".into()).await.err().unwrap();
    assert!(message(err).contains("unknown backend"));
    let err = message(pg.set_engine("magic".into()).await.err().unwrap());
    assert!(
        err.contains("setEngine(engine): engine must be \"burn\" or \"by-hand\"; got \"magic\""),
        "{err}"
    );
    // Wrong types are refused readably, not read out of bounds (a trap that killed the page).
    for (e, expected) in [
        (pg.set_backend(42.into()).await.err(), "setBackend(choice)"),
        (
            pg.set_backend(js_sys::Object::new().into()).await.err(),
            "got an object",
        ),
        (
            pg.set_backend(wasm_bindgen::JsValue::UNDEFINED).await.err(),
            "got nothing (undefined)",
        ),
        (pg.set_engine(1.into()).await.err(), "got 1"),
        (pg.step("5".into()).await.err(), "step(epochs)"),
        (
            pg.set_learning_rate("fast".into()).err(),
            "setLearningRate(learningRate)",
        ),
    ] {
        let e = message(e.expect("refused"));
        assert!(e.contains(expected), "{e:?} lacks {expected:?}");
    }
    pg.step(1.into()).await.unwrap();
    assert_eq!(
        get(&pg.snapshot().await.unwrap(), "epoch").as_f64(),
        Some(6.0)
    );
}

#[wasm_bindgen_test]
async fn a_snapshot_has_what_the_page_draws() {
    let mut pg = cpu_playground().await;
    let snapshot = pg.step(2.into()).await.unwrap();
    assert_eq!(
        get(&get(&snapshot, "preset"), "id").as_string().unwrap(),
        "slanted-faces"
    );
    // The note's result is the preset's claim, judged at epoch 1000.
    assert_eq!(
        get(&get(&get(&snapshot, "preset"), "claim"), "verdict")
            .as_string()
            .unwrap(),
        "pending"
    );
    assert_eq!(
        get(&get(&snapshot, "backend"), "kind").as_string().unwrap(),
        "cpu"
    );
    let losses = get(&snapshot, "losses");
    assert!(get(&losses, "d").as_f64().unwrap().is_finite());
    assert!(get(&losses, "g").as_f64().unwrap().is_finite());
    let samples = js_sys::Array::from(&get(&snapshot, "samples"));
    assert_eq!(samples.length(), 8);
    for s in samples.iter() {
        let pixels = js_sys::Array::from(&s);
        assert_eq!(pixels.length(), 4);
        for p in pixels.iter() {
            let p = p.as_f64().unwrap();
            assert!((0.0..=1.0).contains(&p));
        }
    }
    assert_eq!(js_sys::Array::from(&get(&snapshot, "recent")).length(), 2);
    // reset starts again at epoch 0 with the new seed, on the same backend.
    let snapshot = pg.reset(options(r#"{"seed": 4}"#)).await.unwrap();
    assert_eq!(get(&snapshot, "epoch").as_f64(), Some(0.0));
    assert_eq!(get(&snapshot, "seed").as_f64(), Some(4.0));
    assert!(get(&snapshot, "losses").is_null());
}
