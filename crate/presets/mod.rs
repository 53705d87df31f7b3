//! Presets, one click per curriculum point: the settings, the explanation, and the claim
//! the explanation makes, measurably and with the iterations it needs. A preset's text is
//! a claim: a native test trains every preset and holds it to its claim, and the page
//! shows whether the run it is watching meets it.
//! - [`game`]: the minimax game's (THEORY.md §2–§4);
//! - [`lab`]: the autoencoders' (THEORY.md §6);
//! - [`image_gan`]: the image GANs' (THEORY.md §2–§5: DCGAN, the conditional GAN);
//! - [`faces`]: the slanted faces' one, the note's run (THEORY.md §7).

pub mod faces;
pub mod game;
pub mod image_gan;
pub mod lab;

use serde::Serialize;

pub use game::{GAME_PRESETS, GamePreset, matching, named};
pub use lab::LAB_PRESETS;

/// What a claim makes of the run so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum Verdict {
    /// Not decided yet: fewer iterations than the claim needs.
    Pending {
        detail: String,
    },
    Met {
        detail: String,
    },
    NotMet {
        detail: String,
    },
}

impl Verdict {
    pub fn is_met(&self) -> bool {
        matches!(self, Self::Met { .. })
    }
}

/// One measurement of a run, at an iteration (the rows a claim judges).
pub trait Measured {
    fn iteration(&self) -> u64;
}

/// What a preset's text promises, measurably, about runs measured in rows `R`.
pub struct Claim<R: 'static> {
    /// The promise in words, shown beside the verdict.
    pub text: &'static str,
    /// Iterations the claim needs (the run is judged once it has them).
    pub budget: u64,
    /// Judges the rows of a run that has trained `budget` iterations or more.
    judge: fn(&[R]) -> (bool, String),
}

impl<R: Measured> Claim<R> {
    /// The verdict on a run's rows (one per snapshot, in order).
    pub fn verdict(&self, rows: &[R]) -> Verdict {
        let iteration = rows.last().map_or(0, R::iteration);
        if iteration < self.budget {
            return Verdict::Pending {
                detail: format!("judged at iteration {} (now {iteration})", self.budget),
            };
        }
        match (self.judge)(rows) {
            (true, detail) => Verdict::Met { detail },
            (false, detail) => Verdict::NotMet { detail },
        }
    }
}

/// A preset and its claim as a snapshot carries them: `{id, title, text, claim: {text,
/// budget, verdict: "pending" | "met" | "notMet", detail}}`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresetView {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    pub claim: ClaimView,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    pub text: &'static str,
    pub budget: u64,
    #[serde(flatten)]
    pub verdict: Verdict,
}

impl PresetView {
    pub fn new<R: Measured>(
        id: &'static str,
        title: &'static str,
        text: &'static str,
        claim: &Claim<R>,
        rows: &[R],
    ) -> Self {
        Self {
            id,
            title,
            text,
            claim: ClaimView {
                text: claim.text,
                budget: claim.budget,
                verdict: claim.verdict(rows),
            },
        }
    }
}

/// One preset of an experiment whose settings are `S` and whose runs are measured in rows
/// `R`: its button, its text, its settings and its claim.
pub struct Preset<S: 'static, R: 'static> {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    /// The preset's settings (over the experiment's defaults).
    settings: fn() -> S,
    pub claim: Claim<R>,
}

impl<S, R: Measured> Preset<S, R> {
    /// The preset with its claim judged on a run's `rows`.
    pub fn view(&self, rows: &[R]) -> PresetView {
        PresetView::new(self.id, self.title, self.text, &self.claim, rows)
    }
}

/// A preset's button: `{id, title}`.
#[derive(Debug, Clone, Serialize)]
pub struct Button {
    pub id: &'static str,
    pub title: &'static str,
}

/// Every preset's button in `table`.
pub fn buttons<S, R>(table: &[Preset<S, R>]) -> Vec<Button> {
    table
        .iter()
        .map(|p| Button {
            id: p.id,
            title: p.title,
        })
        .collect()
}

/// The preset called `id` in `table`, or an error that lists the ones there are.
pub fn find<S, R>(
    table: &'static [Preset<S, R>],
    id: &str,
) -> crate::error::Result<&'static Preset<S, R>> {
    table.iter().find(|p| p.id == id).ok_or_else(|| {
        let ids: Vec<&str> = table.iter().map(|p| p.id).collect();
        crate::PlaygroundError::invalid(
            "preset",
            format!("unknown preset \"{id}\" (available: {})", ids.join(", ")),
        )
    })
}
