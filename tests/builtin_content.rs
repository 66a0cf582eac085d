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
    assert_eq!(stretch_ids("calf-relief"), ["calf-standing", "calf-seated", "calf-foot-pull"]);
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
