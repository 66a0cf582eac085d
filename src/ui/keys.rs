//! Every key binding, in one table. The footer and the help overlay are made
//! from this table, so what is shown is what works.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for. Which actions apply depends on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Pause or resume the countdown (during a session).
    TogglePause,
    /// Relief: another hold of the same stretch.
    HoldAgain,
    /// Relief: the cramp has let go; show after-care.
    ItsGone,
    /// Skip to the next phase (relief: try the next stretch).
    Next,
    /// Go back one phase.
    Back,
    /// Lengthen the current hold by 5 seconds (up to 30).
    Longer,
    /// Shorten the current hold by 5 seconds (down to 15).
    Shorter,
    /// Mute or unmute the cues.
    Mute,
    /// Show or hide the list of keys.
    Help,
    /// Leave the screen (asks first when a nightly routine is under way).
    Quit,
    /// Quit at once, from anywhere.
    ForceQuit,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back.
    Suspend,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Choose the selected item.
    Select,
    /// Home: open the relief muscle picker.
    OpenRelief,
    /// Home: start the nightly routine.
    OpenNightly,
    /// Home: browse the routines.
    OpenBrowse,
    /// Home: the history of nights and cramps.
    OpenHistory,
    /// Home: what the articles say about cramps.
    OpenLearn,
    /// Relief: switch to the stretch with the number pressed.
    PickStretch,
    /// Relief picker: calf.
    PickCalf,
    /// Relief picker: hamstring.
    PickHamstring,
    /// Relief picker: quadriceps.
    PickQuadriceps,
    /// Confirm a question (stop the routine?).
    Yes,
    /// Decline a question.
    No,
    /// The person's file has errors: run the built-in routine instead.
    RunBuiltin,
    /// Resume offer: pick the nightly routine up where it was left.
    ResumeRoutine,
    /// Resume offer: start the routine from the top.
    StartOver,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere.
    Global,
    Home,
    Picker,
    /// Lists: home, browse, advice pages.
    List,
    /// A running session.
    Session,
    /// A running relief session.
    Relief,
    /// A running relief session with more than one stretch to choose from.
    ReliefChoice,
    /// A page to read: after-care, good night, history.
    Page,
    /// Relief: after a hold, waiting for the person.
    StillCramping,
    /// A yes/no question.
    Confirm,
    /// The person's nightly file has errors: built-in, or quit to fix.
    Broken,
    /// The offer to resume a nightly routine left part way tonight.
    Resume,
    /// The help overlay: arrows scroll it, any other key closes it.
    Help,
    /// A paused session: Space resumes.
    Paused,
}

/// One binding: keys, where it applies, what it does, and how the footer and
/// help name it.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub ctrl: bool,
    pub context: Context,
    pub action: Action,
    /// Short key label for the footer and help ("Space", "→/n").
    pub label: &'static str,
    /// One or two words for the footer.
    pub short: &'static str,
    pub help: &'static str,
}

const fn b(
    keys: &'static [KeyCode],
    context: Context,
    action: Action,
    label: &'static str,
    short: &'static str,
    help: &'static str,
) -> Binding {
    Binding { keys, ctrl: false, context, action, label, short, help }
}

use Context as C;
use KeyCode as K;

