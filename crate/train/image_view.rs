//! What the image GAN's views draw, from numbers the run reads back: the class histogram,
//! confidence and agreement the digit classifier gives a thousand samples (mode collapse
//! shows as missing classes), the Fréchet distance to the real images, the nearest real
//! image of each shown sample (memorisation), and the timeline of the fixed-z grid.
//! Plain functions, covered by native tests.

use serde::Serialize;

use crate::models::classifier::CLASSES;

/// Iterations at which the timeline keeps the grid (then every tenfold step of these).
pub const MILESTONES: [u64; 4] = [0, 100, 300, 1000];

/// Whether the timeline, last kept at `last` (None: never), should keep the grid now.
pub fn milestone_due(last: Option<u64>, iteration: u64) -> bool {
    let mut due = MILESTONES.to_vec();
    let mut scale = 10;
    while *due.last().unwrap_or(&0) < iteration {
        due.extend(MILESTONES[1..].iter().map(|m| m * scale));
        scale *= 10;
    }
    // The latest milestone passed; kept if the last frame is older than it.
    let passed = due.iter().rev().find(|&&m| m <= iteration).copied();
    match (passed, last) {
        (Some(m), Some(l)) => l < m,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// How the digit classifier reads generated digits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Judgement {
    pub judged: usize,
    /// How many samples read as each digit.
    pub histogram: [usize; CLASSES],
    /// Digits no sample reads as: mode collapse.
    pub missing: Vec<usize>,
    /// Mean probability of each sample's top class.
    pub mean_confidence: f64,
    /// Share read as the digit asked for (conditional GANs only).
    pub agreement: Option<f64>,
}

/// The judgement of samples the classifier read as `read` (top class, its probability), which
/// were asked to be `asked` when the GAN is conditional.
pub fn judgement(read: &[(usize, f32)], asked: Option<&[usize]>) -> Judgement {
    let mut histogram = [0usize; CLASSES];
    for &(c, _) in read {
        histogram[c.min(CLASSES - 1)] += 1;
    }
    let n = read.len().max(1) as f64;
    Judgement {
        judged: read.len(),
        missing: (0..CLASSES).filter(|&c| histogram[c] == 0).collect(),
        histogram,
        mean_confidence: read.iter().map(|&(_, p)| f64::from(p)).sum::<f64>() / n,
        agreement: asked
            .map(|asked| read.iter().zip(asked).filter(|((c, _), a)| c == *a).count() as f64 / n),
    }
}

/// The nearest of `images` (row-major, `size` pixels each) to `image` and its root mean
/// squared pixel distance.
pub fn nearest(image: &[f32], images: &[f32], size: usize) -> (usize, f64) {
    images
        .chunks_exact(size)
        .enumerate()
        .map(|(i, other)| {
            let squared: f64 = image
                .iter()
                .zip(other)
                .map(|(a, b)| f64::from(a - b).powi(2))
                .sum();
            (i, (squared / size as f64).sqrt())
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0, f64::NAN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_keeps_each_milestone_once() {
        assert!(milestone_due(None, 0));
        assert!(!milestone_due(Some(0), 50));
        assert!(milestone_due(Some(0), 120));
        assert!(!milestone_due(Some(120), 299));
        assert!(milestone_due(Some(120), 300));
        assert!(milestone_due(Some(990), 1005));
        assert!(!milestone_due(Some(1005), 2999));
        assert!(milestone_due(Some(1005), 3000));
        assert!(milestone_due(Some(3000), 10_000));
        assert!(milestone_due(Some(10_000), 30_000));
    }

    #[test]
    fn a_collapsed_generator_misses_classes() {
        let read: Vec<(usize, f32)> = (0..20).map(|i| (i % 3, 0.9)).collect();
        let asked: Vec<usize> = (0..20).map(|i| i % 10).collect();
        let j = judgement(&read, Some(&asked));
        assert_eq!(j.missing, vec![3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(j.histogram[..3], [7, 7, 6]);
        assert!((j.mean_confidence - 0.9).abs() < 1e-6);
        // Asked i % 10, read i % 3: they agree only at i = 0, 1, 2 (of 20).
        assert_eq!(j.agreement, Some(0.15));
        assert_eq!(judgement(&read, None).agreement, None);
    }

    #[test]
    fn the_nearest_image_is_found() {
        let images = [0.0, 0.0, 1.0, 1.0, 0.5, 0.5];
        let (i, d) = nearest(&[0.9, 1.0], &images, 2);
        assert_eq!(i, 1);
        assert!((d - (0.01f64 / 2.0).sqrt()).abs() < 1e-6);
    }
}
