//! The "Learn" page: what the articles say about cramps beyond the stretches
//! and tips (causes, patterns, pregnancy, help from a professional), kept as
//! data (`routines/learn.toml`), each item naming its article and quoting it.

use serde::{Deserialize, Serialize};

use crate::routine::Diagnostic;
use crate::routine::diagnostic;
use crate::text::SafeText;

/// One thing to know, in the article's own cautious wording.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The heading it is listed under; items of a section are adjacent.
    pub section: SafeText,
    pub title: SafeText,
    pub text: SafeText,
    /// Article key, see [`crate::articles`].
    pub source: SafeText,
    /// The article's own words, checked by the test suite to occur in it.
    pub quote: SafeText,
}

/// The whole page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Learn {
    pub items: Vec<Item>,
}

impl Learn {
    /// The sections in file order, each with its items.
    pub fn sections(&self) -> Vec<(&str, Vec<&Item>)> {
        let mut out: Vec<(&str, Vec<&Item>)> = Vec::new();
        for item in &self.items {
            match out.last_mut() {
                Some((name, items)) if *name == item.section.as_str() => items.push(item),
                _ => out.push((item.section.as_str(), vec![item])),
            }
        }
        out
    }
}

pub fn parse(label: &str, source: &str) -> Result<Learn, Diagnostic> {
    toml::from_str(source).map_err(|e| diagnostic::from_toml(label, source, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keep_file_order_and_group_adjacent_items() {
        let text = r#"
[[items]]
section = "A"
title = "one"
text = "t"
source = "leg-cramping"
quote = "q"
[[items]]
section = "A"
title = "two"
text = "t"
source = "leg-cramping"
quote = "q"
[[items]]
section = "B"
title = "three"
text = "t"
source = "leg-cramping"
quote = "q"
"#;
        let learn = parse("learn.toml", text).unwrap();
        let sections = learn.sections();
        let names: Vec<_> = sections.iter().map(|(n, items)| (*n, items.len())).collect();
        assert_eq!(names, [("A", 2), ("B", 1)]);
    }
}
