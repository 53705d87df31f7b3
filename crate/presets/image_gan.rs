//! The image GAN's presets (THEORY.md §2–§5): settings over the image GAN's defaults
//! (DCGAN's recipe on the 8×8 digits: non-saturating, Adam 2e-4 β (0.5, 0.999), batch 64,
//! base width 32, z of 64), the explanation, and the claim it makes, judged on the measures
//! each view records (the shipped digit classifier's reading, or a face set's Fréchet
//! distance in its PCA space).

use super::{Button, Claim, Measured, Preset, PresetView};
use crate::data::images::ImageData;
use crate::error::Result;
use crate::models::image_players::Architecture;
use crate::train::image_gan::{ImageGanMeasures, ImageGanSettings};

/// A preset of the image GAN: its settings whole (built over [`ImageGanSettings::default`]).
pub type ImageGanPreset = Preset<ImageGanSettings, ImageGanMeasures>;

impl Measured for ImageGanMeasures {
    fn iteration(&self) -> u64 {
        self.iteration
    }
}

impl ImageGanPreset {
    pub fn settings(&self) -> ImageGanSettings {
        (self.settings)()
    }
}

/// The preset called `id`.
pub fn named(id: &str) -> Result<&'static ImageGanPreset> {
    super::find(&IMAGE_GAN_PRESETS, id)
}

/// The preset `settings` are (whatever their seed), if any.
pub fn matching(settings: &ImageGanSettings) -> Option<&'static ImageGanPreset> {
    IMAGE_GAN_PRESETS.iter().find(|p| {
        let own = ImageGanSettings {
            seed: settings.seed,
            ..p.settings()
        };
        &own == settings
    })
}

/// The preset a run with `settings` is, with its claim judged on the run's `rows`.
pub fn view(settings: &ImageGanSettings, rows: &[ImageGanMeasures]) -> Option<PresetView> {
    matching(settings).map(|p| p.view(rows))
}

/// Every preset's button.
pub fn buttons() -> Vec<Button> {
    super::buttons(&IMAGE_GAN_PRESETS)
}

fn on(data: ImageData) -> ImageGanSettings {
    ImageGanSettings {
        data,
        ..ImageGanSettings::default()
    }
}

fn last(rows: &[ImageGanMeasures]) -> &ImageGanMeasures {
    rows.last().expect("judged only once the budget is reached")
}

/// The Fréchet distance now against at iteration 0: at most `share` of it.
fn frechet_falls(rows: &[ImageGanMeasures], share: f64) -> (bool, String) {
    let now = last(rows);
    match rows.first().filter(|r| r.iteration == 0) {
        Some(start) => (
            now.frechet <= share * start.frechet,
            format!(
                "Fréchet distance {:.2} at iteration 0, {:.2} now",
                start.frechet, now.frechet
            ),
        ),
        None => (false, "no measure at iteration 0".into()),
    }
}

