//! Points a person brings to the 1-D and 2-D views: drawn with the brush, or uploaded as a
//! CSV file. A malformed file is an error that says where and why; nothing is half-loaded.

use crate::error::{PlaygroundError, Result, quote};

/// Most points a drawing or file may hold (the views redraw them every frame).
pub const MAX_POINTS: usize = 100_000;

/// Largest coordinate a point may have. The networks train on the raw coordinates with
/// step sizes made for data within a few units of 0 (the built-in sets lie within ±5.5):
/// far larger values make the first steps overflow and the run diverge at once.
pub const MAX_COORDINATE: f64 = 100.0;

/// Why `v` cannot be a coordinate, if it cannot.
pub fn coordinate_problem(v: f64) -> Option<String> {
    if !v.is_finite() {
        Some("is not a finite number".into())
    } else if v.abs() > MAX_COORDINATE {
        Some(format!(
            "is outside ±{MAX_COORDINATE}, the range the networks can learn: rescale the \
             data (the built-in sets lie within ±5.5)"
        ))
    } else {
        None
    }
}

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
    if let Some(c) = text
        .chars()
        .find(|&c| c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
    {
        let what = if c == '\u{fffd}' {
            "bytes that are not UTF-8 text".to_string()
        } else {
            format!("the control character U+{:04X}", c as u32)
        };
        return Err(bad(format!(
            "this file is not a text CSV (it holds {what}): upload a text file with one \
             point a line, such as 1.5,-0.2"
        )));
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
                "line {number}: expected {dims} value{} per line, found {} ({})",
                if dims == 1 { "" } else { "s" },
                fields.len(),
                quote(line)
            )));
        }
        let mut point = Vec::with_capacity(dims);
        for (field, value) in fields.iter().zip(parsed) {
            match value {
                Ok(v) => match coordinate_problem(v) {
                    None => point.push(v),
                    Some(problem) => {
                        return Err(bad(format!("line {number}: {} {problem}", quote(field))));
                    }
                },
                Err(_) => {
                    return Err(bad(format!(
                        "line {number}: {} is not a number",
                        quote(field)
                    )));
                }
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
    check_coordinates(points.iter().map(|p| p.as_slice()))
}

/// Every point's coordinates are ones the networks can learn (see [`MAX_COORDINATE`]).
pub fn check_coordinates<'a>(points: impl IntoIterator<Item = &'a [f64]>) -> Result<()> {
    for (i, p) in points.into_iter().enumerate() {
        if let Some((v, problem)) = p
            .iter()
            .find_map(|&v| coordinate_problem(v).map(|e| (v, e)))
        {
            // 1e308, not its 309 digits.
            let v = if v.abs() >= 1e6 {
                format!("{v:e}")
            } else {
                v.to_string()
            };
            return Err(bad(format!(
                "point {} has the coordinate {v}, which {problem}",
                i + 1
            )));
        }
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
        let many: String = (0..=MAX_POINTS)
            .map(|i| format!("{},{}\n", i % 50, i % 7))
            .collect();
        assert!(
            parse_csv(&many, 2)
                .unwrap_err()
                .to_string()
                .contains("more than")
        );
        assert!(parse_csv("1\n", 3).is_err());
    }

    #[test]
    fn huge_values_and_binary_files_are_refused_readably() {
        for text in ["1e308,1e308\n-1e308,1e308\n", "3e38,0\n", "0,100.5\n"] {
            let err = parse_csv(text, 2).unwrap_err().to_string();
            assert!(
                err.contains("outside ±100") && err.contains("rescale"),
                "{text}: {err}"
            );
        }
        parse_csv("100,-100\n", 2).unwrap();
        let err = parse_csv("\u{0}\u{1}PK\u{3}\u{4}garbage,1\n", 2)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not a text CSV") && !err.contains("PK"),
            "{err}"
        );
        let err = parse_csv("1,2\n3,\u{fffd}\u{fffd}\n", 2)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not UTF-8"), "{err}");
        let long = format!("1,{}\n", "y".repeat(500));
        let err = parse_csv(&long, 2).unwrap_err().to_string();
        assert!(err.len() < 200, "{err}");
        let err = check_coordinates([[0.0, 1e308].as_slice()])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("point 1") && err.contains("outside ±100"),
            "{err}"
        );
    }

    #[test]
    fn an_empty_drawing_is_refused() {
        let err = check_drawing(&[]).unwrap_err().to_string();
        assert!(err.contains("the drawing has no points"), "{err}");
        assert!(check_drawing(&[[0.0, f64::NAN]]).is_err());
        check_drawing(&[[0.0, 1.0], [1.0, 2.0]]).unwrap();
    }
}
