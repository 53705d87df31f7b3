//! Walking a generator's latent space (THEORY.md §2): G turns z ~ N(0, I) into a picture,
//! and a G that has learned the data's structure turns nearby z into similar pictures. A
//! walk from one sample's z to another's shows whether the path between them stays on the
//! data (one digit morphing into another) or falls off it; moving one coordinate of z shows
//! what that direction does to one sample.

use crate::error::{PlaygroundError, Result};

/// Most pictures in one walk.
pub const MAX_WALK_STEPS: usize = 32;
/// How far a slider moves one coordinate of z: ±4 standard deviations covers all but
/// 0.006 % of what G was trained on.
pub const SLIDER_REACH: f32 = 4.0;

/// The point a fraction `t` of the way from `a` to `b` along the great circle between their
/// directions (slerp), its length interpolated linearly. A straight line between two draws
/// of N(0, I_d) cuts inside the sphere where they live (its midpoint's length is about
/// √(d/2), not √d), among z that G never saw in training; the arc stays among typical z.
pub fn slerp(a: &[f32], b: &[f32], t: f32) -> Vec<f32> {
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    let lerp = || a.iter().zip(b).map(|(x, y)| x + t * (y - x)).collect();
    if na == 0.0 || nb == 0.0 {
        return lerp();
    }
    let cos = (a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>() / (na * nb)).clamp(-1.0, 1.0);
    let omega = cos.acos();
    let sin = omega.sin();
    // (Anti)parallel directions have no one great circle: the straight line will do.
    if sin < 1e-4 {
        return lerp();
    }
    let (wa, wb) = (((1.0 - t) * omega).sin() / sin, (t * omega).sin() / sin);
    let length = (1.0 - t) * na + t * nb;
    a.iter()
        .zip(b)
        .map(|(x, y)| length * (wa * x / na + wb * y / nb))
        .collect()
}

/// `steps` points from `a` to `b` by [`slerp`], both ends included, one after another.
pub fn walk(a: &[f32], b: &[f32], steps: usize) -> Result<Vec<f32>> {
    if !(2..=MAX_WALK_STEPS).contains(&steps) {
        return Err(PlaygroundError::invalid(
            "steps",
            format!("2 to {MAX_WALK_STEPS} pictures in a walk, got {steps}"),
        ));
    }
    Ok((0..steps)
        .flat_map(|k| slerp(a, b, k as f32 / (steps - 1) as f32))
        .collect())
}

/// Checks a z typed or slid by hand: `noise` finite numbers within the sliders' reach
/// (further out G never looked, and the picture says nothing about training).
pub fn check_z(z: &[f32], noise: usize) -> Result<()> {
    if z.len() != noise {
        return Err(PlaygroundError::invalid(
            "z",
            format!("{noise} numbers (the noise size), got {}", z.len()),
        ));
    }
    let limit = 3.0 * SLIDER_REACH;
    if let Some((i, v)) = z
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || v.abs() > limit)
    {
        return Err(PlaygroundError::invalid(
            "z",
            format!("finite numbers within ±{limit}, got {v} at {i}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(v: &[f32]) -> f32 {
        v.iter().map(|x| x * x).sum::<f32>().sqrt()
    }

    #[test]
    fn slerp_runs_from_a_to_b_along_the_sphere() {
        let a = [3.0, 0.0, 0.0];
        let b = [0.0, 3.0, 0.0];
        assert_eq!(slerp(&a, &b, 0.0), a.to_vec());
        let end = slerp(&a, &b, 1.0);
        assert!(
            end.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-5),
            "{end:?}"
        );
        let middle = slerp(&a, &b, 0.5);
        // The straight line's midpoint has length 3/√2 ≈ 2.12; the arc's keeps 3.
        assert!((norm(&middle) - 3.0).abs() < 1e-5, "{middle:?}");
        assert!((middle[0] - middle[1]).abs() < 1e-5 && middle[2] == 0.0);
    }

    #[test]
    fn walk_has_both_ends_and_refuses_bad_lengths() {
        let a = [1.0, 2.0];
        let b = [-2.0, 1.0];
        let w = walk(&a, &b, 5).unwrap();
        assert_eq!(w.len(), 10);
        assert_eq!(&w[..2], &a);
        assert!((w[8] - b[0]).abs() < 1e-5 && (w[9] - b[1]).abs() < 1e-5);
        assert!(walk(&a, &b, 1).unwrap_err().to_string().contains("2 to 32"));
        assert!(walk(&a, &b, 33).is_err());
        // Parallel directions fall back to the straight line, without NaN.
        let w = walk(&[1.0, 0.0], &[2.0, 0.0], 3).unwrap();
        assert_eq!(w, vec![1.0, 0.0, 1.5, 0.0, 2.0, 0.0]);
    }

    #[test]
    fn a_hand_made_z_is_checked() {
        assert!(check_z(&[0.0, 1.0], 2).is_ok());
        assert!(
            check_z(&[0.0], 2)
                .unwrap_err()
                .to_string()
                .contains("2 numbers")
        );
        assert!(check_z(&[0.0, f32::NAN], 2).is_err());
        assert!(
            check_z(&[0.0, 100.0], 2)
                .unwrap_err()
                .to_string()
                .contains("±12")
        );
    }
}
