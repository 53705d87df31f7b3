//! The minimax game's view model: what each panel of the 1-D and 2-D views draws, computed
//! in plain Rust from numbers read back from the device, so that native tests can check it
//! on small hand-made inputs. [`super::toy::ToyGan::view`] runs the networks and hands the
//! numbers here.
//! - [`FieldGrid`]: where D's field over the plane (or the line) is evaluated;
//! - [`manifold_noise`]: the z grid whose image under G is the generator's manifold;
//! - [`field_kind`] and [`FieldKind::read`]: how D's raw output reads on each objective;
//! - [`distances`], [`game_metrics`]: how far p_g is from p_data, and how the game stands;
//! - [`game_view`]: all of it as the [`GameView`] the page gets.

use serde::{Deserialize, Serialize};

use crate::data::toy::{DataSet, NoiseKind};
use crate::metrics::{self, ModeReport};
use crate::objectives::GanObjective;
use crate::objectives::scalar::{log_sigmoid, sigmoid};

use super::toy::IterationLosses;

/// Points a view shows of each of p_data and p_g, and the grids it draws on.
pub const VIEW_SAMPLES: usize = 512;
const FIELD_CELLS_2D: usize = 48;
const FIELD_CELLS_1D: usize = 200;
const MANIFOLD_LINES: usize = 15;
/// Histogram bins per axis of the grid JS and KL (1-D, 2-D) and the sliced W1's directions.
const DIVERGENCE_BINS_1D: usize = 60;
const DIVERGENCE_BINS_2D: usize = 30;
const W1_DIRECTIONS: usize = 32;

/// How D's output on the field is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// D(x) = σ(score), the probability that x is real (minimax and non-saturating).
    Probability,
    /// The WGAN critic's value f(x), unbounded.
    Critic,
    /// LSGAN's D(x), regressed to 1 on real and 0 on fake.
    Lsgan,
}

impl FieldKind {
    /// D's raw output (a score, a critic value, LSGAN's output) as the views show it.
    pub fn read(self, score: f64) -> f64 {
        match self {
            Self::Probability => sigmoid(score),
            Self::Critic | Self::Lsgan => score,
        }
    }
}

/// How D's output is read under `objective`.
pub fn field_kind(objective: GanObjective) -> FieldKind {
    match objective {
        GanObjective::Minimax | GanObjective::NonSaturating => FieldKind::Probability,
        // The hinge's D is a score with margins at ±1, unbounded like a critic's.
        GanObjective::Wgan { .. } | GanObjective::WganGp { .. } | GanObjective::Hinge => {
            FieldKind::Critic
        }
        GanObjective::Lsgan => FieldKind::Lsgan,
    }
}

/// D's output on a grid over the view's window, row-major with y from its bottom (1-D: one
/// row of `nx` points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub nx: usize,
    pub ny: usize,
    pub values: Vec<f32>,
    pub kind: FieldKind,
}

/// A grid in z space pushed through G: the generator's manifold (2-D data only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifold {
    pub nx: usize,
    pub ny: usize,
    pub points: Vec<[f64; 2]>,
}

/// How the game stands, measured on fresh samples (THEORY.md §2–§4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameMetrics {
    pub iteration: u64,
    /// V(D, G) = E ln D(x) + E ln(1 − D(G(z))): −ln 4 at the equilibrium (JS games only).
    pub value: Option<f64>,
    /// Mean D output on real and on fake points (½ at the equilibrium of the JS games).
    pub mean_d_real: f64,
    pub mean_d_fake: f64,
    /// E f(x) − E f(G(z)), the critic's estimate of W1 (WGAN only).
    pub critic_gap: Option<f64>,
    /// JS(p_data, p_g) and KL(p_data ‖ p_g) on a grid, in nats.
    pub js: f64,
    pub kl: f64,
    /// Wasserstein-1: exact in 1-D, sliced in 2-D.
    pub w1: f64,
    /// ‖∇θ_G‖ of the saturating and the non-saturating loss, on the same D and z.
    pub grad_saturating: f64,
    pub grad_non_saturating: f64,
    /// Ring and grid only.
    pub modes: Option<ModeReport>,
}

