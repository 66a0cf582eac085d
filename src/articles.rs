//! The three articles that every stretch, hold time, tip and red flag comes
//! from. limber gives no health advice beyond them; each built-in stretch and
//! tip names one of these by its key.

/// One source article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Article {
    /// Short key used in routine files (`source = "leg-cramping"`).
    pub key: &'static str,
    /// The article's own title.
    pub title: &'static str,
    /// File name in `shared/articles/` the text was taken from.
    pub file: &'static str,
}

pub const ARTICLES: [Article; 3] = [
    Article { key: "basics-leg-spasms", title: "The Basics on Leg Spasms", file: "000_856fa469073845e1.txt" },
    Article {
        key: "managing-leg-spasms",
        title: "Understanding and Managing Leg Muscle Spasms",
        file: "001_993a9c09d15e4f11.txt",
    },
    Article { key: "leg-cramping", title: "Leg Cramping", file: "002_e0c809c7343b8dc2.txt" },
];

/// Finds an article by key.
pub fn by_key(key: &str) -> Option<&'static Article> {
    ARTICLES.iter().find(|a| a.key == key)
}

/// How a source is shown to a person: the article's title when the key is a
/// known article, otherwise the text the routine's author wrote.
pub fn source_label(source: &str) -> String {
    match by_key(source) {
        Some(a) => format!("\"{}\"", a.title),
        None => source.to_string(),
    }
}
