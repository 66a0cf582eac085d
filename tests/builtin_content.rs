//! The shipped content stays faithful and clean: plain ASCII (the third
//! article hides Cyrillic look-alikes), no control characters, every stretch
//! and tip naming one of the three articles.

use limber::advice::TipKind;
use limber::{articles, builtin};

#[test]
fn shipped_text_is_plain_ascii_without_control_characters() {
    let mut files: Vec<(&str, &str)> = builtin::ROUTINES.to_vec();
    files.push(builtin::STRETCHES);
    files.push(builtin::ADVICE);
    files.push(builtin::LEARN);
    files.push(builtin::FIGURE_SOURCES);
    files.extend(builtin::FIGURES);
    for (name, text) in files {
        for (n, line) in text.lines().enumerate() {
            for c in line.chars() {
                assert!(
                    c.is_ascii() && !c.is_ascii_control(),
                    "{name}:{}: {c:?} (U+{:04X}) is not plain ASCII text",
                    n + 1,
                    c as u32
                );
            }
        }
    }
}

#[test]
fn every_builtin_stretch_names_a_source_article() {
    for (id, s) in builtin::catalogue() {
        assert!(articles::by_key(s.source.as_str()).is_some(), "{id}: {}", s.source);
        assert!(s.figure.is_some(), "{id} has no figure");
    }
    for r in builtin::routines() {
        assert!(articles::by_key(r.source.as_str()).is_some(), "{}", r.id);
    }
}

#[test]
fn builtin_routines_cover_what_the_articles_give() {
    let get = |id: &str| builtin::routines().iter().find(|r| r.id.as_str() == id).unwrap();
    let stretch_ids =
        |id: &str| get(id).steps.iter().map(|s| s.stretch.id.as_str().to_string()).collect::<Vec<_>>();
    // Seated first: nobody woken by a cramp is asked to stand on it.
    assert_eq!(stretch_ids("calf-relief"), ["calf-seated", "calf-foot-pull", "calf-standing"]);
    assert_eq!(stretch_ids("hamstring-relief"), ["hamstring-foot-pull"]);
    assert_eq!(stretch_ids("quadriceps-relief"), ["quadriceps-chair"]);
    let nightly = get("nightly");
    let mut muscles: Vec<_> = nightly.steps.iter().map(|s| s.stretch.muscle).collect();
    muscles.dedup();
    assert_eq!(muscles.len(), 3);
    assert!(nightly.steps.iter().all(|s| s.sides == limber::routine::Sides::Both));
    for r in builtin::routines() {
        assert!(r.steps.iter().all(|s| (15..=30).contains(&s.hold_secs)));
    }
}

#[test]
fn advice_covers_after_care_prevention_and_red_flags_with_sources() {
    let advice = builtin::advice();
    assert_eq!(advice.average_cramp_minutes, 9);
    assert_eq!(advice.tender_hours, 24);
    for kind in [TipKind::AfterCare, TipKind::Prevention, TipKind::SeeADoctor] {
        assert!(advice.of(kind).count() >= 3, "{kind:?}");
    }
    for t in &advice.tips {
        assert!(articles::by_key(t.source.as_str()).is_some(), "{}: {}", t.title, t.source);
    }
    let all: String = advice.tips.iter().map(|t| format!("{} {} ", t.title, t.text).to_lowercase()).collect();
    for word in [
        "massage",
        "heat",
        "ice",
        "hydrated",
        "potassium",
        "shoes",
        "gradually",
        "redness",
        "swelling",
        "weakness",
    ] {
        assert!(all.contains(word), "advice should mention {word}");
    }
}

#[test]
fn article_files_exist_beside_the_project() {
    // The articles are the only source; keep the keys pointing at real files.
    for a in articles::ARTICLES {
        let path = std::path::Path::new("../shared/articles").join(a.file);
        if path.parent().unwrap().exists() {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(a.title), "{} should be titled {}", a.file, a.title);
        }
    }
}

/// The article texts by key, normalised, or `None` (with the reason
/// printed) when the articles folder is not beside the project.
fn article_texts() -> Option<Vec<(&'static str, String)>> {
    let dir = std::path::Path::new("../shared/articles");
    if !dir.exists() {
        eprintln!("skipped: {} is missing, so quotes cannot be checked", dir.display());
        return None;
    }
    Some(
        articles::ARTICLES
            .iter()
            .map(|a| (a.key, articles::normalise(&std::fs::read_to_string(dir.join(a.file)).unwrap())))
            .collect(),
    )
}

/// Every quote in the shipped data: what it belongs to, its article key and
/// the quote.
fn all_quotes() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut stretches: Vec<_> = builtin::catalogue().values().collect();
    stretches.sort_by_key(|s| s.id.clone());
    for s in stretches {
        let quote = s.quote.as_ref().map(|q| q.to_string()).unwrap_or_default();
        out.push((format!("stretch {}", s.id), s.source.to_string(), quote));
    }
    let advice = builtin::advice();
    out.push(("advice figures".into(), advice.figures_source.to_string(), advice.figures_quote.to_string()));
    for t in &advice.tips {
        out.push((format!("tip {}", t.title), t.source.to_string(), t.quote.to_string()));
    }
    for i in &builtin::learn().items {
        out.push((format!("learn item {}", i.title), i.source.to_string(), i.quote.to_string()));
    }
    for f in builtin::figure_sources() {
        out.push((format!("figure {}", f.id), f.source.clone(), f.quote.clone()));
    }
    out
}

