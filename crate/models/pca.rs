//! Principal component analysis, the baseline every autoencoder is measured against
//! (THEORY.md §6): the best linear code of a given size, in squared error. A linear
//! autoencoder trained with MSE learns the same subspace.

use nalgebra::{DMatrix, SymmetricEigen};

use crate::error::{PlaygroundError, Result};

/// Most images a fit reads (the covariance costs images × pixels²).
pub const MAX_FIT_IMAGES: usize = 2000;

/// The mean image and the top principal directions, each a unit vector of pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    pub mean: Vec<f64>,
    /// `components[k]` is the k-th direction, largest variance first.
    pub components: Vec<Vec<f64>>,
    /// The variance along each direction.
    pub variances: Vec<f64>,
}

impl Pca {
    /// Fits `k` components to `images` (row-major, `size` pixels each), reading at most
    /// [`MAX_FIT_IMAGES`] of them.
    pub fn fit(images: &[f32], size: usize, k: usize) -> Result<Self> {
        if size == 0 || images.is_empty() || !images.len().is_multiple_of(size) {
            return Err(PlaygroundError::BadData(
                "PCA needs at least one whole image".into(),
            ));
        }
        if !(1..=size).contains(&k) {
            return Err(PlaygroundError::invalid(
                "latent",
                format!("PCA keeps 1 to {size} components, got {k}"),
            ));
        }
        let n = (images.len() / size).min(MAX_FIT_IMAGES);
        let rows = &images[..n * size];
        let mut mean = vec![0.0; size];
        for image in rows.chunks_exact(size) {
            for (m, &p) in mean.iter_mut().zip(image) {
                *m += f64::from(p) / n as f64;
            }
        }
        let centred = DMatrix::from_fn(n, size, |i, j| f64::from(rows[i * size + j]) - mean[j]);
        // With fewer images than pixels (Olivetti: 4096 pixels), the n × n Gram matrix has
        // the same non-zero eigenvalues and is far cheaper to decompose: a component is then
        // Xᵀu, normalised.
        let gram = n < size;
        let matrix = if gram {
            &centred * centred.transpose() / n as f64
        } else {
            centred.transpose() * &centred / n as f64
        };
        let eigen = SymmetricEigen::new(matrix);
        let mut order: Vec<usize> = (0..eigen.eigenvalues.len()).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let kept = k.min(order.len());
        let components = order[..kept]
            .iter()
            .map(|&c| {
                let u = eigen.eigenvectors.column(c);
                if gram {
                    let v = centred.transpose() * u;
                    let norm = v.norm().max(f64::MIN_POSITIVE);
                    v.iter().map(|x| x / norm).collect()
                } else {
                    u.iter().copied().collect()
                }
            })
            .collect();
        let variances = order[..kept]
            .iter()
            .map(|&c| eigen.eigenvalues[c].max(0.0))
            .collect();
        Ok(Self {
            mean,
            components,
            variances,
        })
    }

    /// The code of one image: its coordinates along the components.
    pub fn encode(&self, image: &[f32]) -> Vec<f64> {
        self.components
            .iter()
            .map(|c| {
                c.iter()
                    .zip(image.iter().zip(&self.mean))
                    .map(|(w, (&p, m))| w * (f64::from(p) - m))
                    .sum()
            })
            .collect()
    }

    /// The image a code stands for.
    pub fn decode(&self, code: &[f64]) -> Vec<f64> {
        let mut image = self.mean.clone();
        for (c, &a) in self.components.iter().zip(code) {
            for (p, w) in image.iter_mut().zip(c) {
                *p += a * w;
            }
        }
        image
    }

    /// The reconstruction of one image through the code.
    pub fn reconstruct(&self, image: &[f32]) -> Vec<f64> {
        self.decode(&self.encode(image))
    }

