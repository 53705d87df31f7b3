//! Points a person brings to the 1-D and 2-D views: drawn with the brush, or uploaded as a
//! CSV file. A malformed file is an error that says where and why; nothing is half-loaded.

use crate::error::{PlaygroundError, Result};

/// Most points a drawing or file may hold (the views redraw them every frame).
pub const MAX_POINTS: usize = 100_000;

fn bad(reason: impl Into<String>) -> PlaygroundError {
    PlaygroundError::BadData(reason.into())
}

/// Parses CSV text of points with `dims` coordinates each (1 or 2), one point a line,
/// separated by commas, semicolons, tabs or spaces. A first line that is not numbers is
/// taken as a header; blank lines and lines starting with `#` are skipped.
pub fn parse_csv(text: &str, dims: usize) -> Result<Vec<Vec<f64>>> {
    if !(1..=2).contains(&dims) {
        return Err(bad(format!("points have 1 or 2 coordinates, not {dims}")));
    }
    let mut points = Vec::new();
    let mut seen_data = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line
            .split([',', ';', '\t', ' '])
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        let parsed: Vec<std::result::Result<f64, _>> =
            fields.iter().map(|f| f.parse::<f64>()).collect();
        if !seen_data && parsed.iter().all(|p| p.is_err()) {
            continue; // a header such as "x,y"
        }
        seen_data = true;
        if fields.len() != dims {
            return Err(bad(format!(
                "line {number}: expected {dims} value{} per line, found {} (\"{line}\")",
                if dims == 1 { "" } else { "s" },
                fields.len()
            )));
        }
        let mut point = Vec::with_capacity(dims);
        for (field, value) in fields.iter().zip(parsed) {
            match value {
                Ok(v) if v.is_finite() => point.push(v),
                Ok(_) => {
                    return Err(bad(format!(
                        "line {number}: \"{field}\" is not a finite number"
                    )));
                }
                Err(_) => return Err(bad(format!("line {number}: \"{field}\" is not a number"))),
            }
        }
        points.push(point);
        if points.len() > MAX_POINTS {
            return Err(bad(format!("more than {MAX_POINTS} points")));
        }
    }
    if points.is_empty() {
        return Err(bad("the file has no points"));
    }
    Ok(points)
}

/// Checks a brush drawing before it becomes the data set.
pub fn check_drawing(points: &[[f64; 2]]) -> Result<()> {
    if points.is_empty() {
        return Err(bad(
            "the drawing has no points: draw some with the brush first",
        ));
    }
    if points.len() > MAX_POINTS {
        return Err(bad(format!(
            "the drawing has more than {MAX_POINTS} points"
        )));
    }
    if let Some(p) = points.iter().find(|p| !p.iter().all(|v| v.is_finite())) {
        return Err(bad(format!(
            "the drawing has a point that is not finite: {p:?}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_points_with_or_without_a_header() {
        let p = parse_csv("x,y\n1,2\n# a comment\n\n-0.5; 3e-1\n4\t5\n", 2).unwrap();
        assert_eq!(p, vec![vec![1.0, 2.0], vec![-0.5, 0.3], vec![4.0, 5.0]]);
        assert_eq!(
            parse_csv("value\n1.5\n2\n", 1).unwrap(),
            vec![vec![1.5], vec![2.0]]
        );
    }

    #[test]
    fn a_malformed_file_says_where_and_why() {
        let cases = [
            ("x,y\n1,2\n3,abc\n", "line 3: \"abc\" is not a number"),
            ("1,2\n3\n", "line 2: expected 2 values per line, found 1"),
            ("1,2\n3,NaN\n", "line 2: \"NaN\" is not a finite number"),
            ("1,2\n3,inf\n", "\"inf\" is not a finite number"),
            ("x,y\n", "the file has no points"),
            ("", "the file has no points"),
            ("hello world\nthis is text\n", "the file has no points"),
            ("1,2\nnot,numbers\n", "line 2: \"not\" is not a number"),
        ];
        for (text, expected) in cases {
            let err = parse_csv(text, 2).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
        let many: String = (0..=MAX_POINTS).map(|i| format!("{i},{i}\n")).collect();
        assert!(
            parse_csv(&many, 2)
                .unwrap_err()
                .to_string()
                .contains("more than")
        );
        assert!(parse_csv("1\n", 3).is_err());
    }

    #[test]
    fn an_empty_drawing_is_refused() {
        let err = check_drawing(&[]).unwrap_err().to_string();
        assert!(err.contains("the drawing has no points"), "{err}");
        assert!(check_drawing(&[[0.0, f64::NAN]]).is_err());
        check_drawing(&[[0.0, 1.0], [1.0, 2.0]]).unwrap();
    }
}