/// The table. Earlier rows win when two match, so specific contexts come
/// before general ones.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[K::Char('c')],
        ctrl: true,
        context: C::Global,
        action: Action::ForceQuit,
        label: "Ctrl-C",
        short: "quit",
        help: "quit at once",
    },
    Binding {
        keys: &[K::Char('z')],
        ctrl: true,
        context: C::Global,
        action: Action::Suspend,
        label: "Ctrl-Z",
        short: "suspend",
        help: "suspend to the shell (fg returns)",
    },
    b(&[K::Char('y'), K::Enter], C::Confirm, Action::Yes, "y", "stop", "yes, stop"),
    b(&[K::Char('n'), K::Esc], C::Confirm, Action::No, "n", "carry on", "no, carry on"),
    b(
        &[K::Enter, K::Char('r')],
        C::Resume,
        Action::ResumeRoutine,
        "Enter",
        "resume",
        "resume where you left off",
    ),
    b(&[K::Char('s')], C::Resume, Action::StartOver, "s", "start over", "start the routine over"),
    b(
        &[K::Char(' ')],
        C::StillCramping,
        Action::HoldAgain,
        "Space",
        "hold again",
        "still cramping: hold again",
    ),
    b(&[K::Enter], C::StillCramping, Action::ItsGone, "Enter", "it's gone", "it's gone: after-care"),
    b(
        &[K::Right, K::Char('n')],
        // Offered only where there is a next stretch (not hamstring).
        C::ReliefChoice,
        Action::Next,
        "n",
        "next stretch",
        "still cramping: the next stretch",
    ),
    // Not `q`: that quits everywhere, here too.
    b(&[K::Char('c'), K::Char('1')], C::Picker, Action::PickCalf, "c", "calf", "calf"),
    b(
        &[K::Char('h'), K::Char('2')],
        C::Picker,
        Action::PickHamstring,
        "h",
        "hamstring",
        "hamstring (back of the thigh)",
    ),
    b(
        &[K::Char('t'), K::Char('3')],
        C::Picker,
        Action::PickQuadriceps,
        "t",
        "thigh",
        "thigh (quadriceps, front of the thigh)",
    ),
    b(
        &[K::Enter, K::Char('b')],
        C::Broken,
        Action::RunBuiltin,
        "Enter",
        "run the built-in",
        "run the built-in routine instead",
    ),
    b(&[K::Char('r')], C::Home, Action::OpenRelief, "r", "relief", "relief: a cramp now"),
    b(&[K::Char('n')], C::Home, Action::OpenNightly, "n", "nightly", "nightly routine"),
    b(&[K::Char('b')], C::Home, Action::OpenBrowse, "b", "browse", "browse routines"),
    b(&[K::Char('h')], C::Home, Action::OpenHistory, "h", "history", "history: nights and cramps"),
    b(&[K::Char('l')], C::Home, Action::OpenLearn, "l", "learn", "learn: what the articles say"),
    b(&[K::Enter], C::Relief, Action::ItsGone, "Enter", "it's gone", "relief: the cramp has gone"),
    b(
        &[
            K::Char('1'),
            K::Char('2'),
            K::Char('3'),
            K::Char('4'),
            K::Char('5'),
            K::Char('6'),
            K::Char('7'),
            K::Char('8'),
            K::Char('9'),
        ],
        C::ReliefChoice,
        Action::PickStretch,
        "1-9",
        "stretch",
        "relief: the stretch with that number",
    ),
    b(&[K::Char(' ')], C::Paused, Action::TogglePause, "Space", "resume", "resume (while paused)"),
    b(&[K::Char(' ')], C::Session, Action::TogglePause, "Space", "pause", "pause / resume"),
    b(&[K::Right, K::Char('n')], C::Session, Action::Next, "→/n", "next", "next"),
    b(&[K::Left, K::Char('p')], C::Session, Action::Back, "←/p", "back", "back"),
    b(&[K::Char('+'), K::Char('=')], C::Session, Action::Longer, "+", "longer", "hold 5 s longer"),
    b(&[K::Char('-'), K::Char('_')], C::Session, Action::Shorter, "-", "shorter", "hold 5 s shorter"),
    b(&[K::Up, K::Char('k'), K::PageUp], C::Help, Action::Up, "↑", "scroll up", "scroll help up"),
    b(&[K::Down, K::Char('j'), K::PageDown], C::Help, Action::Down, "↓", "scroll down", "scroll help down"),
    b(
        &[K::Esc, K::Char('?'), K::Char('q'), K::Enter],
        C::Help,
        Action::Help,
        "Esc",
        "close",
        "close help (so does any other key)",
    ),
    b(&[K::Up, K::Char('k'), K::PageUp], C::Page, Action::Up, "↑", "scroll up", "scroll up"),
    b(&[K::Down, K::Char('j'), K::PageDown], C::Page, Action::Down, "↓", "scroll down", "scroll down"),
    b(&[K::Enter], C::Page, Action::Select, "Enter", "done", "done"),
    b(&[K::Up, K::Char('k')], C::List, Action::Up, "↑", "up", "up"),
    b(&[K::Down, K::Char('j')], C::List, Action::Down, "↓", "down", "down"),
    b(&[K::Enter], C::List, Action::Select, "Enter", "choose", "choose"),
    b(&[K::Char('m')], C::Global, Action::Mute, "m", "mute", "mute / unmute cues"),
    b(&[K::Char('?')], C::Global, Action::Help, "?", "help", "this help"),
    b(&[K::Char('q')], C::Global, Action::Quit, "q", "quit", "quit / back"),
    b(&[K::Esc], C::Global, Action::Quit, "Esc", "back", "quit / back"),
];

