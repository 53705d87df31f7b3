//! The 1-D and 2-D distributions of the minimax-game views (THEORY.md §2–§4), and the
//! generator's noise. Each is sampled from the seeded stream, and the ring and grid also
//! name their modes so that mode collapse can be measured.

use std::f64::consts::PI;

use rand::{Rng, RngExt};
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};

use crate::data::points::{MAX_POINTS, check_coordinates};
use crate::error::{PlaygroundError, Result};
use crate::metrics;
use crate::serde_names::variant_name;

fn normal(rng: &mut impl Rng) -> f64 {
    rng.sample::<f64, _>(StandardNormal)
}

fn uniform(rng: &mut impl Rng, low: f64, high: f64) -> f64 {
    low + (high - low) * rng.random::<f64>()
}

/// Real data on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Toy1d {
    /// N(0, 1).
    Gaussian,
    /// ½ N(−2, 0.5²) + ½ N(2, 0.5²).
    TwoGaussians,
    /// ⅓ each of N(−3, 0.4²), N(0, 0.4²), N(3, 0.4²).
    ThreeGaussians,
    /// U(−2, 2).
    Uniform,
    /// Uniform on [−3, −2] ∪ [2, 3]: supports a generator near 0 does not touch, so JS is
    /// flat at ln 2 while the Wasserstein distance still shrinks.
    BimodalGap,
}

impl Toy1d {
    pub const ALL: [Toy1d; 5] = [
        Self::Gaussian,
        Self::TwoGaussians,
        Self::ThreeGaussians,
        Self::Uniform,
        Self::BimodalGap,
    ];

    /// The name the page and the JS API use ("two-gaussians").
    pub fn name(self) -> &'static str {
        variant_name::<Self>(self as usize)
    }

    pub fn sample(self, rng: &mut impl Rng) -> f64 {
        fn mixture(rng: &mut impl Rng, means: &[f64], sd: f64) -> f64 {
            means[rng.random_range(0..means.len())] + sd * normal(rng)
        }
        match self {
            Self::Gaussian => normal(rng),
            Self::TwoGaussians => mixture(rng, &[-2.0, 2.0], 0.5),
            Self::ThreeGaussians => mixture(rng, &[-3.0, 0.0, 3.0], 0.4),
            Self::Uniform => uniform(rng, -2.0, 2.0),
            Self::BimodalGap => {
                let x = uniform(rng, 2.0, 3.0);
                if rng.random::<bool>() { x } else { -x }
            }
        }
    }

    pub fn samples(self, n: usize, rng: &mut impl Rng) -> Vec<f64> {
        (0..n).map(|_| self.sample(rng)).collect()
    }

    /// The exact density p_data(x), for drawing the data curve.
    pub fn density(self, x: f64) -> f64 {
        let gauss =
            |x: f64, m: f64, s: f64| (-0.5 * ((x - m) / s).powi(2)).exp() / (s * (2.0 * PI).sqrt());
        match self {
            Self::Gaussian => gauss(x, 0.0, 1.0),
            Self::TwoGaussians => 0.5 * (gauss(x, -2.0, 0.5) + gauss(x, 2.0, 0.5)),
            Self::ThreeGaussians => {
                [-3.0, 0.0, 3.0]
                    .iter()
                    .map(|&m| gauss(x, m, 0.4))
                    .sum::<f64>()
                    / 3.0
            }
            Self::Uniform => {
                if (-2.0..=2.0).contains(&x) {
                    0.25
                } else {
                    0.0
                }
            }
            Self::BimodalGap => {
                if (2.0..=3.0).contains(&x.abs()) {
                    0.5
                } else {
                    0.0
                }
            }
        }
    }
}

/// Real data in the plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Toy2d {
    /// 8 Gaussians on a circle of radius 2, σ 0.02: the classic mode-collapse test.
    Ring,
    /// 25 Gaussians with means in {−4, −2, 0, 2, 4}², σ 0.05.
    Grid,
    /// Two interleaved half circles, with noise 0.05.
    TwoMoons,
    /// A two-turn spiral, with noise 0.05.
    Spiral,
    /// The segment from (−2, −2) to (2, 2): a 1-D manifold in the plane.
    Line,
}

impl Toy2d {
    pub const ALL: [Toy2d; 5] = [
        Self::Ring,
        Self::Grid,
        Self::TwoMoons,
        Self::Spiral,
        Self::Line,
    ];