/// Everything the 1-D and 2-D views draw, from one read-back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameView {
    pub iteration: u64,
    pub dims: usize,
    /// [x_min, x_max, y_min, y_max].
    pub extent: [f64; 4],
    pub real: Vec<Vec<f64>>,
    pub fake: Vec<Vec<f64>>,
    /// The first one or two noise coordinates of each fake point.
    pub z: Vec<Vec<f64>>,
    /// −∂(G's loss)/∂x at each fake point: where G's next step pushes it.
    pub arrows: Vec<Vec<f64>>,
    pub field: Field,
    pub manifold: Option<Manifold>,
    /// p_data at the field's x values (built-in 1-D sets).
    pub density: Option<Vec<f64>>,
    pub metrics: GameMetrics,
    pub losses: Option<IterationLosses>,
}

/// The points D's field is evaluated at: cell centres over the window `extent`, row-major
/// with y from the bottom (1-D: one row along x).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldGrid {
    pub nx: usize,
    pub ny: usize,
    /// The x of each column.
    pub xs: Vec<f64>,
    /// Every point, `dims` coordinates each.
    pub points: Vec<f64>,
}

/// The centre of cell `i` of `cells` equal cells over [low, high].
fn cell_centre(i: usize, cells: usize, low: f64, high: f64) -> f64 {
    low + (high - low) * (i as f64 + 0.5) / cells as f64
}

impl FieldGrid {
    pub fn new(dims: usize, extent: [f64; 4]) -> Self {
        let [x0, x1, y0, y1] = extent;
        let (nx, ny) = if dims == 2 {
            (FIELD_CELLS_2D, FIELD_CELLS_2D)
        } else {
            (FIELD_CELLS_1D, 1)
        };
        let xs: Vec<f64> = (0..nx).map(|i| cell_centre(i, nx, x0, x1)).collect();
        let points = if dims == 2 {
            (0..ny)
                .flat_map(|j| {
                    let y = cell_centre(j, ny, y0, y1);
                    xs.iter().flat_map(move |&x| [x, y])
                })
                .collect()
        } else {
            xs.clone()
        };
        Self { nx, ny, xs, points }
    }

    /// How many points the grid has.
    pub fn len(&self) -> usize {
        self.nx * self.ny
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// D's raw outputs at the grid's points, read as `kind`.
    pub fn field(&self, scores: &[f32], kind: FieldKind) -> Field {
        Field {
            nx: self.nx,
            ny: self.ny,
            values: scores
                .iter()
                .map(|&s| kind.read(f64::from(s)) as f32)
                .collect(),
            kind,
        }
    }
}

/// The z grid behind the manifold (2-D data only): `(nx, ny, z rows)`, a grid over the first
/// two noise coordinates (the rest 0) reaching where most of p_z is; with one noise
/// coordinate, a single line of points.
pub fn manifold_noise(
    dims: usize,
    noise: NoiseKind,
    noise_dim: usize,
) -> Option<(usize, usize, Vec<f64>)> {
    if dims != 2 {
        return None;
    }
    let (nx, ny) = manifold_shape(noise_dim);
    let reach = match noise {
        NoiseKind::Gaussian => 2.0,
        NoiseKind::Uniform => 1.0,
    };
    let along = |i: usize, cells: usize| {
        if cells == 1 {
            0.0
        } else {
            -reach + 2.0 * reach * i as f64 / (cells - 1) as f64
        }
    };
    let zs = (0..ny)
        .flat_map(|j| {
            (0..nx).flat_map(move |i| {
                let mut z = vec![0.0; noise_dim];
                z[0] = along(i, nx);
                if noise_dim >= 2 {
                    z[1] = along(j, ny);
                }
                z
            })
        })
        .collect();
    Some((nx, ny, zs))
}

/// Rows of `values` with `cols` numbers each.
pub fn rows(values: &[f32], cols: usize) -> Vec<Vec<f64>> {
    values
        .chunks_exact(cols)
        .map(|c| c.iter().map(|&v| f64::from(v)).collect())
        .collect()
}

/// The first one or two coordinates of each z (the ones the 1-D figure and the manifold
/// use).
pub fn z_shown(z_rows: &[f64], noise_dim: usize) -> Vec<Vec<f64>> {
    z_rows
        .chunks_exact(noise_dim)
        .map(|z| z.iter().take(2).copied().collect())
        .collect()
}

fn mean(values: impl ExactSizeIterator<Item = f64>) -> f64 {
    let n = values.len().max(1) as f64;
    values.sum::<f64>() / n
}

/// JS and KL on a histogram grid over the window, and W1 (exact in 1-D, sliced in 2-D).
pub fn distances(
    dims: usize,
    real: &[Vec<f64>],
    fake: &[Vec<f64>],
    extent: [f64; 4],
) -> (f64, f64, f64) {
    let [x0, x1, y0, y1] = extent;
    if dims == 1 {
        let first = |v: &[Vec<f64>]| v.iter().map(|p| p[0]).collect::<Vec<_>>();
        let (a, b) = (first(real), first(fake));
        (
            metrics::js_divergence_grid_1d(&a, &b, DIVERGENCE_BINS_1D, (x0, x1)),
            metrics::kl_divergence_grid_1d(&a, &b, DIVERGENCE_BINS_1D, (x0, x1)),
            metrics::wasserstein1_1d(&a, &b),
        )
    } else {
        let (a, b) = (pairs(real), pairs(fake));
        let range = ([x0, y0], [x1, y1]);
        (
            metrics::js_divergence_grid_2d(&a, &b, DIVERGENCE_BINS_2D, range),
            metrics::kl_divergence_grid_2d(&a, &b, DIVERGENCE_BINS_2D, range),
            metrics::sliced_wasserstein1_2d(&a, &b, W1_DIRECTIONS),
        )
    }
}

fn pairs(points: &[Vec<f64>]) -> Vec<[f64; 2]> {
    points.iter().map(|p| [p[0], p[1]]).collect()
}

/// What was read back for one view, as plain numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewNumbers {
    pub iteration: u64,
    /// Real and fake points, `dims` coordinates each.
    pub real: Vec<f32>,
    pub fake: Vec<f32>,
    /// The noise each fake came from, `noise_dim` coordinates each.
    pub z: Vec<f64>,
    /// D's raw outputs on the real and the fake points.
    pub real_scores: Vec<f32>,
    pub fake_scores: Vec<f32>,
    /// −n·∂(G's loss)/∂x at each fake point.
    pub arrows: Vec<f32>,
    /// D's raw outputs on [`FieldGrid::points`].
    pub field_scores: Vec<f32>,
    /// G's outputs on [`manifold_noise`]'s grid (2-D data only).
    pub manifold: Option<Vec<f32>>,
    /// ‖∇θ_G‖² of the saturating and the non-saturating loss.
    pub grad_saturating_squared: f32,
    pub grad_non_saturating_squared: f32,
}

