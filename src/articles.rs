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

/// The article text as the quotes in limber's data are written: the third
/// article's Cyrillic look-alike letters as the Latin letters they imitate,
/// typographic quotes as plain ones, its bullets as hyphens, and every run of
/// white space (no-break spaces included) as one space. A quote in the data
/// must occur in this text verbatim.
pub fn normalise(text: &str) -> String {
    let mapped = text.chars().map(|c| match c {
        'а' => 'a',
        'е' => 'e',
        'ѕ' => 's',
        'о' => 'o',
        'і' => 'i',
        'с' => 'c',
        'у' => 'y',
        'р' => 'p',
        'х' => 'x',
        'ј' => 'j',
        'А' => 'A',
        'Е' => 'E',
        'О' => 'O',
        'С' => 'C',
        'Р' => 'P',
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2022}' => '-',
        c => c,
    });
    let mut out = String::with_capacity(text.len());
    for c in mapped {
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_maps_look_alikes_quotes_bullets_and_spaces() {
        // "hаrmlеѕѕ" with Cyrillic а, е, ѕ; a no-break space; a bullet list.
        let text = "often h\u{430}rml\u{435}\u{455}\u{455}\u{a0} and  you\u{2019}re\n\n  \u{2022} Severe";
        assert_eq!(normalise(text), "often harmless and you're - Severe");
    }
}
