//! The test per preset that `tests/game_presets.rs` and `tests/lab_presets.rs` both write:
//! `claims!(TABLE; name: "id", …)` makes one test per preset, calling the file's
//! `judge(id) -> Verdict` (one test each, so that they run side by side and a failure names
//! its preset), and a test that every preset of TABLE has one.

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
