//! How far p_g is from p_data, measured on samples (THEORY.md §1, §2, §4): the JS divergence
//! the original GAN minimises, KL, the Wasserstein distance that still shrinks when the
//! two do not overlap, and how many modes of the data the generator covers.
//!
//! Plain f64 maths, no Burn: the views call these on every snapshot.

use std::f64::consts::{LN_2, PI};

use nalgebra::{DMatrix, DVector, SymmetricEigen};
use serde::{Deserialize, Serialize};

/// Added to every bin of both histograms before KL normalises them, so that KL(P‖Q) stays
/// finite where Q has empty bins (a bin P fills and Q leaves empty costs about ln(1/ε)).
pub const KL_SMOOTHING: f64 = 1e-6;

/// σ of each of the ring's 8 Gaussians ([`ring_modes`]`(8, 2.0)`).
pub const RING_SIGMA: f64 = 0.02;

/// σ of each of the grid's 25 Gaussians ([`grid_modes`]).
pub const GRID_SIGMA: f64 = 0.05;

/// Whether `bins` bins on [low, high] make a grid: a range far out of reach (say, data of
/// ±1e308 padded to ±inf) gives no measurement rather than a panic.
fn valid_grid(bins: usize, low: f64, high: f64) -> bool {
    bins > 0 && low.is_finite() && high.is_finite() && low < high && (high - low).is_finite()
}

/// The bin of `x` among `bins` equal bins on [low, high]; outside points go to the edge bin.
fn bin_of(x: f64, low: f64, high: f64, bins: usize) -> usize {
    // `as usize` saturates: negatives (and NaN) give 0, the clamp takes care of the top.
    (((x - low) / (high - low) * bins as f64).floor() as usize).min(bins - 1)
}

/// Bin probabilities (counts / n) of 1-D samples; `None` without samples or a valid grid.
fn histogram_1d(samples: &[f64], bins: usize, (low, high): (f64, f64)) -> Option<Vec<f64>> {
    if samples.is_empty() || !valid_grid(bins, low, high) {
        return None;
    }
    let mut counts = vec![0usize; bins];
    for &x in samples {
        counts[bin_of(x, low, high, bins)] += 1;
    }
    let n = samples.len() as f64;
    Some(counts.into_iter().map(|c| c as f64 / n).collect())
}

/// Cell probabilities of 2-D samples on a `bins` × `bins` grid (x-bin i, y-bin j at
/// j·bins + i); `None` without samples or a valid grid.
fn histogram_2d(
    samples: &[[f64; 2]],
    bins: usize,
    (min, max): ([f64; 2], [f64; 2]),
) -> Option<Vec<f64>> {
    if samples.is_empty() || !valid_grid(bins, min[0], max[0]) || !valid_grid(bins, min[1], max[1])
    {
        return None;
    }
    let mut counts = vec![0usize; bins * bins];
    for p in samples {
        let i = bin_of(p[0], min[0], max[0], bins);
        let j = bin_of(p[1], min[1], max[1], bins);
        counts[j * bins + i] += 1;
    }
    let n = samples.len() as f64;
    Some(counts.into_iter().map(|c| c as f64 / n).collect())
}

/// JS(P‖Q) of two histograms, natural log. With M = ½(P + Q), a bin where P == Q gives
/// exactly 0 and a bin only one of them fills gives exactly p·ln 2 (so the bounds hold).
fn js(p: &[f64], q: &[f64]) -> f64 {
    let half_kl = |x: f64, m: f64| if x > 0.0 { 0.5 * x * (x / m).ln() } else { 0.0 };
    let js: f64 = p
        .iter()
        .zip(q)
        .map(|(&p, &q)| {
            let m = 0.5 * (p + q);
            half_kl(p, m) + half_kl(q, m)
        })
        .sum();
    // 0 ≤ JS ≤ ln 2; the clamp only removes rounding.
    js.clamp(0.0, LN_2)
}

