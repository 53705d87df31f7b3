//! The data of the worked example (THEORY.md §7): 2×2 "slanted-island" faces, row-major
//! `[p11, p12, p21, p22]` in [0, 1]; a face is dark (large) on the diagonal.

use rand::{Rng, RngExt};

/// A 2×2 image, flattened row-major.
pub type Pixels = [f32; 4];

/// The five faces of the note.
pub const FACES: [Pixels; 5] = [
    [1.0, 0.0, 0.0, 1.0],
    [0.9, 0.1, 0.2, 0.8],
    [0.9, 0.2, 0.1, 0.8],
    [0.8, 0.1, 0.2, 0.9],
    [0.8, 0.2, 0.1, 0.9],
];

/// A non-face: four uniform random pixels (what the discriminator should reject).
pub fn non_face(rng: &mut impl Rng) -> Pixels {
    std::array::from_fn(|_| rng.random::<f32>())
}

/// Noise for the generator: z ~ U(0, 1), as in the note.
pub fn noise(rng: &mut impl Rng) -> f32 {
    rng.random::<f32>()
}

/// How face-like an image is: mean of the diagonal minus mean of the off-diagonal.
pub fn slant(p: &Pixels) -> f32 {
    (p[0] + p[3]) / 2.0 - (p[1] + p[2]) / 2.0
}

/// Whether generated images came out as the note's result does: every one dark on the
/// diagonal and light off it (the note: diagonal ≈ 0.95, off-diagonal ≈ 0.04).
pub fn check_faces(
    samples: &[Pixels],
    diagonal_at_least: f32,
    off_diagonal_at_most: f32,
) -> Result<(), String> {
    if samples.is_empty() {
        return Err("no samples".into());
    }
    for p in samples {
        let (diagonal, off) = (p[0].min(p[3]), p[1].max(p[2]));
        if !(diagonal >= diagonal_at_least && off <= off_diagonal_at_most) {
            return Err(format!(
                "{p:?} is not a face: diagonal min {diagonal:.3} (want ≥ {diagonal_at_least}), \
                 off-diagonal max {off:.3} (want ≤ {off_diagonal_at_most})"
            ));
        }
    }
    Ok(())
}
