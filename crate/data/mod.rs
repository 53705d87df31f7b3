//! The real data each preset trains on, and the noise fed to generators.
//! - [`faces`]: the 2×2 slanted-island faces of the worked example (THEORY.md §7);
//! - [`toy`]: 1-D and 2-D distributions of the minimax-game views (THEORY.md §2–§4);
//! - [`points`]: points a person brings: drawn with the brush or uploaded as CSV;
//! - [`images`]: small real image sets (digits, MNIST, Frey and Olivetti faces).

pub mod faces;
pub mod images;
pub mod points;
pub mod toy;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};
use rand_distr::StandardNormal;

pub use faces::{FACES, Pixels, check_faces, noise, non_face, slant};

/// A weight drawn from N(0, 1), the note's initialisation.
pub fn standard_normal(rng: &mut impl Rng) -> f32 {
    rng.sample::<f32, _>(StandardNormal)
}

/// The seeded random stream every engine and backend draws from in the same order, so
/// that one seed gives one run whatever computes it. Xoshiro256++ is a named algorithm, so
/// the stream stays the same across library versions (unlike `StdRng`).
pub fn seeded(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}