/// KL(P‖Q) of two histograms after adding [`KL_SMOOTHING`] to every bin of both.
fn kl(p: &[f64], q: &[f64]) -> f64 {
    let total = 1.0 + KL_SMOOTHING * p.len() as f64;
    let kl: f64 = p
        .iter()
        .zip(q)
        .map(|(&p, &q)| {
            let (p, q) = ((p + KL_SMOOTHING) / total, (q + KL_SMOOTHING) / total);
            p * (p / q).ln()
        })
        .sum();
    // Gibbs: KL ≥ 0; the clamp only removes rounding.
    kl.max(0.0)
}

/// Jensen–Shannon divergence between the samples `a` and `b`, from histograms with `bins`
/// equal bins on `range` (low, high); points outside it count in the edge bins.
/// Natural log: 0 for identical histograms, ln 2 when no bin holds both, and in between
/// it gives the generator no gradient while the supports stay apart (THEORY.md §4).
///
/// NaN (nothing measured) if a sample set is empty, `bins` is 0 or the range is empty or
/// not finite.
pub fn js_divergence_grid_1d(a: &[f64], b: &[f64], bins: usize, range: (f64, f64)) -> f64 {
    on_grid(
        histogram_1d(a, bins, range),
        histogram_1d(b, bins, range),
        js,
    )
}

/// `measure` of two histograms, or NaN when either could not be made.
fn on_grid(p: Option<Vec<f64>>, q: Option<Vec<f64>>, measure: fn(&[f64], &[f64]) -> f64) -> f64 {
    match (p, q) {
        (Some(p), Some(q)) => measure(&p, &q),
        _ => f64::NAN,
    }
}

/// [`js_divergence_grid_1d`] in the plane: `bins` × `bins` cells on the box `range` =
/// (lower-left corner, upper-right corner); points outside it count in the edge cells.
///
/// NaN as [`js_divergence_grid_1d`], on either axis.
pub fn js_divergence_grid_2d(
    a: &[[f64; 2]],
    b: &[[f64; 2]],
    bins: usize,
    range: ([f64; 2], [f64; 2]),
) -> f64 {
    on_grid(
        histogram_2d(a, bins, range),
        histogram_2d(b, bins, range),
        js,
    )
}

/// KL(P‖Q) with P from `a` and Q from `b`, natural log, on the same grid as
/// [`js_divergence_grid_1d`] (edge bins take the outside points). [`KL_SMOOTHING`] is
/// added to every bin of both before normalising, so it stays finite where `b` has empty
/// bins. Not symmetric: swapping `a` and `b` changes it (THEORY.md §1).
///
/// NaN as [`js_divergence_grid_1d`].
pub fn kl_divergence_grid_1d(a: &[f64], b: &[f64], bins: usize, range: (f64, f64)) -> f64 {
    on_grid(
        histogram_1d(a, bins, range),
        histogram_1d(b, bins, range),
        kl,
    )
}

