//! Every preset of the image GAN keeps the claim its text makes (crate/presets/image_gan.rs):
//! trained natively on the CPU with the page's default seed, viewed every tenth of the
//! budget as the page's snapshots are, judged when the budget is reached.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod claims;

use std::time::Instant;

use claims::images;
use gan_playground::backend::{self, BackendChoice};
use gan_playground::presets::Verdict;
use gan_playground::presets::image_gan::{IMAGE_GAN_PRESETS, named};
use gan_playground::train::image_gan::ImageGan;
use pollster::block_on;

fn judge(id: &str) -> Verdict {
    let preset = named(id).unwrap();
    let settings = preset.settings();
    let cpu = backend::cpu(BackendChoice::Cpu, "chosen");
    let set = images(settings.data);
    let mut gan = ImageGan::new(settings, &set, cpu).unwrap();
    let started = Instant::now();
    let chunk = (preset.claim.budget / 10).max(1) as u32;
    let mut view = block_on(gan.view()).unwrap();
    while gan.iteration() < preset.claim.budget {
        block_on(gan.train(chunk)).unwrap();
        view = block_on(gan.view()).unwrap();
        let m = view.measures.last().unwrap();
        println!(
            "{id} {} ({:.0} s): Fréchet {:.2}, confidence {:?}, agreement {:?}, digits {:?}",
            m.iteration,
            started.elapsed().as_secs_f64(),
            m.frechet,
            m.mean_confidence,
            m.agreement,
            m.classes_drawn
        );
    }
    let verdict = preset.claim.verdict(&view.measures);
    println!("{id}: {} — {verdict:?}", preset.claim.text);
    verdict
}

claims! {
    IMAGE_GAN_PRESETS;
    digits: "digits",
    conditional_digits: "cgan-digits",
    mnist: "mnist",
    mlp_mnist: "mlp-mnist",
    frey: "frey",
}