    /// The name the page and the JS API use ("two-moons").
    pub fn name(self) -> &'static str {
        variant_name::<Self>(self as usize)
    }

    /// The means of the mixture and its σ, where the data is one (ring and grid).
    pub fn modes(self) -> Option<(Vec<[f64; 2]>, f64)> {
        // One list of modes, the one mode collapse is measured against.
        match self {
            Self::Ring => Some((metrics::ring_modes(8, 2.0), metrics::RING_SIGMA)),
            Self::Grid => Some((metrics::grid_modes(), metrics::GRID_SIGMA)),
            _ => None,
        }
    }

    pub fn sample(self, rng: &mut impl Rng) -> [f64; 2] {
        if let Some((modes, sigma)) = self.modes() {
            let m = modes[rng.random_range(0..modes.len())];
            return [m[0] + sigma * normal(rng), m[1] + sigma * normal(rng)];
        }
        fn jitter(rng: &mut impl Rng) -> f64 {
            0.05 * normal(rng)
        }
        match self {
            Self::TwoMoons => {
                let t = uniform(rng, 0.0, PI);
                let (x, y) = if rng.random::<bool>() {
                    (t.cos(), t.sin())
                } else {
                    (1.0 - t.cos(), 0.5 - t.sin())
                };
                // Centred and scaled to about the same extent as the ring.
                [
                    1.5 * (x - 0.5) + jitter(rng),
                    1.5 * (y - 0.25) + jitter(rng),
                ]
            }
            Self::Spiral => {
                let t = uniform(rng, 0.0, 1.0);
                let (r, a) = (0.3 + 2.2 * t, 4.0 * PI * t);
                [r * a.cos() + jitter(rng), r * a.sin() + jitter(rng)]
            }
            Self::Line => {
                let t = uniform(rng, -2.0, 2.0);
                [t, t]
            }
            Self::Ring | Self::Grid => unreachable!("mixtures are sampled above"),
        }
    }

    pub fn samples(self, n: usize, rng: &mut impl Rng) -> Vec<[f64; 2]> {
        (0..n).map(|_| self.sample(rng)).collect()
    }
}

/// The real data of a 1-D or 2-D game: a built-in set, or points a person drew or uploaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataSet {
    Line(Toy1d),
    Plane(Toy2d),
    /// The empirical distribution of `points` (row-major, `dims` coordinates each): a
    /// minibatch draws them with replacement.
    Points {
        dims: usize,
        points: Vec<f64>,
    },
}

impl From<Toy1d> for DataSet {
    fn from(set: Toy1d) -> Self {
        Self::Line(set)
    }
}

impl From<Toy2d> for DataSet {
    fn from(set: Toy2d) -> Self {
        Self::Plane(set)
    }
}

impl DataSet {
    /// A built-in set by name: the 1-D ones, then the 2-D ones.
    pub fn named(name: &str) -> Result<Self> {
        Toy1d::ALL
            .iter()
            .find(|set| set.name() == name)
            .map(|&set| Self::Line(set))
            .or_else(|| {
                Toy2d::ALL
                    .iter()
                    .find(|set| set.name() == name)
                    .map(|&set| Self::Plane(set))
            })
            .ok_or_else(|| {
                let names: Vec<&str> = Toy1d::ALL
                    .iter()
                    .map(|s| s.name())
                    .chain(Toy2d::ALL.iter().map(|s| s.name()))
                    .collect();
                PlaygroundError::invalid(
                    "data",
                    format!(
                        "unknown data set \"{name}\" (use {}, or points)",
                        names.join(", ")
                    ),
                )
            })
    }