/// [`kl_divergence_grid_1d`] in the plane, on the grid of [`js_divergence_grid_2d`].
///
/// NaN as [`js_divergence_grid_2d`].
pub fn kl_divergence_grid_2d(
    a: &[[f64; 2]],
    b: &[[f64; 2]],
    bins: usize,
    range: ([f64; 2], [f64; 2]),
) -> f64 {
    on_grid(
        histogram_2d(a, bins, range),
        histogram_2d(b, bins, range),
        kl,
    )
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// The exact Wasserstein-1 (earth mover's) distance between the empirical distributions of
/// `a` and `b` (each point carries mass 1/len, the sizes may differ): ∫ |F_a − F_b| dx over
/// the merged sorted support. Unlike JS it keeps shrinking as two disjoint sets approach
/// each other (THEORY.md §4).
///
/// # Panics
/// If either set is empty.
pub fn wasserstein1_1d(a: &[f64], b: &[f64]) -> f64 {
    assert!(
        !a.is_empty() && !b.is_empty(),
        "the Wasserstein distance needs samples on both sides"
    );
    let (a, b) = (sorted(a), sorted(b));
    let (na, nb) = (a.len() as u64, b.len() as u64);
    let mut all = [a.as_slice(), b.as_slice()].concat();
    all.sort_by(f64::total_cmp);
    // Between consecutive support points F_a = i/na and F_b = j/nb are constant, so
    // |F_a − F_b| = |i·nb − j·na| / (na·nb): integers until the final division.
    let (mut i, mut j) = (0, 0);
    let mut area = 0.0;
    for w in all.windows(2) {
        while i < a.len() && a[i] <= w[0] {
            i += 1;
        }
        while j < b.len() && b[j] <= w[0] {
            j += 1;
        }
        let gap = (i as u64 * nb).abs_diff(j as u64 * na);
        area += gap as f64 * (w[1] - w[0]);
    }
    area / (na * nb) as f64
}

/// The sliced Wasserstein-1 distance: the mean, over `directions` unit vectors at angles
/// kπ/`directions` (k = 0, 1, …), of the exact 1-D W1 of the two sets' projections.
/// Deterministic, so the number a view draws does not flicker between frames.
///
/// # Panics
/// If `directions` is 0 or either set is empty.
pub fn sliced_wasserstein1_2d(a: &[[f64; 2]], b: &[[f64; 2]], directions: usize) -> f64 {
    assert!(
        directions > 0,
        "sliced Wasserstein needs at least one direction"
    );
    let project = |v: &[[f64; 2]], (c, s): (f64, f64)| -> Vec<f64> {
        v.iter().map(|p| c * p[0] + s * p[1]).collect()
    };
    (0..directions)
        .map(|k| {
            let angle = PI * k as f64 / directions as f64;
            let u = (angle.cos(), angle.sin());
            wasserstein1_1d(&project(a, u), &project(b, u))
        })
        .sum::<f64>()
        / directions as f64
}

/// How much of a mixture's modes the generator's samples reach (mode collapse, THEORY.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModeReport {
    /// Modes that are the nearest mode of at least one high-quality sample.
    pub modes_covered: usize,
    pub total_modes: usize,
    /// Share of samples within 3σ of their nearest mode (0 when there are no samples).
    pub high_quality_fraction: f64,
}

/// Counts the modes the samples cover: a sample is high quality when it lies within 3σ
/// (Euclidean) of its nearest mode, and a mode is covered when it is the nearest mode of a
/// high-quality sample. A collapsed generator scores few modes with a high fraction.
pub fn mode_coverage(samples: &[[f64; 2]], modes: &[[f64; 2]], sigma: f64) -> ModeReport {
    let mut covered = vec![false; modes.len()];
    let mut high_quality = 0usize;
    for p in samples {
        let nearest = modes
            .iter()
            .map(|m| (p[0] - m[0]).hypot(p[1] - m[1]))
            .enumerate()
            .min_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((k, d)) = nearest
            && d <= 3.0 * sigma
        {
            covered[k] = true;
            high_quality += 1;
        }
    }
    ModeReport {
        modes_covered: covered.iter().filter(|&&c| c).count(),
        total_modes: modes.len(),
        high_quality_fraction: if samples.is_empty() {
            0.0
        } else {
            high_quality as f64 / samples.len() as f64
        },
    }
}

/// `n` means evenly spaced on a circle of `radius` around the origin, the first at
/// (radius, 0). The ring of 8 is `ring_modes(8, 2.0)` with σ = [`RING_SIGMA`].
pub fn ring_modes(n: usize, radius: f64) -> Vec<[f64; 2]> {
    (0..n)
        .map(|k| {
            let angle = 2.0 * PI * k as f64 / n as f64;
            [radius * angle.cos(), radius * angle.sin()]
        })
        .collect()
}

/// The grid of 25 means, {−4, −2, 0, 2, 4}² (x-major), with σ = [`GRID_SIGMA`].
pub fn grid_modes() -> Vec<[f64; 2]> {
    let axis = [-4.0, -2.0, 0.0, 2.0, 4.0];
    axis.iter()
        .flat_map(|&x| axis.iter().map(move |&y| [x, y]))
        .collect()
}

