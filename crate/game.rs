//! The GAN as a two-player game (THEORY.md §2–§4): a zero-sum payoff table solved by
//! maximin and minimax (note 000), and the smallest GAN whose training can be watched as a
//! flow in the plane, the "Dirac GAN" of Mescheder et al. (2018).

use serde::{Deserialize, Serialize};

/// Most rows (and columns) of a payoff table: a table a person reads and edits; it also keeps
/// rows × cols far from overflowing.
pub const MAX_SIDE: usize = 100;

/// A zero-sum game with finitely many options: entry (r, c) is what the row player wins
/// (and the column player loses) when they pick row r and column c (note 000).
#[derive(Debug, Clone, PartialEq)]
pub struct PayoffTable {
    rows: usize,
    cols: usize,
    payoff: Vec<f64>,
}

impl PayoffTable {
    /// A `rows` × `cols` table from its payoffs to the row player, row-major.
    pub fn new(rows: usize, cols: usize, payoff: Vec<f64>) -> Result<Self, String> {
        if rows == 0 || cols == 0 {
            return Err(format!(
                "a payoff table needs at least one row and one column, got {rows} × {cols}"
            ));
        }
        if rows > MAX_SIDE || cols > MAX_SIDE {
            return Err(format!(
                "a payoff table has at most {MAX_SIDE} rows and {MAX_SIDE} columns, got {rows} × {cols}"
            ));
        }
        if payoff.len() != rows * cols {
            return Err(format!(
                "a {rows} × {cols} payoff table needs {} payoffs, got {}",
                rows * cols,
                payoff.len()
            ));
        }
        if let Some(i) = payoff.iter().position(|v| !v.is_finite()) {
            return Err(format!(
                "payoff at row {}, column {} is not a finite number: {}",
                i / cols,
                i % cols,
                payoff[i]
            ));
        }
        Ok(Self { rows, cols, payoff })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// What the row player wins at (row, col).
    ///
    /// # Panics
    /// If the cell is outside the table.
    pub fn payoff(&self, row: usize, col: usize) -> f64 {
        assert!(row < self.rows && col < self.cols, "no cell ({row}, {col})");
        self.payoff[row * self.cols + col]
    }

    /// The row player's cautious choice: the row whose worst case (smallest payoff) is
    /// largest, and that guaranteed value. Ties go to the first such row.
    pub fn maximin(&self) -> (usize, f64) {
        let worst = |r: usize| {
            (0..self.cols)
                .map(|c| self.payoff(r, c))
                .fold(f64::INFINITY, f64::min)
        };
        best_by(self.rows, worst, |new, old| new > old)
    }

    /// The column player's cautious choice: the column where the row player's best case
    /// (largest payoff) is smallest, and that value. Ties go to the first such column.
    pub fn minimax(&self) -> (usize, f64) {
        let best = |c: usize| {
            (0..self.rows)
                .map(|r| self.payoff(r, c))
                .fold(f64::NEG_INFINITY, f64::max)
        };
        best_by(self.cols, best, |new, old| new < old)
    }

    /// The cell (row, column) where neither player gains by changing alone: it exists
    /// exactly when maximin equals minimax (always maximin ≤ minimax), and then it is the
    /// maximin row and the minimax column. Matching pennies has none (a mixed strategy
    /// would be needed).
    pub fn saddle_point(&self) -> Option<(usize, usize)> {
        let ((row, low), (col, high)) = (self.maximin(), self.minimax());
        (low == high).then_some((row, col))
    }
}

/// The first index in 0..n whose value beats all before it by `better`, and that value.
fn best_by(
    n: usize,
    value: impl Fn(usize) -> f64,
    better: impl Fn(f64, f64) -> bool,
) -> (usize, f64) {
    (1..n).fold((0, value(0)), |(i, best), j| {
        let v = value(j);
        if better(v, best) { (j, v) } else { (i, best) }
    })
}

/// What the two players of the Dirac GAN optimise. The data is a point mass at 0, the
/// generator puts all its mass at θ (G(z) = θ), and the discriminator scores x by ψ·x
/// (D(x) = σ(ψx), the probability that x is real). With f(t) = ln σ(t) = −ln(1 + e^{−t}),
/// V(ψ, θ) = ln D(0) + ln(1 − D(θ)) = f(0) + f(−ψθ). Every variant has its equilibrium at
/// (θ, ψ) = (0, 0): the fake sits on the data and D says ½ everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiracObjective {
    /// D ascends V in ψ, G descends V in θ (min_G max_D V).
    Minimax,
    /// D as in Minimax; G ascends ln D(G(z)) = f(ψθ) instead.
    NonSaturating,
    /// Critic f(x) = ψx: D ascends E_real f − E_fake f = −ψθ, G descends −E_fake f = −ψθ.
    Wgan,
    /// Minimax, plus the R1 penalty −(γ/2)(∂D/∂x at the data)² = −(γ/2)ψ² in D's objective:
    /// D is pushed to be flat on the data, which damps the rotation.
    GradientPenalty { gamma: f64 },
}

