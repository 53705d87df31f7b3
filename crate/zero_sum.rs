//! The GAN as a two-player game (THEORY.md §2): a zero-sum payoff table, solved by maximin
//! and minimax (note 000).

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
