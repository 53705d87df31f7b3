//! Every preset of the autoencoder lab keeps the claim its text makes
//! (crate/presets/lab.rs): trained natively on the CPU with the page's default seed, viewed
//! every tenth of the budget as the page does, judged when the budget is reached.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod claims;

use claims::images;
use gan_playground::backend::{self, BackendChoice};
use gan_playground::data::images::ImageData;
use gan_playground::presets::Verdict;
use gan_playground::presets::lab::{LAB_PRESETS, matching, named};
use gan_playground::train::lab::{Lab, LabPatch};
use pollster::block_on;

fn judge(id: &str) -> Verdict {
    let preset = named(id).unwrap();
    let settings = LabPatch {
        preset: Some(id.into()),
        ..Default::default()
    }
    .settings()
    .unwrap();
    let cpu = backend::cpu(BackendChoice::Cpu, "chosen");
    let mut lab = Lab::new(settings.clone(), &images(settings.data), cpu).unwrap();
    // LAB_BUDGET=n trains on to n iterations (with LAB_TRACE, to watch a longer run).
    let budget = std::env::var("LAB_BUDGET")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(preset.claim.budget);
    let chunk = (preset.claim.budget / 10).max(1) as u32;
    let mut view = block_on(lab.view()).unwrap();
    while lab.iteration() < budget {
        block_on(lab.train(chunk)).unwrap();
        view = block_on(lab.view()).unwrap();
        if std::env::var_os("LAB_TRACE").is_some() {
            let m = &view.measures;
            println!(
                "{id} {}: error Σ|·| {:.3} Σ² {:.3} (PCA {:.3} / {:.3}), denoising {:?}, \
                 spread {:?} twin {:?}, grid roughness {:?} (data {:.4}), codes {:.2?} ± {:.2?}",
                m.iteration,
                m.autoencoder.mean_absolute,
                m.autoencoder.mean_squared,
                m.pca.mean_absolute,
                m.pca.mean_squared,
                m.denoising.map(|d| (d.spoiled, d.cleaned)),
                m.generation.map(|g| (g.class_spread, g.mean_confidence)),
                m.twin.map(|g| (g.class_spread, g.mean_confidence)),
                m.grid_roughness,
                m.data_roughness,
                m.code_mean,
                m.code_spread
            );
        }
    }
    let shown = view
        .preset
        .expect("a preset's lab is recognised as the preset");
    assert_eq!(shown.id, id);
    let verdict = preset.claim.verdict(lab.measures());
    assert_eq!(shown.claim.verdict, verdict);
    println!("{id}: {} — {verdict:?}", preset.claim.text);
    verdict
}

claims! {
    LAB_PRESETS;
    autoencoder: "ae",
    pca: "pca",
    convolutional: "conv",
    denoising: "dae",
    vae: "vae",
    frey: "frey",
}

/// `{preset: id}` gives the preset's settings (then the rest of the patch over them); those
/// settings are recognised as the preset whatever the seed, and ones changed by hand are not.
#[test]
fn a_preset_in_a_patch_gives_its_settings_and_is_recognised() {
    let patch = |preset: &str| LabPatch {
        preset: Some(preset.into()),
        seed: Some(9),
        ..Default::default()
    };
    for preset in &LAB_PRESETS {
        let settings = patch(preset.id).settings().unwrap();
        assert_eq!(settings.training.seed, 9);
        assert_eq!(matching(&settings).map(|p| p.id), Some(preset.id));
    }
    let frey = patch("frey").settings().unwrap();
    assert_eq!(frey.data, ImageData::Frey);
    let changed = LabPatch {
        latent: Some(3),
        ..patch("vae")
    }
    .settings()
    .unwrap();
    assert_eq!(changed.training.latent, 3);
    assert!(matching(&changed).is_none());
    let err = patch("nope").settings().unwrap_err().to_string();
    assert!(
        err.contains("invalid setting preset: unknown preset \"nope\""),
        "{err}"
    );
}