pub static IMAGE_GAN_PRESETS: [ImageGanPreset; 5] = [
    Preset {
        id: "digits",
        title: "DCGAN on 8×8 digits",
        text: "DCGAN's recipe, small: G turns 64 random numbers into an 8×8 picture through a dense layer and two transposed convolutions, D reads it through two strided convolutions; non-saturating loss, Adam 2e-4 with β₁ = 0.5. Watch the fixed-z grid go from blur to strokes to digits, and the classifier's histogram fill all ten bars. Measured in the page on a 2-core CPU (about 40 iterations a second): the classifier reads all ten digits at iteration 125 (3 s), and by 500 (12 s) the strokes are digits a person reads, as blocky as the real 8×8 ones (natively, seed 1: mean confidence 0.85 at 1000).",
        settings: ImageGanSettings::default,
        claim: Claim {
            text: "by iteration 1000, the digit classifier reads all ten digits among the samples, with mean confidence at least 0.8",
            budget: 1000,
            judge: |rows| {
                let r = last(rows);
                let classes = r.classes_drawn.unwrap_or(0);
                let confidence = r.mean_confidence.unwrap_or(0.0);
                (
                    classes == 10 && confidence >= 0.8,
                    format!("{classes} digits drawn, mean confidence {confidence:.2}"),
                )
            },
        },
    },
    Preset {
        id: "cgan-digits",
        title: "Conditional GAN: ask for a digit",
        text: "G(z, c) and D(x, c): both players read the digit c, so each row of the grid asks for one digit. D is also shown real images with a wrong label and told they are fake (the note's third kind of pair), so it must check the pairing and not only the picture. The agreement curve is the share of samples the classifier reads as the digit asked for. Measured in the page on a 2-core CPU: 81 % at iteration 625 (16 s), and by 1000 (26 s) each row is plainly its digit (natively, seed 1: 98 % at 1000).",
        settings: || ImageGanSettings {
            conditional: true,
            mismatched_pairs: true,
            ..ImageGanSettings::default()
        },
        claim: Claim {
            text: "by iteration 1000, at least 90 % of the samples read as the digit asked for",
            budget: 1000,
            judge: |rows| {
                let agreement = last(rows).agreement.unwrap_or(0.0);
                (
                    agreement >= 0.9,
                    format!("{:.0} % read as asked", 100.0 * agreement),
                )
            },
        },
    },
    Preset {
        id: "mnist",
        title: "DCGAN on MNIST",
        text: "The same players on 28×28 MNIST digits: 12 times the pixels, so each iteration costs more and the first strokes take longer to appear. The Fréchet distance between the samples and real digits, in the classifier's hidden features, is the curve to watch: it falls from 668 at iteration 0 to about 40 at 1000. Measured in the page on a 2-core CPU (about 5 iterations a second): the classifier already reads all ten digits at 275 (50 s), but those are blobs; strokes a person reads as digits come by about 1000 (3 minutes).",
        settings: || on(ImageData::Mnist),
        claim: Claim {
            text: "by iteration 1000, the digit classifier reads all ten digits among the samples, and the Fréchet distance to real digits is at most a tenth of its value at iteration 0",
            budget: 1000,
            judge: |rows| {
                let (falls, detail) = frechet_falls(rows, 0.1);
                let classes = last(rows).classes_drawn.unwrap_or(0);
                (
                    falls && classes == 10,
                    format!("{classes} digits drawn; {detail}"),
                )
            },
        },
    },
    Preset {
        id: "mlp-mnist",
        title: "The MLP baseline on MNIST",
        text: "The same game with the DCGAN's convolutions taken out: each player is two dense layers of 256 units on the 784 pixels as one flat row. Nothing ties a pixel to its neighbours, so G learns every pixel on its own: its digits come speckled with stray bright dots, where the DCGAN's strokes are whole. But an iteration costs a seventh as much, so compare at equal time too. Measured in the page on a 2-core CPU (about 33 iterations a second): ten digits read at iteration 975 (25 s); at 2000 (1 minute) the Fréchet distance is 43 (722 at iteration 0), about the DCGAN's at 1000, which takes 3 minutes.",
        settings: || ImageGanSettings {
            architecture: Architecture::Mlp,
            ..on(ImageData::Mnist)
        },
        claim: Claim {
            text: "by iteration 2000, the digit classifier reads at least nine digits among the samples, and the Fréchet distance to real digits is at most a tenth of its value at iteration 0",
            budget: 2000,
            judge: |rows| {
                let classes = last(rows).classes_drawn.unwrap_or(0);
                let (falls, detail) = frechet_falls(rows, 0.1);
                (
                    classes >= 9 && falls,
                    format!("{classes} digits drawn; {detail}"),
                )
            },
        },
    },
    Preset {
        id: "frey",
        title: "DCGAN on Frey faces",
        text: "1965 frames of one face, 20×28: no labels and no classifier, so the samples are judged by eye and by the Fréchet distance in the set's own principal components. The nearest training frame beside each sample shows whether G draws new faces or copies old ones. The distance falls from 14.7 at iteration 0 to 1.3 at 1000. Measured in the page on a 2-core CPU (about 7 iterations a second): a third of its start by 175 (25 s), faces with eyes and a mouth by 1000 (2.5 minutes), sharper by 2000 (5 minutes).",
        settings: || on(ImageData::Frey),
        claim: Claim {
            text: "by iteration 1000, the Fréchet distance to real frames (16 principal components) at most a fifth of its value at iteration 0",
            budget: 1000,
            judge: |rows| frechet_falls(rows, 0.2),
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_found_by_its_settings() {
        for preset in &IMAGE_GAN_PRESETS {
            let settings = preset.settings();
            settings.validate().unwrap();
            assert_eq!(matching(&settings).map(|p| p.id), Some(preset.id));
            let reseeded = ImageGanSettings {
                seed: 77,
                ..settings
            };
            assert_eq!(matching(&reseeded).map(|p| p.id), Some(preset.id));
        }
        let own = ImageGanSettings {
            width: 8,
            ..ImageGanSettings::default()
        };
        assert!(matching(&own).is_none());
    }

    #[test]
    fn a_claim_waits_for_its_budget() {
        let row = |iteration, frechet| ImageGanMeasures {
            iteration,
            frechet,
            mean_confidence: None,
            agreement: None,
            classes_drawn: None,
        };
        let frey = named("frey").unwrap();
        let pending = frey.view(&[row(0, 10.0), row(500, 2.0)]);
        assert!(matches!(
            pending.claim.verdict,
            super::super::Verdict::Pending { .. }
        ));
        assert!(frey.claim.verdict(&[row(0, 10.0), row(1000, 1.5)]).is_met());
        assert!(!frey.claim.verdict(&[row(0, 10.0), row(1000, 2.5)]).is_met());
        assert!(!frey.claim.verdict(&[row(1000, 1.0)]).is_met());
    }
}