/// ln σ(t), finite for every t.
pub fn log_sigmoid(t: f64) -> f64 {
    if t >= 0.0 {
        -(-t).exp().ln_1p()
    } else {
        t - t.exp().ln_1p()
    }
}

/// σ(t) without overflow for large |t|.
pub fn sigmoid(t: f64) -> f64 {
    if t >= 0.0 {
        1.0 / (1.0 + (-t).exp())
    } else {
        let e = t.exp();
        e / (1.0 + e)
    }
}

/// What the discriminator ascends in ψ, at generator θ and discriminator ψ.
pub fn discriminator_objective(objective: DiracObjective, theta: f64, psi: f64) -> f64 {
    let v = log_sigmoid(0.0) + log_sigmoid(-psi * theta);
    match objective {
        DiracObjective::Minimax | DiracObjective::NonSaturating => v,
        DiracObjective::Wgan => -psi * theta,
        DiracObjective::GradientPenalty { gamma } => v - 0.5 * gamma * psi * psi,
    }
}

/// What the generator descends in θ, at generator θ and discriminator ψ.
pub fn generator_objective(objective: DiracObjective, theta: f64, psi: f64) -> f64 {
    match objective {
        DiracObjective::Minimax | DiracObjective::GradientPenalty { .. } => {
            log_sigmoid(0.0) + log_sigmoid(-psi * theta)
        }
        DiracObjective::NonSaturating => -log_sigmoid(psi * theta),
        DiracObjective::Wgan => -psi * theta,
    }
}

/// (dθ/dt, dψ/dt) of simultaneous gradient play: G descends its objective in θ while D
/// ascends its own in ψ. (f'(t) = σ(−t), so ∂/∂ψ f(−ψθ) = −θ·σ(ψθ).)
pub fn vector_field(objective: DiracObjective, theta: f64, psi: f64) -> (f64, f64) {
    let s = sigmoid(psi * theta);
    let d_psi = -theta * s;
    match objective {
        DiracObjective::Minimax => (psi * s, d_psi),
        DiracObjective::NonSaturating => (psi * sigmoid(-psi * theta), d_psi),
        DiracObjective::Wgan => (psi, -theta),
        DiracObjective::GradientPenalty { gamma } => (psi * s, d_psi - gamma * psi),
    }
}

/// The path of simultaneous gradient steps from `start` = (θ, ψ): both players move at
/// once along [`vector_field`] with step `lr`. Holds `steps + 1` points, `start` first.
pub fn simultaneous_steps(
    objective: DiracObjective,
    start: (f64, f64),
    lr: f64,
    steps: usize,
) -> Vec<(f64, f64)> {
    let mut path = Vec::with_capacity(steps + 1);
    let mut p = start;
    path.push(p);
    for _ in 0..steps {
        let (d_theta, d_psi) = vector_field(objective, p.0, p.1);
        p = (p.0 + lr * d_theta, p.1 + lr * d_psi);
        path.push(p);
    }
    path
}

