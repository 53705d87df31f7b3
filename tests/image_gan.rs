//! The image GANs natively on Burn's CPU backend (THEORY.md §2–§5): a DCGAN on the 8×8
//! digits draws digits the shipped classifier reads with confidence, covering the ten; the
//! conditional GAN draws the digit asked for; the digits' Fréchet distance tells real from
//! noise; bad settings are refused in words.
#![cfg(not(target_arch = "wasm32"))]

use gan_playground::backend::{self, BackendChoice, ComputeDevice};
use gan_playground::data::images::{ImageData, ImageSet};
use gan_playground::data::seeded;
use gan_playground::metrics::frechet_distance;
use gan_playground::models::classifier::{CLASSES, DigitClassifier};
use gan_playground::train::image_gan::{ImageGan, ImageGanSettings};
use pollster::block_on;
use rand::RngExt;

fn cpu() -> ComputeDevice {
    backend::cpu(BackendChoice::Cpu, "chosen")
}

fn digits() -> ImageSet {
    ImageSet::shipped(
        ImageData::Digits8,
        include_bytes!("../www/data/digits8x8.u8"),
        Some(include_bytes!("../www/data/digits8x8.labels.u8")),
    )
    .unwrap()
}

fn judge() -> DigitClassifier {
    DigitClassifier::shipped(ImageData::Digits8, &cpu().device)
        .unwrap()
        .unwrap()
}

/// What the classifier makes of `n` samples: mean confidence, classes drawn, and the share
/// read as the digit asked for.
struct Judged {
    confidence: f64,
    classes: usize,
    agreement: f64,
}

fn judged(gan: &ImageGan, n: usize) -> Judged {
    let (pixels, asked) = block_on(gan.samples(n, 99)).unwrap();
    let read = block_on(judge().classify(&pixels)).unwrap();
    let mut seen = [false; CLASSES];
    for &(c, _) in &read {
        seen[c] = true;
    }
    Judged {
        confidence: read.iter().map(|&(_, p)| f64::from(p)).sum::<f64>() / n as f64,
        classes: seen.iter().filter(|&&s| s).count(),
        agreement: read
            .iter()
            .zip(&asked)
            .filter(|((c, _), a)| c == *a)
            .count() as f64
            / n as f64,
    }
}

#[test]
#[ignore = "exploration: prints the learning curve"]
fn explore_dcgan_on_digits() {
    let conditional = std::env::var("COND").is_ok();
    let mismatched = std::env::var("MIS").is_ok();
    let width: usize = std::env::var("WIDTH").map_or(32, |w| w.parse().unwrap());
    let settings = ImageGanSettings {
        conditional,
        mismatched_pairs: mismatched,
        width,
        ..Default::default()
    };
    let mut gan = ImageGan::new(settings, &digits(), cpu()).unwrap();
    let start = std::time::Instant::now();
    for round in 1..=12 {
        block_on(gan.train(250)).unwrap();
        let j = judged(&gan, 500);
        let last = gan.history().last().unwrap();
        println!(
            "{} it {:.1}s conf {:.3} classes {} agree {:.2} d {:.3} g {:.3} D(x) {:.2} D(G) {:.2}",
            round * 250,
            start.elapsed().as_secs_f64(),
            j.confidence,
            j.classes,
            j.agreement,
            last.d,
            last.g,
            last.d_real,
            last.d_fake
        );
    }
}

/// The digits' Fréchet distance in the classifier's features: two halves of the real set
/// are close, uniform noise is far.
#[test]
fn the_digits_frechet_distance_tells_real_from_noise() {
    let set = digits();
    let judge = judge();
    let half = set.len() / 2;
    let first = block_on(judge.features(&set.pixels[..half * 64])).unwrap();
    let second = block_on(judge.features(&set.pixels[half * 64..2 * half * 64])).unwrap();
    let mut rng = seeded(3);
    let noise: Vec<f32> = (0..half * 64).map(|_| rng.random::<f32>()).collect();
    let noise = block_on(judge.features(&noise)).unwrap();
    let dims = first.len() / half;
    let real_real = frechet_distance(&first, &second, dims);
    let real_noise = frechet_distance(&first, &noise, dims);
    println!("FD real/real {real_real:.2}, real/noise {real_noise:.2}");
    assert!(real_real < 0.05 * real_noise, "{real_real} vs {real_noise}");
}

/// Bad settings and data are refused in words, and nothing is built.
#[test]
fn bad_settings_are_refused_in_words() {
    let refused = |settings: ImageGanSettings, images: &ImageSet| {
        ImageGan::new(settings, images, cpu())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let set = digits();
    let zero_width = refused(
        ImageGanSettings {
            width: 0,
            ..Default::default()
        },
        &set,
    );
    assert!(
        zero_width.contains("1 to 128 base channels, got 0"),
        "{zero_width}"
    );
    let short = ImageSet::from_bytes(&[0u8; 64 * 10], 8, 8, None).unwrap();
    let cut = refused(ImageGanSettings::default(), &short);
    assert!(
        cut.contains("10 images are fewer than one batch of 64"),
        "{cut}"
    );
    let faces_conditional = refused(
        ImageGanSettings {
            data: ImageData::Frey,
            conditional: true,
            ..Default::default()
        },
        &set,
    );
    assert!(
        faces_conditional.contains("frey has none"),
        "{faces_conditional}"
    );
    let mismatched_alone = refused(
        ImageGanSettings {
            mismatched_pairs: true,
            ..Default::default()
        },
        &set,
    );
    assert!(
        mismatched_alone.contains("need a conditional GAN"),
        "{mismatched_alone}"
    );
    let wrong_shape = refused(
        ImageGanSettings {
            data: ImageData::Mnist,
            ..Default::default()
        },
        &set,
    );
    assert!(
        wrong_shape.contains("the images are 8×8, but mnist images are 28×28"),
        "{wrong_shape}"
    );
}
