//! The slanted-faces GAN's one preset (THEORY.md §7): the note's own numbers, and the
//! note's result as its claim. `tests/slanted_faces.rs` trains it and holds it to it.

use super::{Claim, Measured, PresetView};
use crate::data::Pixels;
use crate::data::faces::check_faces;

/// The generator's faces at an epoch.
pub struct FacesMeasure {
    pub epoch: u64,
    pub samples: Vec<Pixels>,
}

impl Measured for FacesMeasure {
    fn iteration(&self) -> u64 {
        self.epoch
    }
}

/// Least and most a generated face's dark (diagonal) and light pixels may be to count as
/// the note's faces (the note's run: ≈ 0.95 and ≈ 0.04).
const DIAGONAL_AT_LEAST: f32 = 0.85;
const OFF_DIAGONAL_AT_MOST: f32 = 0.15;

pub const ID: &str = "slanted-faces";
const TITLE: &str = "The note's slanted faces";
const TEXT: &str = "The note's run: five 2×2 faces (a dark diagonal), plain SGD at 0.01 for both players, 1000 epochs. Its generator then draws faces with diagonal ≈ 0.95 and off-diagonal ≈ 0.04, e.g. [0.947, 0.034, 0.041, 0.963]; another seed gives other weights but the same faces.";

static CLAIM: Claim<FacesMeasure> = Claim {
    text: "by epoch 1000, every generated face has both diagonal pixels ≥ 0.85 and both others ≤ 0.15",
    budget: 1000,
    judge: |rows| match rows.last() {
        Some(m) => match check_faces(&m.samples, DIAGONAL_AT_LEAST, OFF_DIAGONAL_AT_MOST) {
            Ok(()) => (
                true,
                format!("all {} faces are the note's", m.samples.len()),
            ),
            Err(e) => (false, e),
        },
        None => (false, "no faces yet".into()),
    },
};

/// The preset with its claim judged on `samples`, the generator's faces at `epoch`.
pub fn view(epoch: u64, samples: &[Pixels]) -> PresetView {
    let now = FacesMeasure {
        epoch,
        samples: samples.to_vec(),
    };
    PresetView::new(ID, TITLE, TEXT, &CLAIM, &[now])
}