/// Euclidean distance of (θ, ψ) from the equilibrium (0, 0).
pub fn distance_to_equilibrium(p: (f64, f64)) -> f64 {
    p.0.hypot(p.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [DiracObjective; 5] = [
        DiracObjective::Minimax,
        DiracObjective::NonSaturating,
        DiracObjective::Wgan,
        DiracObjective::GradientPenalty { gamma: 1.0 },
        DiracObjective::GradientPenalty { gamma: 0.3 },
    ];

    #[test]
    fn a_table_with_a_saddle_point() {
        // Row mins 2, 0 → maximin row 0 (2); column maxes 4, 2, 5 → minimax column 1 (2).
        // 65536 × 65536 wraps to 0 in 32-bit arithmetic: refused by its size first.
        let err = PayoffTable::new(65536, 65536, vec![]).unwrap_err();
        assert!(err.contains("at most 100 rows"), "{err}");
        let t = PayoffTable::new(2, 3, vec![4.0, 2.0, 3.0, 1.0, 0.0, 5.0]).unwrap();
        assert_eq!((t.rows(), t.cols(), t.payoff(1, 2)), (2, 3, 5.0));
        assert_eq!(t.maximin(), (0, 2.0));
        assert_eq!(t.minimax(), (1, 2.0));
        assert_eq!(t.saddle_point(), Some((0, 1)));
        // At the saddle neither player gains by changing alone.
        let (r, c) = t.saddle_point().unwrap();
        let v = t.payoff(r, c);
        assert!((0..t.cols()).all(|j| t.payoff(r, j) >= v));
        assert!((0..t.rows()).all(|i| t.payoff(i, c) <= v));
    }

    #[test]
    fn matching_pennies_has_no_saddle_point() {
        let t = PayoffTable::new(2, 2, vec![1.0, -1.0, -1.0, 1.0]).unwrap();
        assert_eq!(t.maximin(), (0, -1.0));
        assert_eq!(t.minimax(), (0, 1.0));
        assert_eq!(t.saddle_point(), None);
    }

    /// Red picks 1 or 2, blue picks A, B or C, red wins what the cell says (note 000, after
    /// the zero-sum example it follows): red's safe row 1 guarantees −10, blue's safe column
    /// B concedes at most 20, so there is no saddle point.
    #[test]
    fn the_red_and_blue_table() {
        let t = PayoffTable::new(2, 3, vec![30.0, -10.0, 20.0, 10.0, 20.0, -20.0]).unwrap();
        assert_eq!(t.maximin(), (0, -10.0));
        assert_eq!(t.minimax(), (1, 20.0));
        assert_eq!(t.saddle_point(), None);
    }

    #[test]
    fn bad_tables_are_refused_clearly() {
        let err = PayoffTable::new(0, 3, vec![]).unwrap_err();
        assert!(err.contains("at least one row"), "{err}");
        let err = PayoffTable::new(2, 2, vec![1.0; 3]).unwrap_err();
        assert!(err.contains("needs 4 payoffs, got 3"), "{err}");
        let err = PayoffTable::new(2, 2, vec![1.0, 2.0, f64::NAN, 4.0]).unwrap_err();
        assert!(err.contains("row 1, column 0"), "{err}");
        assert!(PayoffTable::new(1, 1, vec![f64::INFINITY]).is_err());
    }

    #[test]
    fn one_row_or_column_always_has_a_saddle() {
        let row = PayoffTable::new(1, 3, vec![3.0, -1.0, 2.0]).unwrap();
        assert_eq!(row.saddle_point(), Some((0, 1)));
        let col = PayoffTable::new(3, 1, vec![3.0, -1.0, 2.0]).unwrap();
        assert_eq!(col.saddle_point(), Some((0, 0)));
    }

    #[test]
    fn the_equilibrium_is_the_origin_for_every_objective() {
        for objective in ALL {
            assert_eq!(
                vector_field(objective, 0.0, 0.0),
                (0.0, 0.0),
                "{objective:?}"
            );
        }
        // At the equilibrium D(x) = σ(0) = ½ and V = −ln 4 (THEORY.md §2).
        let v = discriminator_objective(DiracObjective::Minimax, 0.0, 0.0);
        assert!((v + 4f64.ln()).abs() < 1e-15, "{v}");
        assert_eq!(distance_to_equilibrium((3.0, -4.0)), 5.0);
    }

    /// Each component of the field is the central finite difference of its player's
    /// objective: −∂(G's)/∂θ and +∂(D's)/∂ψ.
    #[test]
    fn the_field_is_the_gradient_of_each_players_objective() {
        let h = 1e-6;
        let points = [
            (1.0, 1.0),
            (-0.7, 2.3),
            (3.0, -1.5),
            (0.05, -0.02),
            (-4.0, -6.0),
            (12.0, 3.0),
        ];
        for objective in ALL {
            for (theta, psi) in points {
                let (d_theta, d_psi) = vector_field(objective, theta, psi);
                let g = |t: f64| generator_objective(objective, t, psi);
                let d = |p: f64| discriminator_objective(objective, theta, p);
                let fd_theta = -(g(theta + h) - g(theta - h)) / (2.0 * h);
                let fd_psi = (d(psi + h) - d(psi - h)) / (2.0 * h);
                assert!(
                    (d_theta - fd_theta).abs() < 1e-7 && (d_psi - fd_psi).abs() < 1e-7,
                    "{objective:?} at ({theta}, {psi}): ({d_theta}, {d_psi}) vs \
                     ({fd_theta}, {fd_psi})"
                );
            }
        }
    }

    /// Without a penalty the field of Minimax and WGAN is a pure rotation about the origin
    /// (perpendicular to the position), so every simultaneous step moves outwards.
    #[test]
    fn plain_minimax_and_wgan_spiral_out() {
        for objective in [DiracObjective::Minimax, DiracObjective::Wgan] {
            for (theta, psi) in [(1.0, 1.0), (-0.3, 2.0), (5.0, -0.1)] {
                let (a, b) = vector_field(objective, theta, psi);
                assert!((a * theta + b * psi).abs() < 1e-12, "{objective:?}");
            }
            let path = simultaneous_steps(objective, (1.0, 1.0), 0.1, 2000);
            assert_eq!((path.len(), path[0]), (2001, (1.0, 1.0)));
            let distances: Vec<f64> = path.iter().map(|&p| distance_to_equilibrium(p)).collect();
            assert!(
                distances.windows(2).all(|w| w[1] >= w[0]),
                "{objective:?} came closer"
            );
            assert!(
                distances[2000] >= distances[0],
                "{objective:?}: {} < {}",
                distances[2000],
                distances[0]
            );
            // It circles the equilibrium: θ changes sign along the way.
            assert!(path.iter().any(|p| p.0 < 0.0) && path.iter().any(|p| p.0 > 0.0));
        }
        // WGAN's rotation does not slow down far away, so it grows fastest: each step
        // multiplies the distance by √(1 + lr²).
        let path = simultaneous_steps(DiracObjective::Wgan, (1.0, 1.0), 0.1, 2000);
        let expected = 2f64.sqrt() * 1.01f64.powf(1000.0);
        let got = distance_to_equilibrium(path[2000]);
        assert!((got / expected - 1.0).abs() < 1e-9, "{got} vs {expected}");
    }

    /// The non-saturating loss has the same fixed point but does not reach it either: the
    /// path shrinks at first, then circles it at a steady distance (about 0.45 at lr 0.1).
    #[test]
    fn non_saturating_circles_without_converging() {
        let path = simultaneous_steps(DiracObjective::NonSaturating, (1.0, 1.0), 0.1, 20_000);
        let (mid, end) = (
            distance_to_equilibrium(path[10_000]),
            distance_to_equilibrium(path[20_000]),
        );
        assert!(end > 0.3 && end < distance_to_equilibrium(path[0]), "{end}");
        assert!((mid - end).abs() < 0.01, "{mid} {end}");
    }

    #[test]
    fn the_gradient_penalty_converges() {
        let path = simultaneous_steps(
            DiracObjective::GradientPenalty { gamma: 1.0 },
            (1.0, 1.0),
            0.1,
            2000,
        );
        let end = distance_to_equilibrium(path[2000]);
        assert!(end < 1e-2, "ended {end} from the equilibrium");
    }

    #[test]
    fn zero_steps_is_just_the_start() {
        assert_eq!(
            simultaneous_steps(DiracObjective::Minimax, (0.5, -2.0), 0.1, 0),
            vec![(0.5, -2.0)]
        );
    }
}