/// How much a key matters to the footer, most first. Narrow footers drop the
/// lesser ranks first; [`Rank::Essential`] keys are always shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Leaves the screen or answers what it asks (Enter, Space, q, y/n),
    /// and `?`, which shows every other key.
    Essential,
    /// Moves around the screen.
    Useful,
    /// Fine-tuning: longer, shorter, back, mute.
    Extra,
}

impl Action {
    /// See [`Rank`].
    pub fn rank(self) -> Rank {
        use Action as A;
        match self {
            A::TogglePause
            | A::HoldAgain
            | A::ItsGone
            | A::Select
            | A::Quit
            | A::Yes
            | A::No
            | A::Help
            | A::OpenRelief
            | A::PickCalf
            | A::PickHamstring
            | A::PickQuadriceps
            | A::RunBuiltin
            | A::ResumeRoutine
            | A::StartOver => Rank::Essential,
            A::Next
            | A::Down
            | A::OpenNightly
            | A::OpenBrowse
            | A::OpenHistory
            | A::OpenLearn
            | A::PickStretch => Rank::Useful,
            // Down first: a page or list starts at its top.
            A::Up | A::Back | A::Longer | A::Shorter | A::Mute | A::ForceQuit | A::Suspend => Rank::Extra,
        }
    }
}

/// The bindings the footer offers on a screen with these contexts: the
/// screen's own, then mute, help and quit; a binding whose keys an earlier
/// one already takes is left out (on the still-cramping prompt Space means
/// "hold again", so "Space pause" is not offered).
pub fn footer_bindings(active: &[Context]) -> Vec<&'static Binding> {
    // Help and a question each take the whole keyboard: in help any other
    // key closes it, and a question wants its answer, so no global key is
    // offered (q, say, would only ask the same question again).
    let globals: &[Action] = if active.contains(&C::Help) || active.contains(&C::Confirm) {
        &[]
    } else {
        &[Action::Mute, Action::Help, Action::Quit]
    };
    let mut out: Vec<&'static Binding> = Vec::new();
    let candidates = active.iter().flat_map(|c| BINDINGS.iter().filter(move |b| b.context == *c)).chain(
        globals.iter().filter_map(|a| BINDINGS.iter().find(|b| b.context == C::Global && b.action == *a)),
    );
    for b in candidates.filter(|b| !b.ctrl) {
        let taken = b.keys.iter().all(|k| out.iter().any(|o| o.keys.contains(k)));
        let same = out.iter().any(|o| o.action == b.action);
        if !taken && !same {
            out.push(b);
        }
    }
    out
}

/// The action for `key` given the contexts active on the current screen,
/// searched in table order.
pub fn action_for(key: KeyEvent, active: &[Context]) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    BINDINGS
        .iter()
        .filter(|b| b.ctrl == ctrl && (b.context == Context::Global || active.contains(&b.context)))
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// Whether a global binding's keys are all taken by a binding of an active
/// context (in the relief picker, `q` means quadriceps, not quit).
pub fn shadowed(b: &Binding, active: &[Context]) -> bool {
    b.keys.iter().all(|k| {
        BINDINGS.iter().any(|o| active.contains(&o.context) && o.ctrl == b.ctrl && o.keys.contains(k))
    })
}