    /// The set's name ("points" for a drawing or an upload).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Line(set) => set.name(),
            Self::Plane(set) => set.name(),
            Self::Points { .. } => "points",
        }
    }

    /// Drawn or uploaded points, checked: 1 or 2 coordinates, finite, 1 to [`MAX_POINTS`].
    pub fn points(points: &[Vec<f64>]) -> Result<Self> {
        let dims = points.first().map_or(0, Vec::len);
        if points.is_empty() {
            return Err(PlaygroundError::BadData(
                "the drawing has no points: draw some with the brush first".into(),
            ));
        }
        if !(1..=2).contains(&dims) || points.iter().any(|p| p.len() != dims) {
            return Err(PlaygroundError::BadData(
                "every point needs the same number of coordinates, 1 or 2".into(),
            ));
        }
        if points.len() > MAX_POINTS {
            return Err(PlaygroundError::BadData(format!(
                "more than {MAX_POINTS} points"
            )));
        }
        check_coordinates(points.iter().map(Vec::as_slice))?;
        Ok(Self::Points {
            dims,
            points: points.concat(),
        })
    }

    /// Coordinates per point.
    pub fn dims(&self) -> usize {
        match self {
            Self::Line(_) => 1,
            Self::Plane(_) => 2,
            Self::Points { dims, .. } => *dims,
        }
    }

    /// `n` samples, row-major.
    pub fn sample_rows(&self, n: usize, rng: &mut impl Rng) -> Vec<f64> {
        match self {
            Self::Line(set) => set.samples(n, rng),
            Self::Plane(set) => set.samples(n, rng).into_iter().flatten().collect(),
            Self::Points { dims, points } => {
                let count = points.len() / dims;
                (0..n)
                    .flat_map(|_| {
                        let i = rng.random_range(0..count) * dims;
                        points[i..i + dims].to_vec()
                    })
                    .collect()
            }
        }
    }

    /// The window the views draw, [x_min, x_max, y_min, y_max] (1-D: y is [0, 1]).
    pub fn extent(&self) -> [f64; 4] {
        match self {
            Self::Line(_) => [-4.5, 4.5, 0.0, 1.0],
            Self::Plane(Toy2d::Grid) => [-5.5, 5.5, -5.5, 5.5],
            Self::Plane(_) => [-3.0, 3.0, -3.0, 3.0],
            Self::Points { dims, points } => {
                // The points' box, grown by a fifth on each side (and to at least 1 wide).
                let axis = |k: usize| {
                    let values = points.iter().skip(k).step_by(*dims);
                    let low = values.clone().copied().fold(f64::INFINITY, f64::min);
                    let high = values.copied().fold(f64::NEG_INFINITY, f64::max);
                    let pad = (0.2 * (high - low)).max(0.5);
                    [low - pad, high + pad]
                };
                let [x0, x1] = axis(0);
                let [y0, y1] = if *dims == 2 { axis(1) } else { [0.0, 1.0] };
                [x0, x1, y0, y1]
            }
        }
    }

    /// The exact density, for the built-in 1-D sets.
    pub fn density(&self, x: f64) -> Option<f64> {
        match self {
            Self::Line(set) => Some(set.density(x)),
            _ => None,
        }
    }

    /// The mixture's modes and σ, for the ring and the grid.
    pub fn modes(&self) -> Option<(Vec<[f64; 2]>, f64)> {
        match self {
            Self::Plane(set) => set.modes(),
            _ => None,
        }
    }
}

/// The generator's noise p_z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum NoiseKind {
    /// U(−1, 1) in every dimension.
    Uniform,
    /// N(0, I).
    #[default]
    Gaussian,
}

/// Most noise dimensions a generator takes.
pub const MAX_NOISE_DIM: usize = 16;

