//! Everything shipped inside the binary: the built-in routines, the stretch
//! catalogue, the advice from the articles and the ASCII figures.

use std::sync::{Arc, OnceLock};

use crate::advice::Advice;
use crate::learn::Learn;
use crate::routine::load::{self, Catalogue};
use crate::routine::{Origin, Routine};

/// The stretch catalogue, shared by built-in and user routines.
pub const STRETCHES: (&str, &str) = ("routines/stretches.toml", include_str!("../routines/stretches.toml"));

/// After-care, prevention and see-a-doctor advice.
pub const ADVICE: (&str, &str) = ("routines/advice.toml", include_str!("../routines/advice.toml"));

/// The Learn page's items.
pub const LEARN: (&str, &str) = ("routines/learn.toml", include_str!("../routines/learn.toml"));

/// What each figure draws from: its article and sentence.
pub const FIGURE_SOURCES: (&str, &str) =
    ("assets/figures/figures.toml", include_str!("../assets/figures/figures.toml"));

/// Built-in routines: file name and text. `limber init` copies these.
pub const ROUTINES: [(&str, &str); 4] = [
    ("calf-relief.toml", include_str!("../routines/calf-relief.toml")),
    ("hamstring-relief.toml", include_str!("../routines/hamstring-relief.toml")),
    ("quadriceps-relief.toml", include_str!("../routines/quadriceps-relief.toml")),
    ("nightly.toml", include_str!("../routines/nightly.toml")),
];

/// ASCII figures by id, from `assets/figures/ID.txt`.
pub const FIGURES: [(&str, &str); 4] = [
    ("calf-standing", include_str!("../assets/figures/calf-standing.txt")),
    ("calf-seated", include_str!("../assets/figures/calf-seated.txt")),
    ("foot-pull", include_str!("../assets/figures/foot-pull.txt")),
    ("quad-chair", include_str!("../assets/figures/quad-chair.txt")),
];

/// A figure's text by id.
pub fn figure(id: &str) -> Option<&'static str> {
    FIGURES.iter().find(|(i, _)| *i == id).map(|(_, f)| *f)
}

pub fn figure_ids() -> Vec<&'static str> {
    FIGURES.iter().map(|(id, _)| *id).collect()
}

/// The built-in catalogue, parsed once. The shipped file is checked by the
/// test suite, so a failure here is a build defect, not a user error.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        load::parse_catalogue(STRETCHES.0, STRETCHES.1)
            .unwrap_or_else(|d| panic!("built-in stretch catalogue is invalid:\n{d}"))
    })
}

/// The built-in routines, parsed once.
pub fn routines() -> &'static [Arc<Routine>] {
    static ROUTINES_PARSED: OnceLock<Vec<Arc<Routine>>> = OnceLock::new();
    ROUTINES_PARSED.get_or_init(|| {
        ROUTINES
            .iter()
            .map(|(name, text)| {
                let label = format!("routines/{name}");
                let r = load::parse_routine(&label, text, catalogue(), Origin::BuiltIn)
                    .unwrap_or_else(|d| panic!("built-in routine is invalid:\n{d}"));
                Arc::new(r)
            })
            .collect()
    })
}

/// One figure's source: the article and the sentence it draws.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureSource {
    pub id: String,
    /// Article key, see [`crate::articles`].
    pub source: String,
    pub quote: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureSources {
    figures: Vec<FigureSource>,
}

/// The figures' sources, parsed once.
pub fn figure_sources() -> &'static [FigureSource] {
    static PARSED: OnceLock<Vec<FigureSource>> = OnceLock::new();
    PARSED.get_or_init(|| {
        toml::from_str::<FigureSources>(FIGURE_SOURCES.1)
            .unwrap_or_else(|e| panic!("built-in {} is invalid: {e}", FIGURE_SOURCES.0))
            .figures
    })
}

/// The Learn page, parsed once.
pub fn learn() -> &'static Learn {
    static LEARN_PARSED: OnceLock<Learn> = OnceLock::new();
    LEARN_PARSED.get_or_init(|| {
        crate::learn::parse(LEARN.0, LEARN.1)
            .unwrap_or_else(|d| panic!("built-in learn page is invalid:\n{d}"))
    })
}

/// The advice from the articles, parsed once.
pub fn advice() -> &'static Advice {
    static ADVICE_PARSED: OnceLock<Advice> = OnceLock::new();
    ADVICE_PARSED.get_or_init(|| {
        crate::advice::parse(ADVICE.0, ADVICE.1)
            .unwrap_or_else(|d| panic!("built-in advice is invalid:\n{d}"))
    })
}
