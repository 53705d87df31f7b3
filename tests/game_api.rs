//! The 1-D and 2-D games in the browser: WebGPU and the CPU play the same game, the API
//! reports covered modes, and bad input (an empty drawing, a CSV with text, 10,000 hidden
//! units) rejects with a readable message while the previous run stays as it was.
#![cfg(target_arch = "wasm32")]

use gan_playground::backend::{self, BackendChoice};
use gan_playground::train::game_settings::ToyGanConfig;
use gan_playground::train::toy::ToyGan;
use gan_playground::wasm_api::MinimaxGame;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod common;

use common::{get, message, number, options};

wasm_bindgen_test_configure!(run_in_browser);

/// Trains in chunks of 25 iterations, giving the event loop a turn between them.
async fn play(game: &mut MinimaxGame, iterations: u32) {
    for _ in 0..iterations / 25 {
        game.step(25.into()).await.unwrap();
        let tick = js_sys::Promise::resolve(&JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn the_ring_game_reports_covered_modes() {
    let mut game = MinimaxGame::create(options(r#"{"backend": "cpu", "seed": 3}"#))
        .await
        .unwrap();
    play(&mut game, 1500).await;
    let snapshot = game.snapshot().await.unwrap();
    assert_eq!(number(&snapshot, "iteration"), 1500.0);
    assert_eq!(number(&snapshot, "metrics.modes.totalModes"), 8.0);
    let covered = number(&snapshot, "metrics.modes.modesCovered");
    console_log!(
        "after 1500 iterations: {covered} of 8 modes, {:.0} % high quality, JS {:.3}, W1 {:.3}",
        100.0 * number(&snapshot, "metrics.modes.highQualityFraction"),
        number(&snapshot, "metrics.js"),
        number(&snapshot, "metrics.w1"),
    );
    // Measured: 6 of 8 modes, 12 % high quality (the log shows when the test fails).
    assert!(covered >= 3.0, "{covered} modes");
    let history = game.history(JsValue::UNDEFINED).unwrap();
    assert_eq!(js_sys::Array::from(&get(&history, "losses")).length(), 1500);
}

/// One seed, one game: WebGPU and the CPU start from the same weights and data, so the
/// first view and ten iterations' losses agree.
#[wasm_bindgen_test]
async fn webgpu_and_cpu_play_the_same_game() {
    let cpu = backend::acquire(BackendChoice::Cpu).await.unwrap();
    let gpu = backend::acquire(BackendChoice::Webgpu)
        .await
        .unwrap_or_else(|e| panic!("these tests need WebGPU (--enable-unsafe-webgpu): {e}"));
    let mut on_cpu = ToyGan::new(ToyGanConfig::default(), cpu).unwrap();
    let mut on_gpu = ToyGan::new(ToyGanConfig::default(), gpu).unwrap();
    let (a, b) = (on_cpu.view().await.unwrap(), on_gpu.view().await.unwrap());
    let close = |x: f64, y: f64, tol: f64| (x - y).abs() <= tol * (1.0 + x.abs());
    for (p, q) in a.fake.iter().zip(&b.fake) {
        assert!(
            close(p[0], q[0], 1e-4) && close(p[1], q[1], 1e-4),
            "{p:?} vs {q:?}"
        );
    }
    for (p, q) in a.field.values.iter().zip(&b.field.values) {
        assert!(close(f64::from(*p), f64::from(*q), 1e-4), "{p} vs {q}");
    }
    let (la, lb) = (
        on_cpu.train(10).await.unwrap(),
        on_gpu.train(10).await.unwrap(),
    );
    for (x, y) in la.iter().zip(&lb) {
        let (x, y) = (x.d.unwrap(), y.d.unwrap());
        assert!(close(f64::from(x), f64::from(y), 1e-3), "D loss {x} vs {y}");
    }
}

#[wasm_bindgen_test]
async fn bad_input_leaves_the_previous_game() {
    let mut game = MinimaxGame::create(options(r#"{"backend": "cpu", "data": "two-moons"}"#))
        .await
        .unwrap();
    game.step(20.into()).await.unwrap();
    let cases = [
        (
            r#"{"data": "points", "points": []}"#,
            "the drawing has no points",
        ),
        (
            r#"{"csv": "x,y\n0.5,1\nhello,2\n"}"#,
            "line 3: \"hello\" is not a number",
        ),
        (
            r#"{"generatorHidden": [10000]}"#,
            "every layer needs 1 to 256 units, got 10000",
        ),
        (r#"{"noiseDim": 0}"#, "noiseDim"),
        (r#"{"objective": "wgan", "clip": -1}"#, "clip"),
        (r#"{"data": "spiral", "lr": 1}"#, "unknown option `lr`"),
        // Huge coordinates (which padded the view to ±inf and panicked in the histogram, or
        // diverged at iteration 1 with the wrong advice) are refused with what to do.
        (
            r#"{"data": "points", "points": [[1e308, 1e308], [-1e308, 1e308]]}"#,
            "outside ±100",
        ),
        (
            r#"{"csv": "1e308,1e308\n-1e308,1e308\n"}"#,
            "rescale the data",
        ),
        (
            r#"{"csv": "3e38,0\n0,1\n"}"#,
            "line 1: \"3e38\" is outside ±100",
        ),
        // Types in the page's words, naming the setting.
        (
            r#"{"batch": "a"}"#,
            "invalid setting batch: must be a whole number ≥ 0, got \"a\"",
        ),
        (
            r#"{"dSteps": -5}"#,
            "invalid setting dSteps: must be a whole number ≥ 0, got -5",
        ),
    ];
    for (json, expected) in cases {
        let err = game
            .reset(options(json))
            .await
            .err()
            .unwrap_or_else(|| panic!("{json} accepted"));
        let text = message(err);
        assert!(text.contains(expected), "{json}: {text}");
    }
    let err = game.configure(options(r#"{"data": "ring"}"#)).unwrap_err();
    assert!(message(err).contains("need a reset"));
    // A bad clip is refused even under an objective that does not use it (it was dropped).
    let err = game.configure(options(r#"{"clip": -1}"#)).unwrap_err();
    assert!(message(err).contains("invalid setting clip: must be a number > 0, got -1"));
    let err = message(game.configure(options(r#"{"batch": "many"}"#)).unwrap_err());
    assert!(err.contains("invalid setting batch"), "{err}");
    let err = game.configure(42.into()).unwrap_err();
    assert!(message(err).contains("configure(options): options must be an object of settings"));
    for (e, expected) in [
        (
            game.set_backend(42.into()).await.err(),
            "setBackend(choice): choice must be \"auto\", \"webgpu\" or \"cpu\"; got 42",
        ),
        (
            game.set_backend(js_sys::Object::new().into()).await.err(),
            "got an object",
        ),
        (
            game.set_backend(JsValue::UNDEFINED).await.err(),
            "got nothing (undefined)",
        ),
        (
            game.step("ten".into()).await.err(),
            "step(n): n must be a whole number from 0 to 100000; got \"ten\"",
        ),
        (game.step_d((-1).into()).await.err(), "stepD(n)"),
        (
            game.step_g(f64::INFINITY.into()).await.err(),
            "got Infinity",
        ),
    ] {
        let e = message(e.expect("refused"));
        assert!(e.contains(expected), "{e:?} lacks {expected:?}");
    }
    let err = message(MinimaxGame::create(42.into()).await.err().unwrap());
    assert!(
        err.contains("create(options): options must be an object of settings")
            && err.ends_with("got 42"),
        "{err}"
    );
    let snapshot = game.snapshot().await.unwrap();
    assert_eq!(number(&snapshot, "iteration"), 20.0);
    assert_eq!(
        get(&snapshot, "config.data").as_string().unwrap(),
        "two-moons"
    );
    game.step(5.into()).await.unwrap();
    // A good drawing is taken, and a live change keeps the iteration.
    let snapshot = game
        .reset(options(r#"{"points": [[0, 0], [1, 1], [2, 0]]}"#))
        .await
        .unwrap();
    assert_eq!(get(&snapshot, "config.pointCount").as_f64(), Some(3.0));
    game.step(5.into()).await.unwrap();
    game.configure(options(r#"{"objective": "lsgan", "dSteps": 3}"#))
        .unwrap();
    let snapshot = game.snapshot().await.unwrap();
    assert_eq!(number(&snapshot, "iteration"), 5.0);
    assert_eq!(get(&snapshot, "field.kind").as_string().unwrap(), "lsgan");
}

/// Play, switch, keep playing, switch back (the switch that used to panic with "graph tape
/// has already been consumed" or "Failed to read tensor data synchronously"): the weights
/// cross intact both ways and the run goes on from its iteration.
#[wasm_bindgen_test]
async fn a_running_game_switches_backend_and_back() {
    let small = ToyGanConfig {
        generator_hidden: vec![16],
        discriminator_hidden: vec![16],
        batch: 64,
        ..ToyGanConfig::default()
    };
    let cpu = backend::acquire(BackendChoice::Cpu).await.unwrap();
    let gpu = backend::acquire(BackendChoice::Webgpu).await.unwrap();
    let mut gan = ToyGan::new(small, cpu.clone()).unwrap();
    gan.train(20).await.unwrap();
    let (g, d) = (
        gan.generator_weights().await.unwrap(),
        gan.discriminator_weights().await.unwrap(),
    );
    gan.set_device(gpu).await.unwrap();
    assert_eq!(gan.generator_weights().await.unwrap(), g);
    assert_eq!(gan.discriminator_weights().await.unwrap(), d);
    let losses = gan.train(10).await.unwrap();
    assert!(losses.iter().all(|l| l.d.unwrap().is_finite()));
    let g = gan.generator_weights().await.unwrap();
    gan.set_device(cpu).await.unwrap();
    assert_eq!(gan.generator_weights().await.unwrap(), g);
    gan.train(10).await.unwrap();
    assert_eq!(gan.iteration(), 40);

    // The same through the API the page calls, between chunks of play.
    let mut game = MinimaxGame::create(options(
        r#"{"backend": "cpu", "generatorHidden": [16], "discriminatorHidden": [16], "batch": 64}"#,
    ))
    .await
    .unwrap();
    play(&mut game, 25).await;
    for choice in ["webgpu", "cpu", "auto", "cpu"] {
        let info = game.set_backend(choice.into()).await.unwrap();
        assert_eq!(get(&info, "choice").as_string().as_deref(), Some(choice));
        play(&mut game, 25).await;
    }
    let snapshot = game.snapshot().await.unwrap();
    assert_eq!(number(&snapshot, "iteration"), 125.0);
    assert_eq!(
        get(&snapshot, "backend.kind").as_string().as_deref(),
        Some("cpu")
    );
}

/// The device-free helpers check their arguments too: a number where text is due used to
/// read memory out of bounds (a trap), 65536 × 65536 wrapped to an empty table (a panic),
/// and −1 rows read as 4294967295.
#[wasm_bindgen_test]
fn the_helpers_refuse_wrong_types_and_sizes_readably() {
    use gan_playground::wasm_api::game::{dirac_field, parse_points, payoff_analysis};
    let empty = || JsValue::from(js_sys::Array::new());
    for (e, expected) in [
        (
            parse_points(42.into(), 2.into()).err(),
            "parsePoints(csv): csv must be the text of a CSV file; got 42",
        ),
        (
            parse_points("1,2".into(), 3.into()).err(),
            "parsePoints(dims)",
        ),
        (
            payoff_analysis(65536.into(), 65536.into(), empty()).err(),
            "payoffAnalysis(rows): rows must be a whole number from 1 to 100; got 65536",
        ),
        (
            payoff_analysis((-1).into(), 2.into(), empty()).err(),
            "got -1",
        ),
        (
            payoff_analysis(2.into(), 2.into(), empty()).err(),
            "a list of 4 finite numbers; got a list of 0",
        ),
        (
            dirac_field(7.into(), 0.into(), 17.into(), 3.into()).err(),
            "diracField(objective)",
        ),
        (
            dirac_field("wgan".into(), 0.into(), 17.into(), "far".into()).err(),
            "diracField(extent)",
        ),
    ] {
        let e = message(e.expect("refused"));
        assert!(e.contains(expected), "{e:?} lacks {expected:?}");
    }
    let table = payoff_analysis(
        2.into(),
        2.into(),
        js_sys::Float64Array::from(&[3.0, 1.0, 4.0, 2.0][..]).into(),
    )
    .unwrap();
    assert_eq!(number(&table, "maximin.value"), 2.0);
}

#[wasm_bindgen_test]
async fn bench_refuses_a_wrong_workload_type() {
    use gan_playground::wasm_api::bench::bench;
    let e = bench(42.into(), JsValue::UNDEFINED, JsValue::UNDEFINED)
        .await
        .err()
        .unwrap();
    assert!(
        message(e).contains(
            "bench(workload): workload must be \"toy2d\", \"vae8\" or \"dcgan28\"; got 42"
        )
    );
    let e = bench("toy2d".into(), 7.into(), JsValue::UNDEFINED)
        .await
        .err()
        .unwrap();
    assert!(message(e).contains("bench(backend)"));
}

/// A preset named in the options is its settings; the snapshot says which preset a run is,
/// with its claim (pending until the run has the iterations it needs), and a change by hand
/// makes it no preset.
#[wasm_bindgen_test]
async fn a_preset_run_carries_its_claim() {
    use gan_playground::wasm_api::game::game_presets;
    assert_eq!(js_sys::Array::from(&game_presets().unwrap()).length(), 11);
    let mut game = MinimaxGame::create(options(r#"{"backend": "cpu", "preset": "lsgan"}"#))
        .await
        .unwrap();
    let s = game.snapshot().await.unwrap();
    assert_eq!(
        get(&s, "config.objective").as_string().as_deref(),
        Some("lsgan")
    );
    assert_eq!(get(&s, "preset.id").as_string().as_deref(), Some("lsgan"));
    assert_eq!(
        get(&s, "preset.claim.verdict").as_string().as_deref(),
        Some("pending")
    );
    game.configure(options(r#"{"dSteps": 2}"#)).unwrap();
    assert!(get(&game.snapshot().await.unwrap(), "preset").is_null());
    let err = MinimaxGame::create(options(r#"{"preset": "nope"}"#))
        .await
        .err()
        .unwrap();
    assert!(message(err).contains("invalid setting preset: unknown preset \"nope\""));
}
