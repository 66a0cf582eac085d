//! After-care, prevention and see-a-doctor advice, kept as data taken from
//! the articles (`routines/advice.toml`), each item naming its article.

use serde::Deserialize;

use crate::routine::Diagnostic;
use crate::routine::diagnostic;
use crate::text::SafeText;

/// What a tip is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TipKind {
    /// After a cramp lets go.
    AfterCare,
    /// Habits that make cramps less likely.
    Prevention,
    /// Signs that call for a doctor (the red flags).
    SeeADoctor,
}

/// One piece of advice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    pub kind: TipKind,
    pub title: SafeText,
    pub text: SafeText,
    /// Article key, see [`crate::articles`].
    pub source: SafeText,
    /// The article's own words, checked by the test suite to occur in it.
    pub quote: SafeText,
}

/// All advice, plus the facts about how long a cramp lasts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    /// Average cramp length in minutes, from the articles.
    pub average_cramp_minutes: u32,
    /// How long the muscle can stay tender, in hours, from the articles.
    pub tender_hours: u32,
    /// Article key for the two figures above.
    pub figures_source: SafeText,
    /// The article's sentence that gives them.
    pub figures_quote: SafeText,
    pub tips: Vec<Tip>,
}

impl Advice {
    /// The tips of one kind, in file order.
    pub fn of(&self, kind: TipKind) -> impl Iterator<Item = &Tip> {
        self.tips.iter().filter(move |t| t.kind == kind)
    }
}

pub fn parse(label: &str, source: &str) -> Result<Advice, Diagnostic> {
    toml::from_str(source).map_err(|e| diagnostic::from_toml(label, source, &e))
}
