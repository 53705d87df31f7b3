//! Trains the digit classifiers the autoencoder views use to judge how digit-like generated
//! images are (THEORY.md §6), and writes them to `crate/models/weights/` in Burnpack format:
//!
//!   cargo run --release --example train_classifier
//!
//! 8×8 digits: trained on all but the 300 held-out images of `split(300, seeded(2024))`.
//! MNIST: trained on the 5,000 extra digits (`mnist_mlxtend5k`), judged on the 10,000
//! test digits the autoencoders train on. Prints each one's held-out accuracy.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

/// The classifiers are trained natively; `cargo test --target wasm32-unknown-unknown` builds
/// the examples too.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::{io::Read, path::Path};

    use burn::prelude::*;
    use gan_playground::data::images::{ImageData, ImageSet};
    use gan_playground::data::seeded;
    use gan_playground::models::classifier::{
        DigitClassifier, HELD_OUT, SHIPPED_HIDDEN, SPLIT_SEED,
    };

    fn read(root: &Path, file: &str) -> Vec<u8> {
        let bytes = std::fs::read(root.join("www/data").join(file)).expect("the data file");
        if file.ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .expect("gzip");
            out
        } else {
            bytes
        }
    }

    pub fn main() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let device = Device::flex().autodiff();
        let digits = ImageSet::shipped(
            ImageData::Digits8,
            &read(root, "digits8x8.u8"),
            Some(&read(root, "digits8x8.labels.u8")),
        )
        .unwrap();
        let (train, held_out) = digits.split(HELD_OUT, &mut seeded(SPLIT_SEED));
        let mnist_train = ImageSet::from_bytes(
            &read(root, "mnist_mlxtend5k.u8.gz"),
            28,
            28,
            Some(&read(root, "mnist_mlxtend5k.labels.u8")),
        )
        .unwrap();
        let mnist_test = ImageSet::shipped(
            ImageData::Mnist,
            &read(root, "mnist_test10k.u8.gz"),
            Some(&read(root, "mnist_test10k.labels.u8")),
        )
        .unwrap();
        for (name, train, judged, iterations) in [
            ("digits8", &train, &held_out, 4000),
            ("mnist", &mnist_train, &mnist_test, 6000),
        ] {
            let classifier = pollster::block_on(DigitClassifier::train(
                train,
                SHIPPED_HIDDEN,
                iterations,
                7,
                &device,
            ))
            .unwrap();
            let accuracy = pollster::block_on(classifier.accuracy(judged)).unwrap();
            let path = root.join(format!("crate/models/weights/{name}_classifier.bpk"));
            let bytes = classifier.to_bytes().unwrap();
            std::fs::write(&path, &bytes).unwrap();
            println!(
                "{name}: trained on {} images, held-out accuracy {:.2} % on {}; {} bytes → {}",
                train.len(),
                100.0 * accuracy,
                judged.len(),
                bytes.len(),
                path.display()
            );
        }
    }
}