/// Mean and covariance of `rows` (row-major, `dims` columns each).
fn gaussian_fit(rows: &[f32], dims: usize) -> (DVector<f64>, DMatrix<f64>) {
    let n = rows.len() / dims.max(1);
    let x = DMatrix::from_row_iterator(n, dims, rows.iter().map(|&v| f64::from(v)));
    let mean = x.row_mean().transpose();
    let mut centred = x;
    for mut row in centred.row_iter_mut() {
        row -= mean.transpose();
    }
    let cov = centred.transpose() * &centred / (n.max(2) - 1) as f64;
    (mean, cov)
}

/// A symmetric matrix's square root (negative eigenvalues of rounding taken as 0).
fn sqrt_symmetric(m: DMatrix<f64>) -> DMatrix<f64> {
    let eigen = SymmetricEigen::new(m);
    let roots = eigen.eigenvalues.map(|l| l.max(0.0).sqrt());
    &eigen.eigenvectors * DMatrix::from_diagonal(&roots) * eigen.eigenvectors.transpose()
}

/// The Fréchet distance between Gaussians fitted to two sets of feature rows (`dims`
/// columns): ‖μa − μb‖² + tr(Σa + Σb − 2(Σa^½ Σb Σa^½)^½). In a classifier's features it is
/// FID's measure: 0 for one distribution, large when the samples look nothing like the data.
/// NaN with fewer than two rows in either set.
pub fn frechet_distance(a: &[f32], b: &[f32], dims: usize) -> f64 {
    if dims == 0 || a.len() / dims < 2 || b.len() / dims < 2 {
        return f64::NAN;
    }
    let (mean_a, cov_a) = gaussian_fit(a, dims);
    let (mean_b, cov_b) = gaussian_fit(b, dims);
    let root_a = sqrt_symmetric(cov_a.clone());
    let middle = &root_a * &cov_b * &root_a;
    // Symmetrise what rounding left asymmetric before the eigen-decomposition.
    let middle = (&middle + middle.transpose()) * 0.5;
    let cross: f64 = SymmetricEigen::new(middle)
        .eigenvalues
        .iter()
        .map(|l| l.max(0.0).sqrt())
        .sum();
    let fd = (mean_a - mean_b).norm_squared() + cov_a.trace() + cov_b.trace() - 2.0 * cross;
    fd.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{Rng, RngExt, SeedableRng};
    use rand_distr::StandardNormal;

    fn rng(seed: u64) -> Xoshiro256PlusPlus {
        Xoshiro256PlusPlus::seed_from_u64(seed)
    }

    fn normal(rng: &mut impl Rng) -> f64 {
        rng.sample::<f64, _>(StandardNormal)
    }

    fn gaussian_1d(n: usize, mean: f64, sd: f64, rng: &mut impl Rng) -> Vec<f64> {
        (0..n).map(|_| mean + sd * normal(rng)).collect()
    }

    fn gaussian_2d(n: usize, mean: [f64; 2], sd: f64, rng: &mut impl Rng) -> Vec<[f64; 2]> {
        (0..n)
            .map(|_| [mean[0] + sd * normal(rng), mean[1] + sd * normal(rng)])
            .collect()
    }

    fn shifted_2d(v: &[[f64; 2]], s: [f64; 2]) -> Vec<[f64; 2]> {
        v.iter().map(|p| [p[0] + s[0], p[1] + s[1]]).collect()
    }

    const BOX: ([f64; 2], [f64; 2]) = ([-5.0, -5.0], [5.0, 5.0]);

    #[test]
    fn js_is_zero_for_identical_sets_and_ln2_for_disjoint_ones() {
        let mut r = rng(1);
        let a = gaussian_1d(1000, 0.0, 1.0, &mut r);
        let mut reordered = a.clone();
        reordered.reverse();
        assert!(js_divergence_grid_1d(&a, &reordered, 50, (-4.0, 4.0)).abs() < 1e-12);

        let left = gaussian_1d(500, -3.0, 0.2, &mut r);
        let right = gaussian_1d(700, 3.0, 0.2, &mut r);
        let js = js_divergence_grid_1d(&left, &right, 50, (-4.0, 4.0));
        assert!((js - LN_2).abs() < 1e-12, "{js}");

        let p = gaussian_2d(1000, [0.0, 0.0], 1.0, &mut r);
        assert!(js_divergence_grid_2d(&p, &p, 20, BOX).abs() < 1e-12);
        let q = gaussian_2d(300, [3.0, 3.0], 0.1, &mut r);
        let js = js_divergence_grid_2d(&shifted_2d(&q, [-6.0, -6.0]), &q, 20, BOX);
        assert!((js - LN_2).abs() < 1e-12, "{js}");
    }

    #[test]
    fn js_is_symmetric_and_between_its_bounds() {
        let mut r = rng(2);
        let a = gaussian_1d(800, 0.0, 1.0, &mut r);
        let b = gaussian_1d(600, 0.7, 1.3, &mut r);
        let (ab, ba) = (
            js_divergence_grid_1d(&a, &b, 40, (-5.0, 5.0)),
            js_divergence_grid_1d(&b, &a, 40, (-5.0, 5.0)),
        );
        assert!(
            (ab - ba).abs() < 1e-15 && ab > 0.0 && ab < LN_2,
            "{ab} {ba}"
        );

        let p = gaussian_2d(800, [0.0, 0.0], 1.0, &mut r);
        let q = gaussian_2d(500, [0.5, -0.5], 1.0, &mut r);
        let (pq, qp) = (
            js_divergence_grid_2d(&p, &q, 15, BOX),
            js_divergence_grid_2d(&q, &p, 15, BOX),
        );
        assert!(
            (pq - qp).abs() < 1e-15 && pq > 0.0 && pq < LN_2,
            "{pq} {qp}"
        );
    }

    /// Points outside the range land in the edge bins, so far-off points still count.
    #[test]
    fn points_outside_the_range_count_in_the_edge_bins() {
        // A range out of reach (data of ±1e308 padded to ±inf) measures nothing: NaN, no panic.
        assert!(
            js_divergence_grid_1d(&[0.0], &[1.0], 4, (f64::NEG_INFINITY, f64::INFINITY)).is_nan()
        );
        assert!(kl_divergence_grid_1d(&[0.0], &[1.0], 4, (-f64::MAX, f64::MAX)).is_nan());
        assert!(js_divergence_grid_2d(&[[0.0; 2]], &[], 4, ([0.0; 2], [1.0; 2])).is_nan());
        assert!(kl_divergence_grid_2d(&[[0.0; 2]], &[[0.0; 2]], 0, ([0.0; 2], [1.0; 2])).is_nan());
        assert!(js_divergence_grid_1d(&[-100.0], &[-1.0], 4, (-1.0, 1.0)).abs() < 1e-15);
        assert!(js_divergence_grid_1d(&[100.0], &[1.0], 4, (-1.0, 1.0)).abs() < 1e-15);
        assert!((js_divergence_grid_1d(&[-100.0], &[100.0], 4, (-1.0, 1.0)) - LN_2).abs() < 1e-15);
        let js = js_divergence_grid_2d(&[[9.0, -9.0]], &[[4.99, -4.99]], 10, BOX);
        assert!(js.abs() < 1e-15);
    }

    #[test]
    fn kl_is_non_negative_finite_and_not_symmetric() {
        let mut r = rng(3);
        let a = gaussian_1d(1000, 0.0, 1.0, &mut r);
        assert!(kl_divergence_grid_1d(&a, &a, 40, (-5.0, 5.0)).abs() < 1e-12);
        let p = gaussian_2d(1000, [0.0, 0.0], 1.0, &mut r);
        assert!(kl_divergence_grid_2d(&p, &p, 20, BOX).abs() < 1e-12);

        for seed in 0..20 {
            let mut r = rng(100 + seed);
            let a = gaussian_1d(200, r.random_range(-1.0..1.0), 1.0, &mut r);
            let b = gaussian_1d(300, r.random_range(-1.0..1.0), 0.5, &mut r);
            let kl = kl_divergence_grid_1d(&a, &b, 30, (-4.0, 4.0));
            assert!(kl.is_finite() && kl >= 0.0, "{kl}");
        }

        // A wide P against a narrow Q: Q leaves bins empty, so KL(P‖Q) is large but finite,
        // while KL(Q‖P) is small.
        let wide = gaussian_1d(2000, 0.0, 2.0, &mut r);
        let narrow = gaussian_1d(2000, 0.0, 0.3, &mut r);
        let (pq, qp) = (
            kl_divergence_grid_1d(&wide, &narrow, 40, (-6.0, 6.0)),
            kl_divergence_grid_1d(&narrow, &wide, 40, (-6.0, 6.0)),
        );
        assert!(pq.is_finite() && pq > 2.0 * qp && qp > 0.0, "{pq} {qp}");
        // Disjoint: every bin of P is empty in Q and costs ln(1/ε) or so.
        let kl = kl_divergence_grid_1d(&[-1.0], &[1.0], 4, (-2.0, 2.0));
        assert!(
            kl.is_finite() && (kl - (1.0 / KL_SMOOTHING).ln()).abs() < 0.01,
            "{kl}"
        );
    }

    #[test]
    fn w1_matches_hand_computed_values() {
        let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
        assert!(close(wasserstein1_1d(&[0.0, 1.0], &[2.0, 3.0]), 2.0));
        assert!(close(wasserstein1_1d(&[0.0], &[1.0, 3.0]), 2.0));
        assert!(close(wasserstein1_1d(&[1.0, 3.0], &[0.0]), 2.0));
        assert!(close(wasserstein1_1d(&[5.0], &[5.0]), 0.0));
        assert!(close(
            wasserstein1_1d(&[3.0, 0.0, 1.0], &[1.0, 3.0, 0.0]),
            0.0
        ));
        // Unequal sizes: {0, 0, 3} (1/3 each) vs {1, 2}: ∫|F_a − F_b| = 2/3·1 + 1/6·1 + 1/3·1.
        assert!(close(
            wasserstein1_1d(&[0.0, 0.0, 3.0], &[1.0, 2.0]),
            7.0 / 6.0
        ));
        // {0, 4} vs {1, 2, 3}: ½·1 + 1/6·1 + 1/6·1 + ½·1.
        assert!(close(
            wasserstein1_1d(&[4.0, 0.0], &[2.0, 1.0, 3.0]),
            4.0 / 3.0
        ));
        // Repeated points carry their mass: {0, 0, 0, 2} vs {0}: ¼ of the mass moves 2.
        assert!(close(wasserstein1_1d(&[0.0, 0.0, 0.0, 2.0], &[0.0]), 0.5));

        let mut r = rng(4);
        let a = gaussian_1d(999, 0.0, 1.0, &mut r);
        for c in [0.25, -1.5, 7.0] {
            let b: Vec<f64> = a.iter().map(|x| x + c).collect();
            let w = wasserstein1_1d(&a, &b);
            assert!((w - c.abs()).abs() < 1e-9, "shift {c}: {w}");
        }
        // Symmetric, and the mean difference is a lower bound.
        let b = gaussian_1d(400, 0.3, 2.0, &mut r);
        let (ab, ba) = (wasserstein1_1d(&a, &b), wasserstein1_1d(&b, &a));
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!((ab - ba).abs() < 1e-12 && ab >= (mean(&a) - mean(&b)).abs());
    }

    /// The point of THEORY.md §4: while two point clouds stay disjoint JS sits at ln 2 (no
    /// signal), but W1 falls with every step they take towards each other.
    #[test]
    fn w1_shrinks_while_js_stays_at_ln2() {
        let cloud: Vec<f64> = (0..100).map(|i| i as f64 * 0.01).collect();
        let mut previous = f64::INFINITY;
        for d in [5.0, 4.0, 3.0, 2.0, 1.5, 1.2] {
            let moved: Vec<f64> = cloud.iter().map(|x| x + d).collect();
            let js = js_divergence_grid_1d(&cloud, &moved, 80, (-1.0, 7.0));
            let w = wasserstein1_1d(&cloud, &moved);
            assert!((js - LN_2).abs() < 1e-12, "d = {d}: JS {js}");
            assert!((w - d).abs() < 1e-9 && w < previous, "d = {d}: W1 {w}");
            previous = w;
        }

        let mut r = rng(5);
        let blob = gaussian_2d(300, [-3.0, -3.0], 0.1, &mut r);
        let mut previous = f64::INFINITY;
        for d in [5.0, 4.0, 3.0, 2.0] {
            let moved = shifted_2d(&blob, [d, d]);
            let js = js_divergence_grid_2d(&blob, &moved, 40, BOX);
            let w = sliced_wasserstein1_2d(&blob, &moved, 64);
            assert!((js - LN_2).abs() < 1e-12, "d = {d}: JS {js}");
            assert!(w < previous, "d = {d}: sliced W1 {w}");
            previous = w;
        }
    }

    #[test]
    fn sliced_w1_is_zero_on_itself_and_two_over_pi_of_a_shift() {
        let mut r = rng(6);
        let a = gaussian_2d(500, [0.0, 0.0], 1.0, &mut r);
        assert!(sliced_wasserstein1_2d(&a, &a, 32).abs() < 1e-12);
        // Each projection of a translated set moves by |s·u|, and the mean of |cos| over
        // [0, π) is 2/π.
        for s in [[1.0f64, 0.0], [0.3, -0.4], [-2.0, 1.5]] {
            let shift = s[0].hypot(s[1]);
            let w = sliced_wasserstein1_2d(&a, &shifted_2d(&a, s), 360);
            let expected = 2.0 / PI * shift;
            assert!(
                (w - expected).abs() < 1e-3 * shift,
                "{s:?}: {w} vs {expected}"
            );
        }
        // One direction is the x-axis alone.
        let w = sliced_wasserstein1_2d(&a, &shifted_2d(&a, [0.0, 3.0]), 1);
        assert!(w.abs() < 1e-12, "{w}");
    }

    #[test]
    fn ring_and_grid_have_their_modes() {
        let ring = ring_modes(8, 2.0);
        assert_eq!(ring.len(), 8);
        assert_eq!(ring[0], [2.0, 0.0]);
        for (k, m) in ring.iter().enumerate() {
            assert!((m[0].hypot(m[1]) - 2.0).abs() < 1e-12);
            let next = ring[(k + 1) % 8];
            // Neighbours are a chord 2·r·sin(π/8) apart.
            let chord = (m[0] - next[0]).hypot(m[1] - next[1]);
            assert!((chord - 4.0 * (PI / 8.0).sin()).abs() < 1e-12);
        }
        let grid = grid_modes();
        assert_eq!(grid.len(), 25);
        assert!(grid.contains(&[-4.0, 4.0]) && grid.contains(&[0.0, 0.0]));
        for m in &grid {
            assert_eq!(grid.iter().filter(|g| *g == m).count(), 1);
        }
    }

    #[test]
    fn every_ring_mode_sampled_is_covered() {
        let modes = ring_modes(8, 2.0);
        let exact: Vec<[f64; 2]> = modes.iter().cycle().take(80).copied().collect();
        assert_eq!(
            mode_coverage(&exact, &modes, RING_SIGMA),
            ModeReport {
                modes_covered: 8,
                total_modes: 8,
                high_quality_fraction: 1.0
            }
        );

        // Drawn from the mixture itself: in 2-D, P(r > 3σ) = e^{−4.5} ≈ 1.1%.
        let mut r = rng(7);
        let drawn: Vec<[f64; 2]> = (0..8000)
            .map(|i| {
                let m = modes[i % 8];
                [
                    m[0] + RING_SIGMA * normal(&mut r),
                    m[1] + RING_SIGMA * normal(&mut r),
                ]
            })
            .collect();
        let report = mode_coverage(&drawn, &modes, RING_SIGMA);
        assert_eq!(report.modes_covered, 8);
        let expected = 1.0 - (-4.5f64).exp();
        assert!(
            (report.high_quality_fraction - expected).abs() < 0.005,
            "{report:?}"
        );

        let grid = grid_modes();
        let report = mode_coverage(&grid, &grid, GRID_SIGMA);
        assert_eq!((report.modes_covered, report.total_modes), (25, 25));
    }

    #[test]
    fn a_collapsed_generator_covers_few_modes() {
        let modes = ring_modes(8, 2.0);
        let mut r = rng(8);
        // 30 good samples from modes 0, 1 and 2, then 10 junk points: the centre of the
        // ring (2 from every mode) and far away.
        let mut samples: Vec<[f64; 2]> = (0..30)
            .map(|i| {
                let m = modes[i % 3];
                let (dx, dy) = (r.random_range(-1.0..1.0), r.random_range(-1.0..1.0));
                [m[0] + RING_SIGMA * dx, m[1] + RING_SIGMA * dy]
            })
            .collect();
        samples.extend([[0.0, 0.0]; 5]);
        samples.extend([[40.0, -40.0]; 5]);
        let report = mode_coverage(&samples, &modes, RING_SIGMA);
        assert_eq!((report.modes_covered, report.total_modes), (3, 8));
        assert!(
            (report.high_quality_fraction - 0.75).abs() < 1e-15,
            "{report:?}"
        );

        // All on one mode: one mode, every sample high quality.
        let collapsed = vec![modes[5]; 100];
        let report = mode_coverage(&collapsed, &modes, RING_SIGMA);
        assert_eq!(
            (report.modes_covered, report.high_quality_fraction),
            (1, 1.0)
        );

        // Exactly 3σ away is still high quality; a little further is not (σ = ¼ keeps
        // the arithmetic exact).
        let edge = [[2.75, 0.0], [2.875, 0.0]];
        let report = mode_coverage(&edge, &modes, 0.25);
        assert_eq!(
            (report.modes_covered, report.high_quality_fraction),
            (1, 0.5)
        );
        // Nothing to measure.
        let empty = mode_coverage(&[], &modes, RING_SIGMA);
        assert_eq!((empty.modes_covered, empty.high_quality_fraction), (0, 0.0));
        let none = mode_coverage(&samples, &[], RING_SIGMA);
        assert_eq!((none.modes_covered, none.total_modes), (0, 0));
    }

    #[test]
    fn frechet_distance_of_gaussians() {
        let mut r = rng(5);
        let draw = |n: usize, shift: f64, scale: f64, r: &mut Xoshiro256PlusPlus| -> Vec<f32> {
            (0..n * 3)
                .map(|_| (shift + scale * normal(r)) as f32)
                .collect()
        };
        let a = draw(20000, 0.0, 1.0, &mut r);
        let b = draw(20000, 0.0, 1.0, &mut r);
        // One distribution: only sampling noise (~dims²/n).
        assert!(
            frechet_distance(&a, &b, 3) < 0.02,
            "{}",
            frechet_distance(&a, &b, 3)
        );
        // Shifted by 2 in every one of 3 dimensions: ‖Δμ‖² = 12.
        let c = draw(20000, 2.0, 1.0, &mut r);
        assert!(
            (frechet_distance(&a, &c, 3) - 12.0).abs() < 0.3,
            "{}",
            frechet_distance(&a, &c, 3)
        );
        // σ 1 against σ 2 per dimension: 3·(1 + 4 − 2·2) = 3.
        let d = draw(20000, 0.0, 2.0, &mut r);
        assert!(
            (frechet_distance(&a, &d, 3) - 3.0).abs() < 0.2,
            "{}",
            frechet_distance(&a, &d, 3)
        );
        assert!(frechet_distance(&a[..3], &b, 3).is_nan());
    }
}
