//! The test per preset that `tests/game_presets.rs` and `tests/lab_presets.rs` both write:
//! `claims!(TABLE; name: "id", …)` makes one test per preset, calling the file's
//! `judge(id) -> Verdict` (one test each, so that they run side by side and a failure names
//! its preset), and a test that every preset of TABLE has one. And the image sets as the
//! page fetches them, which both image experiments' presets train on.
// Each test crate compiles this module and uses only some of it.
#![allow(dead_code)]

use std::io::Read;

use gan_playground::data::images::{ImageData, ImageSet};

/// The set's images as the page fetches them, from `www/data/`.
pub fn images(data: ImageData) -> ImageSet {
    let read = |name: &str| {
        let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if name.ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .unwrap();
            out
        } else {
            bytes
        }
    };
    let (file, labels) = data.files();
    ImageSet::shipped(data, &read(file), labels.map(read).as_deref()).unwrap()
}

macro_rules! claims {
    ($table:expr; $($name:ident: $id:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let verdict = judge($id);
                assert!(verdict.is_met(), "{}: {verdict:?}", $id);
            }
        )*

        #[test]
        fn every_preset_has_a_test() {
            let tested = [$($id),*];
            for preset in &$table {
                assert!(tested.contains(&preset.id), "{} has no claim test", preset.id);
            }
        }
    };
}