/// `n` noise vectors of `dim` numbers each, row-major.
pub fn noise(kind: NoiseKind, dim: usize, n: usize, rng: &mut impl Rng) -> Result<Vec<f64>> {
    if !(1..=MAX_NOISE_DIM).contains(&dim) {
        return Err(PlaygroundError::invalid(
            "noiseDim",
            format!("must be between 1 and {MAX_NOISE_DIM}, got {dim}"),
        ));
    }
    Ok((0..n * dim)
        .map(|_| match kind {
            NoiseKind::Uniform => uniform(rng, -1.0, 1.0),
            NoiseKind::Gaussian => normal(rng),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::seeded;

    fn mean_sd(v: &[f64]) -> (f64, f64) {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        (
            m,
            (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt(),
        )
    }

    /// Samples have the moments of their distribution, and the densities integrate to 1.
    #[test]
    fn one_dimensional_samples_match_their_densities() {
        let mut rng = seeded(1);
        let expected = [
            (Toy1d::Gaussian, 0.0, 1.0),
            (Toy1d::TwoGaussians, 0.0, (4.0f64 + 0.25).sqrt()),
            (Toy1d::ThreeGaussians, 0.0, (6.0f64 + 0.16).sqrt()),
            (Toy1d::Uniform, 0.0, 4.0 / 12f64.sqrt()),
            (Toy1d::BimodalGap, 0.0, (19.0f64 / 3.0).sqrt()),
        ];
        for (toy, mean, sd) in expected {
            let (m, s) = mean_sd(&toy.samples(40_000, &mut rng));
            assert!(
                (m - mean).abs() < 0.05 && (s - sd).abs() < 0.05,
                "{toy:?}: {m} {s}"
            );
            let dx = 1e-3;
            let mass: f64 = (-8000..8000).map(|i| toy.density(i as f64 * dx) * dx).sum();
            assert!((mass - 1.0).abs() < 2e-3, "{toy:?} integrates to {mass}");
        }
        // The gap really is empty.
        assert!(
            Toy1d::BimodalGap
                .samples(10_000, &mut rng)
                .iter()
                .all(|x| (2.0..=3.0).contains(&x.abs()))
        );
    }

    /// Ring and grid samples sit within 4σ of a mode, and every mode gets samples.
    #[test]
    fn mixtures_cover_their_modes() {
        let mut rng = seeded(2);
        for toy in [Toy2d::Ring, Toy2d::Grid] {
            let (modes, sigma) = toy.modes().unwrap();
            let mut hits = vec![0; modes.len()];
            for p in toy.samples(5_000, &mut rng) {
                let (k, d) = modes
                    .iter()
                    .map(|m| ((p[0] - m[0]).powi(2) + (p[1] - m[1]).powi(2)).sqrt())
                    .enumerate()
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap();
                assert!(
                    d < 6.0 * sigma,
                    "{toy:?}: {p:?} is {d} from its nearest mode"
                );
                hits[k] += 1;
            }
            assert!(hits.iter().all(|&h| h > 0), "{toy:?}: {hits:?}");
        }
        let (ring, _) = Toy2d::Ring.modes().unwrap();
        assert_eq!(ring.len(), 8);
        assert!(
            ring.iter()
                .all(|m| ((m[0].powi(2) + m[1].powi(2)).sqrt() - 2.0).abs() < 1e-12)
        );
        assert_eq!(Toy2d::Grid.modes().unwrap().0.len(), 25);
    }

    #[test]
    fn other_shapes_stay_in_their_extent() {
        let mut rng = seeded(3);
        for toy in [Toy2d::TwoMoons, Toy2d::Spiral, Toy2d::Line] {
            for p in toy.samples(2_000, &mut rng) {
                assert!(p[0].abs() < 3.0 && p[1].abs() < 3.0, "{toy:?}: {p:?}");
            }
        }
        assert!(
            Toy2d::Line
                .samples(100, &mut rng)
                .iter()
                .all(|p| p[0] == p[1])
        );
    }

    #[test]
    fn noise_has_its_shape_and_law() {
        let mut rng = seeded(4);
        let z = noise(NoiseKind::Uniform, 3, 10_000, &mut rng).unwrap();
        assert_eq!(z.len(), 30_000);
        assert!(z.iter().all(|v| (-1.0..1.0).contains(v)));
        let (m, s) = mean_sd(&noise(NoiseKind::Gaussian, 2, 20_000, &mut rng).unwrap());
        assert!(m.abs() < 0.03 && (s - 1.0).abs() < 0.03);
        for dim in [0, 17] {
            let err = noise(NoiseKind::Gaussian, dim, 1, &mut rng)
                .unwrap_err()
                .to_string();
            assert!(err.contains("noiseDim"), "{err}");
        }
    }

    #[test]
    fn data_sets_by_name_and_from_points() {
        for name in ["gaussian", "bimodal-gap", "ring", "two-moons"] {
            assert_eq!(DataSet::named(name).unwrap().name(), name);
        }
        assert_eq!(DataSet::named("ring").unwrap().dims(), 2);
        assert_eq!(DataSet::named("uniform").unwrap().dims(), 1);
        let err = DataSet::named("rnig").unwrap_err().to_string();
        assert!(err.contains("unknown data set \"rnig\""), "{err}");

        let drawn = DataSet::points(&[vec![0.0, 1.0], vec![2.0, 3.0]]).unwrap();
        assert_eq!(drawn.dims(), 2);
        let rows = drawn.sample_rows(100, &mut seeded(1));
        assert_eq!(rows.len(), 200);
        assert!(rows.chunks(2).all(|p| p == [0.0, 1.0] || p == [2.0, 3.0]));
        let [x0, x1, y0, y1] = drawn.extent();
        assert!(x0 < 0.0 && x1 > 2.0 && y0 < 1.0 && y1 > 3.0);

        let empty = DataSet::points(&[]).unwrap_err().to_string();
        assert!(empty.contains("the drawing has no points"), "{empty}");
        assert!(DataSet::points(&[vec![0.0, 1.0], vec![2.0]]).is_err());
        assert!(DataSet::points(&[vec![f64::NAN]]).is_err());
    }
}
