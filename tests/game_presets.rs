//! Every preset of the minimax game keeps the claim its text makes (crate/presets.rs):
//! trained natively on the CPU with the page's default seed, snapshots every tenth of the
//! budget as the page takes them, judged when the budget is reached.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod claims;

use gan_playground::backend::{self, BackendChoice};
use gan_playground::presets::{GAME_PRESETS, Verdict};
use gan_playground::train::toy::ToyGan;
use pollster::block_on;

/// The seed the page starts with.
const SEED: u64 = 1;

fn judge(id: &str) -> Verdict {
    let preset = gan_playground::presets::named(id).unwrap();
    let mut gan = ToyGan::new(
        preset.config(SEED).unwrap(),
        backend::cpu(BackendChoice::Cpu, "chosen"),
    )
    .unwrap();
    block_on(gan.view()).unwrap();
    let chunk = (preset.claim.budget / 10).max(1) as u32;
    while gan.iteration() < preset.claim.budget {
        block_on(gan.train(chunk)).unwrap();
        block_on(gan.view()).unwrap();
    }
    let verdict = preset.claim.verdict(gan.metrics());
    println!("{id}: {} — {verdict:?}", preset.claim.text);
    verdict
}

claims! {
    GAME_PRESETS;
    ring: "ring",
    gaussian_1d: "gaussian-1d",
    saturating_stalls: "saturating-stalls",
    non_saturating: "non-saturating",
    js_disjoint: "js-disjoint",
    wgan_disjoint: "wgan-disjoint",
    wgan_gp: "wgan-gp",
    lsgan: "lsgan",
    mode_collapse: "mode-collapse",
    k_steps: "k-steps",
    grid: "grid",
}

/// `{preset: id}` is the preset's settings (then the rest of the patch over them), with the
/// run's seed; a run with those settings is recognised as the preset, and one changed by
/// hand is not.
#[test]
fn a_preset_in_a_patch_gives_its_settings_and_is_recognised() {
    use gan_playground::presets::{matching, named};
    use gan_playground::train::game_settings::GamePatch;
    use gan_playground::train::game_settings::ToyGanConfig;
    let base = ToyGanConfig {
        seed: 9,
        ..Default::default()
    };
    let patch = |preset: &str| GamePatch {
        preset: Some(preset.into()),
        ..Default::default()
    };
    for preset in &GAME_PRESETS {
        let config = patch(preset.id).apply(&base).unwrap();
        assert_eq!(config, preset.config(9).unwrap(), "{}", preset.id);
        assert_eq!(matching(&config).map(|p| p.id), Some(preset.id));
    }
    let changed = GamePatch {
        batch: Some(64),
        ..patch("lsgan")
    }
    .apply(&base)
    .unwrap();
    assert_eq!(changed.batch, 64);
    assert!(matching(&changed).is_none());
    let err = patch("nope").apply(&base).unwrap_err().to_string();
    assert!(
        err.contains("invalid setting preset: unknown preset \"nope\""),
        "{err}"
    );
    assert!(named("ring").is_ok());
}
