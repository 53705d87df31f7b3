//! Small real image sets for the autoencoders and VAEs (THEORY.md §6): 8×8 digits, MNIST,
//! Frey faces and Olivetti faces, shipped in `www/data/` (see its NOTICE.md for credits).
//! Every file is plain bytes, one W×H image after another, 0 black to 255 white; a file cut
//! short is an error that says so.

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};
use crate::serde_names::variant_name;

/// The sets the page can load, with their shapes and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImageData {
    /// 1797 handwritten digits, 8×8 (UCI, via scikit-learn).
    Digits8,
    /// 10,000 MNIST test digits, 28×28.
    Mnist,
    /// 1965 frames of one face, 20 wide × 28 high.
    Frey,
    /// 400 faces of 40 people, 64×64.
    Olivetti,
}

impl ImageData {
    pub const ALL: [ImageData; 4] = [Self::Digits8, Self::Mnist, Self::Frey, Self::Olivetti];

    pub fn name(self) -> &'static str {
        variant_name::<Self>(self as usize)
    }

    /// (width, height) of one image.
    pub fn shape(self) -> (usize, usize) {
        match self {
            Self::Digits8 => (8, 8),
            Self::Mnist => (28, 28),
            Self::Frey => (20, 28),
            Self::Olivetti => (64, 64),
        }
    }

    /// How many images the shipped file holds.
    pub fn count(self) -> usize {
        match self {
            Self::Digits8 => 1797,
            Self::Mnist => 10_000,
            Self::Frey => 1965,
            Self::Olivetti => 400,
        }
    }

    /// The image file and the label file under `www/data/` (gzip files end in `.gz`).
    pub fn files(self) -> (&'static str, Option<&'static str>) {
        match self {
            Self::Digits8 => ("digits8x8.u8", Some("digits8x8.labels.u8")),
            Self::Mnist => ("mnist_test10k.u8.gz", Some("mnist_test10k.labels.u8")),
            Self::Frey => ("frey28x20.u8.gz", None),
            Self::Olivetti => ("olivetti64.u8.gz", Some("olivetti64.labels.u8")),
        }
    }
}

/// Images as numbers in [0, 1] (byte / 255), row-major, one after another.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSet {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<f32>,
    pub labels: Option<Vec<u8>>,
}

impl ImageSet {
    /// Reads `bytes` as `width`×`height` images, with one label byte per image if given.
    pub fn from_bytes(
        bytes: &[u8],
        width: usize,
        height: usize,
        labels: Option<&[u8]>,
    ) -> Result<Self> {
        let size = width * height;
        if size == 0 {
            return Err(PlaygroundError::BadData(format!(
                "an image needs at least one pixel, got {width}×{height}"
            )));
        }
        if bytes.is_empty() {
            return Err(PlaygroundError::BadData("the data file is empty".into()));
        }
        if !bytes.len().is_multiple_of(size) {
            return Err(PlaygroundError::BadData(format!(
                "the data file is cut short: {} bytes is not a whole number of {width}×{height} \
                 images ({size} bytes each; the last one has {} bytes)",
                bytes.len(),
                bytes.len() % size
            )));
        }
        let count = bytes.len() / size;
        if let Some(labels) = labels
            && labels.len() != count
        {
            return Err(PlaygroundError::BadData(format!(
                "the label file has {} labels for {count} images",
                labels.len()
            )));
        }
        Ok(Self {
            width,
            height,
            pixels: bytes.iter().map(|&b| f32::from(b) / 255.0).collect(),
            labels: labels.map(<[u8]>::to_vec),
        })
    }

    /// Reads one of the shipped sets from its (decompressed) bytes, checking the count.
    pub fn shipped(set: ImageData, bytes: &[u8], labels: Option<&[u8]>) -> Result<Self> {
        let (w, h) = set.shape();
        let images = Self::from_bytes(bytes, w, h, labels)?;
        if images.len() != set.count() {
            return Err(PlaygroundError::BadData(format!(
                "{} should hold {} images, the file holds {}",
                set.name(),
                set.count(),
                images.len()
            )));
        }
        Ok(images)
    }

    /// Pixels per image.
    pub fn size(&self) -> usize {
        self.width * self.height
    }

    pub fn len(&self) -> usize {
        self.pixels.len() / self.size()
    }

    pub fn is_empty(&self) -> bool {
        self.pixels.is_empty()
    }

    pub fn image(&self, i: usize) -> &[f32] {
        &self.pixels[i * self.size()..(i + 1) * self.size()]
    }

    pub fn label(&self, i: usize) -> Option<u8> {
        self.labels.as_ref().map(|l| l[i])
    }

    /// The images at `indices`, as one row-major block.
    pub fn rows(&self, indices: &[usize]) -> Vec<f32> {
        indices
            .iter()
            .flat_map(|&i| self.image(i))
            .copied()
            .collect()
    }

    fn subset(&self, indices: &[usize]) -> Self {
        Self {
            width: self.width,
            height: self.height,
            pixels: self.rows(indices),
            labels: self
                .labels
                .as_ref()
                .map(|l| indices.iter().map(|&i| l[i]).collect()),
        }
    }

    /// A shuffled split into (training, held out) with `held_out` images in the second.
    pub fn split(&self, held_out: usize, rng: &mut impl Rng) -> (Self, Self) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(rng);
        let held_out = held_out.min(self.len());
        let (test, train) = order.split_at(held_out);
        (self.subset(train), self.subset(test))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::seeded;

    #[test]
    fn reads_images_and_labels() {
        let bytes = [0u8, 255, 51, 102, 10, 20, 30, 40];
        let set = ImageSet::from_bytes(&bytes, 2, 2, Some(&[3, 7])).unwrap();
        assert_eq!(set.len(), 2);
        assert_eq!(set.image(0), &[0.0, 1.0, 0.2, 0.4]);
        assert_eq!(set.label(1), Some(7));
        let (train, test) = set.split(1, &mut seeded(1));
        assert_eq!((train.len(), test.len()), (1, 1));
        assert_ne!(train.image(0), test.image(0));
    }

    #[test]
    fn a_file_cut_short_says_so() {
        let err = ImageSet::from_bytes(&[0u8; 130], 8, 8, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("the data file is cut short"), "{err}");
        assert!(err.contains("the last one has 2 bytes"), "{err}");
        let err = ImageSet::from_bytes(&[0u8; 128], 8, 8, Some(&[1]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("1 labels for 2 images"), "{err}");
        assert!(ImageSet::from_bytes(&[], 8, 8, None).is_err());
        let err = ImageSet::shipped(ImageData::Digits8, &[0u8; 128], None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("should hold 1797 images"), "{err}");
    }

    #[test]
    fn the_shipped_digits_read() {
        let bytes = include_bytes!("../../www/data/digits8x8.u8");
        let labels = include_bytes!("../../www/data/digits8x8.labels.u8");
        let set = ImageSet::shipped(ImageData::Digits8, bytes, Some(labels)).unwrap();
        assert_eq!(set.len(), 1797);
        assert!(set.labels.as_ref().unwrap().iter().all(|&l| l < 10));
    }
}