/// The bindings shown for the given contexts, in table order.
pub fn shown_for(active: &[Context]) -> impl Iterator<Item = &'static Binding> + '_ {
    BINDINGS.iter().filter(move |b| active.contains(&b.context))
}

/// The keys of the session screens for `--help`, from the table, so the
/// help cannot name a key that does not work.
pub fn help_text() -> String {
    let groups: [(&str, &[Context]); 5] = [
        ("during a session", &[Context::Session]),
        ("relief", &[Context::Relief, Context::StillCramping]),
        ("relief picker", &[Context::Picker]),
        ("stop the nightly routine?", &[Context::Confirm]),
        ("everywhere", &[Context::Global]),
    ];
    let mut out = String::new();
    for (title, contexts) in groups {
        out.push_str(&format!("  {title}:\n"));
        let mut seen: Vec<&str> = Vec::new();
        // One line per key label: the first binding is the one that wins.
        for b in shown_for(contexts) {
            if seen.contains(&b.label) {
                continue;
            }
            seen.push(b.label);
            out.push_str(&format!("    {:<8} {}\n", b.label, b.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn space_means_hold_again_when_still_cramping_and_pause_otherwise() {
        let k = key(K::Char(' '));
        assert_eq!(action_for(k, &[C::StillCramping, C::Session]), Some(Action::HoldAgain));
        assert_eq!(action_for(k, &[C::Session]), Some(Action::TogglePause));
    }

    #[test]
    fn q_quits_everywhere_and_t_picks_the_thigh() {
        assert_eq!(action_for(key(K::Char('q')), &[C::Picker, C::List]), Some(Action::Quit));
        assert_eq!(action_for(key(K::Char('t')), &[C::Picker, C::List]), Some(Action::PickQuadriceps));
        assert_eq!(action_for(key(K::Char('3')), &[C::Picker, C::List]), Some(Action::PickQuadriceps));
        assert_eq!(action_for(key(K::Down), &[C::Picker, C::List]), Some(Action::Down));
        assert_eq!(action_for(key(K::Char('q')), &[C::Session]), Some(Action::Quit));
        assert_eq!(action_for(key(K::Esc), &[C::Picker]), Some(Action::Quit));
    }

    #[test]
    fn no_screen_key_shadows_quit() {
        for ctx in [C::Home, C::Picker, C::List, C::Page, C::Session, C::Relief, C::StillCramping] {
            let quit = BINDINGS.iter().find(|b| b.action == Action::Quit).unwrap();
            assert!(!shadowed(quit, &[ctx]), "{ctx:?} takes q");
        }
    }

    #[test]
    fn the_footer_offers_hold_again_not_pause_when_a_relief_hold_ends() {
        let shown: Vec<&str> = footer_bindings(&[C::StillCramping, C::ReliefChoice, C::Session])
            .iter()
            .map(|b| b.short)
            .collect();
        assert!(shown.contains(&"hold again") && shown.contains(&"it's gone"), "{shown:?}");
        assert!(!shown.contains(&"pause"), "{shown:?}");
        assert!(shown.contains(&"next stretch") && !shown.contains(&"next"), "{shown:?}");
    }

    #[test]
    fn ctrl_c_quits_and_plain_c_does_not() {
        let ctrl_c = KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, &[C::Picker]), Some(Action::ForceQuit));
        assert_eq!(action_for(key(K::Char('c')), &[C::Picker]), Some(Action::PickCalf));
        assert_eq!(action_for(key(K::Char('c')), &[C::Session]), None);
    }

    #[test]
    fn every_action_in_a_context_has_distinct_keys() {
        for ctx in [
            C::Home,
            C::Picker,
            C::List,
            C::Page,
            C::Session,
            C::Relief,
            C::ReliefChoice,
            C::StillCramping,
            C::Confirm,
            C::Broken,
            C::Resume,
            C::Help,
        ] {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.context == ctx) {
                for k in b.keys {
                    assert!(!seen.contains(&(k, b.ctrl)), "{ctx:?}: {k:?} bound twice");
                    seen.push((k, b.ctrl));
                }
            }
        }
    }
}