/// How the game stands: V(D, G) and the mean D outputs read as `kind`, the critic's gap,
/// the distances, G's gradient norms, and (ring and grid) the modes the fakes cover.
pub fn game_metrics(
    numbers: &ViewNumbers,
    kind: FieldKind,
    data: &DataSet,
    real: &[Vec<f64>],
    fake: &[Vec<f64>],
) -> GameMetrics {
    let scores = |s: &[f32]| s.iter().map(|&v| f64::from(v)).collect::<Vec<_>>();
    let (real_scores, fake_scores) = (scores(&numbers.real_scores), scores(&numbers.fake_scores));
    let mean_d_real = mean(real_scores.iter().map(|&s| kind.read(s)));
    let mean_d_fake = mean(fake_scores.iter().map(|&s| kind.read(s)));
    let value = (kind == FieldKind::Probability).then(|| {
        mean(real_scores.iter().map(|&s| log_sigmoid(s)))
            + mean(fake_scores.iter().map(|&s| log_sigmoid(-s)))
    });
    let critic_gap = (kind == FieldKind::Critic).then_some(mean_d_real - mean_d_fake);
    let (js, kl, w1) = distances(data.dims(), real, fake, data.extent());
    let modes = data
        .modes()
        .map(|(modes, sigma)| metrics::mode_coverage(&pairs(fake), &modes, sigma));
    GameMetrics {
        iteration: numbers.iteration,
        value,
        mean_d_real,
        mean_d_fake,
        critic_gap,
        js,
        kl,
        w1,
        grad_saturating: f64::from(numbers.grad_saturating_squared).sqrt(),
        grad_non_saturating: f64::from(numbers.grad_non_saturating_squared).sqrt(),
        modes,
    }
}

/// p_data at the grid's x values, for the built-in 1-D sets.
pub fn density_line(data: &DataSet, xs: &[f64]) -> Option<Vec<f64>> {
    data.density(0.0)
        .map(|_| xs.iter().filter_map(|&x| data.density(x)).collect())
}