#[test]
fn every_stretch_tip_learn_item_and_figure_quotes_its_own_article_verbatim() {
    let quotes = all_quotes();
    // Everything that must carry a quote does.
    assert_eq!(quotes.iter().filter(|q| q.0.starts_with("stretch ")).count(), builtin::catalogue().len());
    assert_eq!(quotes.iter().filter(|q| q.0.starts_with("figure ")).count(), builtin::FIGURES.len());
    let mut figure_ids: Vec<_> = builtin::figure_sources().iter().map(|f| f.id.as_str()).collect();
    figure_ids.sort_unstable();
    let mut shipped = builtin::figure_ids();
    shipped.sort_unstable();
    assert_eq!(figure_ids, shipped, "one source entry per figure");
    let Some(texts) = article_texts() else { return };
    for (what, source, quote) in &quotes {
        assert!(quote.split_whitespace().count() >= 5, "{what}: quote {quote:?} is too short to identify");
        let (_, text) = texts.iter().find(|(k, _)| k == source).unwrap_or_else(|| panic!("{what}: {source}"));
        let quote = articles::normalise(quote);
        assert!(text.contains(&quote), "{what}: not found verbatim in {source}: {quote:?}");
        // The credit is to the right article: no other article has it.
        for (other, text) in texts.iter().filter(|(k, _)| k != source) {
            assert!(!text.contains(&quote), "{what}: also in {other}");
        }
    }
}

#[test]
fn credits_fixed_by_the_audit_name_the_right_article() {
    let advice = builtin::advice();
    let source_of = |needle: &str| {
        advice
            .tips
            .iter()
            .filter(|t| t.text.as_str().to_lowercase().contains(needle))
            .map(|t| t.source.as_str())
            .collect::<Vec<_>>()
    };
    // The foam roller and the footwear advice are "Understanding and Managing".
    assert_eq!(source_of("foam roller"), ["managing-leg-spasms"]);
    assert_eq!(source_of("supportive shoes"), ["managing-leg-spasms"]);
    // The flats-without-a-sole warning is "The Basics on Leg Spasms".
    assert_eq!(source_of("flats"), ["basics-leg-spasms"]);
    // The article's own heading for the list, not "warning signs".
    let titles: Vec<_> = advice.tips.iter().map(|t| t.title.as_str()).collect();
    assert!(titles.contains(&"Other severe symptoms of leg cramps"), "{titles:?}");
    assert!(!titles.iter().any(|t| t.to_lowercase().contains("warning")));
}

#[test]
fn the_learn_page_covers_what_the_issue_lists() {
    let learn = builtin::learn();
    let all: String = learn.items.iter().map(|i| format!("{} {} ", i.title, i.text).to_lowercase()).collect();
    for needle in [
        "hot weather",
        "holding a position",
        "inactive",
        "diuretics",
        "circulatory disorder",
        "pain with exercise that improves with rest",
        "worsens as you walk",
        "slightly flexed",
        "warm-up",
        "20 minute walk",
        "above heart level",
        "pregnancy-safe yoga",
        "qualified health professional",
    ] {
        assert!(all.contains(needle), "learn page should cover {needle:?}");
    }
    for i in &learn.items {
        assert!(articles::by_key(i.source.as_str()).is_some(), "{}: {}", i.title, i.source);
    }
}

#[test]
fn one_name_per_body_part_and_no_invented_position() {
    let mut files: Vec<(&str, &str)> = builtin::ROUTINES.to_vec();
    files.extend([builtin::STRETCHES, builtin::ADVICE, builtin::LEARN]);
    for (name, text) in files {
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with('#')) {
            let lower = line.to_lowercase();
            assert!(!lower.contains("comfortable position"), "{name}:{}: {line}", n + 1);
            for (i, _) in lower.match_indices("thigh") {
                let before = &lower[..i];
                assert!(
                    before.ends_with("back of the ")
                        || before.ends_with("front of the ")
                        || before.ends_with("anterior "),
                    "{name}:{}: \"thigh\" alone: {line}",
                    n + 1
                );
            }
            assert!(!lower.contains("on that side"), "{name}:{}: which side? {line}", n + 1);
        }
    }
    assert_eq!(limber::routine::Position::Any.as_str(), "", "`any` is never shown as advice");
}

#[test]
fn cautions_point_only_to_stretches_in_the_same_routine() {
    let names: Vec<String> = builtin::catalogue().values().map(|s| s.name.as_str().to_lowercase()).collect();
    for r in builtin::routines() {
        let own: Vec<String> = r.steps.iter().map(|s| s.stretch.name.as_str().to_lowercase()).collect();
        for step in &r.steps {
            for c in &step.stretch.cautions {
                let c = c.as_str().to_lowercase();
                for name in names.iter().filter(|n| c.contains(n.as_str())) {
                    assert!(own.contains(name), "{}: caution {c:?} points to {name:?}, not in it", r.id);
                }
                // "the seated ..." style references without the full name.
                for word in ["seated", "standing", "foot pull", "chair"] {
                    if c.contains(word) {
                        assert!(
                            own.iter().any(|n| n.contains(word)),
                            "{}: caution {c:?} names {word:?}",
                            r.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_figure_matches_its_snapshot() {
    for (id, fig) in builtin::FIGURES {
        insta::assert_snapshot!(format!("figure_{id}"), fig);
    }
}