    /// The same fit keeping only the first `k` components.
    pub fn truncated(&self, k: usize) -> Self {
        let k = k.min(self.components.len());
        Self {
            mean: self.mean.clone(),
            components: self.components[..k].to_vec(),
            variances: self.variances[..k].to_vec(),
        }
    }

    /// Mean Σ(x̂ − x)² per image of `images` (row-major) when keeping `k` components, for
    /// each `k` in `ks`. The components are orthonormal, so the residual with k of them is
    /// ‖x − μ‖² minus the first k squared coordinates: one projection serves every k.
    pub fn squared_errors(&self, images: &[f32], ks: &[usize]) -> Vec<f64> {
        let size = self.mean.len();
        let n = images.len() / size;
        let mut totals = vec![0.0; ks.len()];
        for image in images.chunks_exact(size) {
            let centred: f64 = image
                .iter()
                .zip(&self.mean)
                .map(|(&p, m)| (f64::from(p) - m).powi(2))
                .sum();
            let mut kept = Vec::with_capacity(self.components.len() + 1);
            kept.push(0.0);
            for c in self.encode(image) {
                kept.push(kept.last().copied().unwrap_or(0.0) + c * c);
            }
            for (total, &k) in totals.iter_mut().zip(ks) {
                *total += (centred - kept[k.min(kept.len() - 1)]).max(0.0);
            }
        }
        totals.into_iter().map(|t| t / n.max(1) as f64).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points on a line in 3-D: one component recovers them exactly, along the line.
    #[test]
    fn one_component_recovers_a_line() {
        let images: Vec<f32> = (0..50)
            .flat_map(|i| {
                let t = i as f32 / 10.0 - 2.5;
                [1.0 + t, 2.0 - 2.0 * t, 0.5 + 2.0 * t]
            })
            .collect();
        let pca = Pca::fit(&images, 3, 1).unwrap();
        let direction = &pca.components[0];
        let expected = [1.0, -2.0, 2.0].map(|v| v / 3.0);
        let dot: f64 = direction.iter().zip(expected).map(|(a, b)| a * b).sum();
        assert!((dot.abs() - 1.0).abs() < 1e-9, "{direction:?}");
        for image in images.chunks_exact(3) {
            let back = pca.reconstruct(image);
            for (a, &b) in back.iter().zip(image) {
                assert!((a - f64::from(b)).abs() < 1e-5);
            }
        }
        assert!(Pca::fit(&images, 3, 0).is_err());
        // Fewer images than pixels: the Gram route gives the same reconstructions.
        let wide = Pca::fit(&images[..6], 3, 1).unwrap();
        for image in images[..6].chunks_exact(3) {
            for (a, &b) in wide.reconstruct(image).iter().zip(image) {
                assert!((a - f64::from(b)).abs() < 1e-5);
            }
        }
        assert!(Pca::fit(&images[..4], 3, 1).is_err());
    }

    /// The residual computed from the coordinates equals the reconstruction's error.
    #[test]
    fn squared_errors_match_reconstructions() {
        let mut rng = crate::data::seeded(5);
        let images: Vec<f32> = (0..40 * 6)
            .map(|_| crate::data::standard_normal(&mut rng))
            .collect();
        let pca = Pca::fit(&images, 6, 6).unwrap();
        let by_formula = pca.squared_errors(&images, &[0, 1, 3, 6]);
        for (k, formula) in [0, 1, 3, 6].into_iter().zip(by_formula) {
            let kept = pca.truncated(k);
            let direct: f64 = images
                .chunks_exact(6)
                .map(|x| {
                    kept.reconstruct(x)
                        .iter()
                        .zip(x)
                        .map(|(a, &b)| (a - f64::from(b)).powi(2))
                        .sum::<f64>()
                })
                .sum::<f64>()
                / 40.0;
            assert!(
                (formula - direct).abs() < 1e-6 * (1.0 + direct),
                "k {k}: {formula} vs {direct}"
            );
        }
    }
}
