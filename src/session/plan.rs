//! Expanding a routine into the timed phases a session walks through.

use serde::Serialize;

use crate::routine::{Mode, Routine, Side};

/// What the person is doing during a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// Getting into position before the first hold of a step.
    GetReady,
    /// Holding the stretch.
    Hold,
    /// Changing legs.
    Switch,
    /// Resting between holds or before the next stretch.
    Rest,
    /// Relief mode: the hold ended; waiting for "hold again" or "it's gone".
    StillCramping,
}

/// One timed phase of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub kind: PhaseKind,
    /// Index into the routine's steps.
    pub step: usize,
    pub side: Option<Side>,
    /// 1-based hold number on this side.
    pub rep: u32,
    /// Planned length in seconds; 0 for [`PhaseKind::StillCramping`], which
    /// waits for the person.
    pub secs: u32,
}

/// The full plan of a routine done as written: every step, side and rep,
/// with get-ready, switch and rest phases between. Phases of zero length are
/// left out. For relief routines this is "each stretch tried once", used for
/// estimates; a relief session builds its phases as the person goes (see
/// [`relief_attempt`]).
pub fn expand(routine: &Routine) -> Vec<Phase> {
    let mut out = Vec::new();
    for (i, step) in routine.steps.iter().enumerate() {
        if i > 0 {
            push(&mut out, PhaseKind::Rest, i, None, 1, routine.steps[i - 1].rest_secs);
        }
        push(&mut out, PhaseKind::GetReady, i, step.sides()[0], 1, step.get_ready_secs);
        for (s, side) in step.sides().iter().enumerate() {
            if s > 0 {
                push(&mut out, PhaseKind::Switch, i, *side, 1, step.switch_secs);
            }
            for rep in 1..=step.reps {
                if rep > 1 {
                    push(&mut out, PhaseKind::Rest, i, *side, rep, step.rest_secs);
                }
                push(&mut out, PhaseKind::Hold, i, *side, rep, step.hold_secs);
            }
        }
    }
    out
}

/// A relief attempt at step `step`: get ready (unless `again`), hold, then
/// wait for the person to say whether the cramp is still there.
pub fn relief_attempt(routine: &Routine, step: usize, again: bool, rep: u32) -> Vec<Phase> {
    debug_assert_eq!(routine.mode, Mode::Relief);
    let s = &routine.steps[step];
    let mut out = Vec::new();
    if !again {
        push(&mut out, PhaseKind::GetReady, step, None, rep, s.get_ready_secs);
    }
    push(&mut out, PhaseKind::Hold, step, None, rep, s.hold_secs);
    out.push(Phase { kind: PhaseKind::StillCramping, step, side: None, rep, secs: 0 });
    out
}

fn push(out: &mut Vec<Phase>, kind: PhaseKind, step: usize, side: Option<Side>, rep: u32, secs: u32) {
    if secs > 0 {
        out.push(Phase { kind, step, side, rep, secs });
    }
}
