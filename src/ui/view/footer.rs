//! The footer: the keys that work here, built by priority. It starts from
//! every key the screen offers ([`footer_bindings`]) and, while they do not
//! fit, drops the last key of the lowest rank left ([`Rank`]); the keys that
//! leave the screen or answer its question are never dropped. Any screen gets
//! this by declaring its binding contexts in `App::contexts`.

use ratatui::text::{Line, Span};

use crate::ui::keys::{Action, Binding, Context, Rank, footer_bindings};
use crate::ui::theme::Theme;

/// The keys shown for these contexts in `width` columns, in table order,
/// leaving out the actions in `hidden` (a scroll key at the page's end).
pub fn choose(active: &[Context], hidden: &[Action], width: usize) -> Vec<&'static Binding> {
    let mut keys = footer_bindings(active);
    keys.retain(|b| !hidden.contains(&b.action));
    while total(&keys, SEP) > width {
        let lowest = keys.iter().map(|b| b.action.rank()).max();
        match lowest {
            Some(r) if r != Rank::Essential => {
                if let Some(i) = keys.iter().rposition(|b| b.action.rank() == r) {
                    keys.remove(i);
                }
            }
            _ => break,
        }
    }
    keys
}

const SEP: &str = " · ";
const TIGHT: &str = "  ";

fn entry_width(b: &Binding) -> usize {
    Span::raw(b.label).width() + 1 + Span::raw(b.short).width()
}

fn total(keys: &[&Binding], sep: &str) -> usize {
    keys.iter().map(|b| entry_width(b)).sum::<usize>() + sep.len() * keys.len().saturating_sub(1)
}

/// The footer line: "Space pause · Enter it's gone · ? help · q quit". When
/// even the essential keys are too wide, the separators tighten, then words
/// go, "help" first (`?` is known), then from the right; the keys stay.
pub fn line(active: &[Context], hidden: &[Action], width: usize, theme: &Theme) -> Line<'static> {
    let keys = choose(active, hidden, width);
    let sep = if total(&keys, SEP) <= width { SEP } else { TIGHT };
    let mut words = vec![true; keys.len()];
    let used = |words: &[bool]| {
        keys.iter()
            .zip(words)
            .map(|(b, w)| Span::raw(b.label).width() + if *w { 1 + Span::raw(b.short).width() } else { 0 })
            .sum::<usize>()
            + sep.len() * keys.len().saturating_sub(1)
    };
    let mut order: Vec<usize> = keys.iter().position(|b| b.action == Action::Help).into_iter().collect();
    order.extend((0..keys.len()).rev().filter(|i| keys[*i].action != Action::Help));
    for i in order {
        if used(&words) <= width {
            break;
        }
        words[i] = false;
    }
    let mut spans = Vec::new();
    for (b, word) in keys.into_iter().zip(words) {
        if !spans.is_empty() {
            spans.push(Span::styled(sep, theme.dim));
        }
        spans.push(Span::styled(b.label, theme.key));
        if word {
            spans.push(Span::styled(format!(" {}", b.short), theme.dim));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions(active: &[Context], width: usize) -> Vec<Action> {
        choose(active, &[], width).iter().map(|b| b.action).collect()
    }

    #[test]
    fn lesser_keys_drop_first_and_essential_ones_stay() {
        let wide = actions(&[Context::Session, Context::Relief], 200);
        assert!(wide.contains(&Action::Longer) && wide.contains(&Action::Next));
        let narrow = actions(&[Context::Session, Context::Relief], 50);
        for a in [Action::TogglePause, Action::ItsGone, Action::Help, Action::Quit] {
            assert!(narrow.contains(&a), "{a:?} missing from {narrow:?}");
        }
        assert!(!narrow.contains(&Action::Longer), "extra keys go before useful ones: {narrow:?}");
        let tiny = actions(&[Context::Session, Context::Relief], 10);
        assert!(tiny.iter().all(|a| a.rank() == Rank::Essential), "{tiny:?}");
    }
}