/// The view of a game on `data` under `objective`, from the numbers read back for it.
pub fn game_view(
    data: &DataSet,
    objective: GanObjective,
    noise_dim: usize,
    numbers: &ViewNumbers,
    losses: Option<IterationLosses>,
) -> GameView {
    let dims = data.dims();
    let extent = data.extent();
    let grid = FieldGrid::new(dims, extent);
    let kind = field_kind(objective);
    let real = rows(&numbers.real, dims);
    let fake = rows(&numbers.fake, dims);
    let metrics = game_metrics(numbers, kind, data, &real, &fake);
    let manifold = numbers.manifold.as_ref().map(|points| {
        let (nx, ny) = manifold_shape(noise_dim);
        Manifold {
            nx,
            ny,
            points: points
                .chunks_exact(2)
                .map(|c| [f64::from(c[0]), f64::from(c[1])])
                .collect(),
        }
    });
    GameView {
        iteration: numbers.iteration,
        dims,
        extent,
        real,
        fake,
        z: z_shown(&numbers.z, noise_dim),
        arrows: rows(&numbers.arrows, dims),
        field: grid.field(&numbers.field_scores, kind),
        manifold,
        density: density_line(data, &grid.xs),
        metrics,
        losses,
    }
}

/// The manifold grid's shape for `noise_dim` noise coordinates.
fn manifold_shape(noise_dim: usize) -> (usize, usize) {
    if noise_dim >= 2 {
        (MANIFOLD_LINES, MANIFOLD_LINES)
    } else {
        (4 * MANIFOLD_LINES, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::toy::{Toy1d, Toy2d};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_field_grid_covers_the_window_from_its_bottom_row() {
        let extent = [-3.0, 3.0, -1.0, 5.0];
        let grid = FieldGrid::new(2, extent);
        assert_eq!(grid.points.len(), 2 * grid.len());
        let (xs, ys): (Vec<f64>, Vec<f64>) =
            grid.points.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
        // Cell centres: half a cell in from each edge, so the cells tile the window.
        let half_x = 6.0 / grid.nx as f64 / 2.0;
        let half_y = 6.0 / grid.ny as f64 / 2.0;
        let low = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let high = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(close(low(&xs), -3.0 + half_x) && close(high(&xs), 3.0 - half_x));
        assert!(close(low(&ys), -1.0 + half_y) && close(high(&ys), 5.0 - half_y));
        // Row-major, y from the bottom: the first row is the lowest, x runs along it.
        assert!(ys[..grid.nx].iter().all(|&y| close(y, -1.0 + half_y)));
        assert_eq!(xs[..grid.nx], grid.xs[..]);

        let line = FieldGrid::new(1, DataSet::from(Toy1d::Gaussian).extent());
        assert_eq!((line.ny, line.points.len()), (1, line.nx));
        assert_eq!(line.points, line.xs);
    }

    #[test]
    fn d_reads_as_a_probability_only_in_the_js_games() {
        assert_eq!(
            field_kind(GanObjective::NonSaturating),
            FieldKind::Probability
        );
        assert_eq!(field_kind(GanObjective::Minimax), FieldKind::Probability);
        assert_eq!(
            field_kind(GanObjective::Wgan { clip: 0.01 }),
            FieldKind::Critic
        );
        assert_eq!(
            field_kind(GanObjective::WganGp { lambda: 10.0 }),
            FieldKind::Critic
        );
        assert_eq!(field_kind(GanObjective::Lsgan), FieldKind::Lsgan);
        assert_eq!(field_kind(GanObjective::Hinge), FieldKind::Critic);
        assert!(close(FieldKind::Probability.read(0.0), 0.5));
        assert!(close(FieldKind::Critic.read(-3.5), -3.5));
        let field = FieldGrid::new(1, [0.0, 1.0, 0.0, 1.0]).field(&[0.0, 2.0], FieldKind::Lsgan);
        assert_eq!(field.values, [0.0, 2.0]);
    }

    #[test]
    fn the_manifold_grid_spans_where_the_noise_is() {
        assert_eq!(manifold_noise(1, NoiseKind::Gaussian, 2), None);
        let (nx, ny, zs) = manifold_noise(2, NoiseKind::Gaussian, 3).unwrap();
        assert_eq!(zs.len(), nx * ny * 3);
        let z: Vec<&[f64]> = zs.chunks_exact(3).collect();
        // Corners at ±2σ on the first two coordinates; the rest held at 0.
        assert_eq!(z[0], [-2.0, -2.0, 0.0]);
        assert_eq!(z[nx * ny - 1], [2.0, 2.0, 0.0]);
        assert!(z.iter().all(|z| z[2] == 0.0));
        // One noise coordinate: a single line across U(−1, 1).
        let (nx, ny, zs) = manifold_noise(2, NoiseKind::Uniform, 1).unwrap();
        assert_eq!((ny, zs.len()), (1, nx));
        assert_eq!((zs[0], zs[nx - 1]), (-1.0, 1.0));
    }

    fn numbers(real: Vec<f32>, fake: Vec<f32>, real_scores: f32, fake_scores: f32) -> ViewNumbers {
        let n = real.len();
        ViewNumbers {
            iteration: 7,
            z: vec![0.5; n * 3],
            real_scores: vec![real_scores; n],
            fake_scores: vec![fake_scores; n],
            arrows: vec![1.0; n],
            field_scores: vec![0.0; FieldGrid::new(1, [0.0; 4]).len()],
            manifold: None,
            grad_saturating_squared: 9.0,
            grad_non_saturating_squared: 16.0,
            real,
            fake,
        }
    }

    #[test]
    fn at_the_equilibrium_the_value_is_minus_ln_4() {
        let points = vec![-1.0, 0.0, 1.0, 2.0];
        // D = ½ everywhere (score 0) and p_g = p_data.
        let numbers = numbers(points.clone(), points, 0.0, 0.0);
        let data = DataSet::from(Toy1d::Gaussian);
        let view = game_view(&data, GanObjective::Minimax, 3, &numbers, None);
        let m = view.metrics;
        assert!(close(m.value.unwrap(), -(4.0f64).ln()));
        assert!(close(m.mean_d_real, 0.5) && close(m.mean_d_fake, 0.5));
        assert_eq!((m.js, m.kl, m.w1), (0.0, 0.0, 0.0));
        assert_eq!(m.critic_gap, None);
        assert_eq!((m.grad_saturating, m.grad_non_saturating), (3.0, 4.0));
        assert_eq!((m.iteration, m.modes), (7, None));
        // The 1-D figure's pieces: rows of one, the first two z coordinates, the density.
        assert_eq!(view.real, [[-1.0], [0.0], [1.0], [2.0]]);
        assert_eq!(view.z[0], [0.5, 0.5]);
        assert_eq!(view.arrows.len(), 4);
        assert_eq!(view.field.values.len(), view.field.nx);
        let density = view.density.unwrap();
        assert_eq!(density.len(), view.field.nx);
        // N(0, 1)'s density peaks at the middle of its symmetric window.
        let peak = density.iter().copied().fold(0.0, f64::max);
        assert!(close(peak, density[view.field.nx / 2]));
    }

    #[test]
    fn the_critic_gap_and_w1_of_a_shifted_generator() {
        // Fakes one to the left of the reals; the critic says 3 on real and 1 on fake.
        let real = vec![0.0, 1.0, 2.0, 3.0];
        let fake = real.iter().map(|x| x - 1.0).collect();
        let numbers = numbers(real, fake, 3.0, 1.0);
        let data = DataSet::from(Toy1d::Uniform);
        let m = game_view(&data, GanObjective::Wgan { clip: 0.01 }, 3, &numbers, None).metrics;
        assert_eq!(m.value, None);
        assert!(close(m.critic_gap.unwrap(), 2.0));
        assert!(close(m.w1, 1.0));
        assert!(m.js > 0.0 && m.kl > 0.0);
    }

    #[test]
    fn modes_are_counted_on_the_ring() {
        let data = DataSet::from(Toy2d::Ring);
        // Every fake on the mode at (2, 0): one of eight covered.
        let real: Vec<f32> = (0..8).flat_map(|_| [2.0, 0.0]).collect();
        let mut numbers = numbers(real.clone(), real, 0.0, 0.0);
        numbers.field_scores = vec![0.0; FieldGrid::new(2, data.extent()).len()];
        let (nx, ny, _) = manifold_noise(2, NoiseKind::Gaussian, 2).unwrap();
        numbers.manifold = Some(vec![0.0; 2 * nx * ny]);
        numbers.arrows = vec![0.0; 16];
        let view = game_view(&data, GanObjective::NonSaturating, 2, &numbers, None);
        let modes = view.metrics.modes.unwrap();
        assert_eq!((modes.modes_covered, modes.total_modes), (1, 8));
        let manifold = view.manifold.unwrap();
        assert_eq!(
            (manifold.nx, manifold.ny, manifold.points.len()),
            (nx, ny, nx * ny)
        );
        assert_eq!(view.density, None);
    }
}
