//! Picking a nightly routine up where it was left tonight: which step to
//! offer ("Resume at step 2 of 3 (hamstring), or start over"). Pure: the
//! routine and what the history says in, a step out.

use super::plan::{self, PhaseKind};
use crate::history::record::HoldCount;
use crate::history::{LocalTime, Record, merge};
use crate::routine::{Mode, Routine, Side};

/// A place to resume at, for the offer screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResumePoint {
    /// The step (0-based) whose first hold was not done.
    pub step: usize,
}

/// The holds done tonight in `routine` by sessions left part way, summed
/// over every part; `None` when tonight's routine was completed or counts
/// as done (nothing to resume) or was never started.
///
/// The records are merged first, so a part killed outright (only its start
/// and hold records in the file) counts its finished holds too.
pub fn tonight_holds(records: &[Record], routine: &Routine, now: LocalTime) -> Option<Vec<HoldCount>> {
    let tonight = now.night();
    let mut held: Vec<HoldCount> = Vec::new();
    for s in merge(records).sessions {
        if s.mode != Mode::Nightly || s.routine != routine.id.as_str() || s.start.night() != tonight {
            continue;
        }
        if s.completed || s.done() {
            return None;
        }
        for h in &s.holds {
            match held.iter_mut().find(|x| x.muscle == h.muscle && x.side == h.side) {
                Some(x) => x.holds += h.holds,
                None => held.push(h.clone()),
            }
        }
    }
    (!held.is_empty()).then_some(held)
}

/// Where to resume, given the holds done so far (per muscle and side): the
/// step of the first hold of the plan, in order, that they do not cover.
/// `None` when that is the first step (resuming there is starting over:
/// start as usual) or every hold was done (the routine is as good as done).
pub fn resume_point(routine: &Routine, held: &[HoldCount]) -> Option<ResumePoint> {
    if routine.mode != Mode::Nightly || held.iter().all(|h| h.holds == 0) {
        return None;
    }
    let mut left: Vec<(crate::routine::Muscle, Option<Side>, u32)> =
        held.iter().map(|h| (h.muscle, h.side, h.holds)).collect();
    for p in plan::expand(routine).iter().filter(|p| p.kind == PhaseKind::Hold) {
        let muscle = routine.steps[p.step].stretch.muscle;
        match left.iter_mut().find(|(m, s, n)| *m == muscle && *s == p.side && *n > 0) {
            Some(entry) => entry.2 -= 1,
            // Resuming at the first step would be starting over: only
            // offer it once a whole step is behind.
            None => return (p.step > 0).then_some(ResumePoint { step: p.step }),
        }
    }
    None
}

/// "Resume at step 2 of 3 (hamstring), or start over".
pub fn offer_text(routine: &Routine, at: ResumePoint) -> String {
    let muscle = routine.steps.get(at.step).map_or("", |s| s.stretch.muscle.as_str());
    format!("Resume at step {} of {} ({muscle}), or start over", at.step + 1, routine.steps.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::history::record::VERSION;
    use crate::routine::Muscle;

    fn nightly() -> std::sync::Arc<Routine> {
        builtin::routines().iter().find(|r| r.id.as_str() == "nightly").unwrap().clone()
    }

    fn hc(muscle: Muscle, side: Side, holds: u32) -> HoldCount {
        HoldCount { muscle, side: Some(side), holds }
    }

    fn session(start: &str, completed: bool, holds: Vec<HoldCount>) -> Record {
        let t: LocalTime = start.parse().unwrap();
        Record::Session {
            v: VERSION,
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: t,
            end: t,
            completed,
            holds,
            id: None,
            planned_secs: None,
            held_secs: None,
            skipped: None,
            scale: None,
        }
    }

    #[test]
    fn resumes_at_the_first_step_not_fully_held() {
        let r = nightly();
        let first = r.steps[0].stretch.muscle;
        let reps = r.steps[0].reps;
        // Nothing held: no offer.
        assert_eq!(resume_point(&r, &[]), None);
        // The first step done on both sides: resume at step 2.
        let step1 = vec![hc(first, Side::Left, reps), hc(first, Side::Right, reps)];
        assert_eq!(resume_point(&r, &step1), Some(ResumePoint { step: 1 }));
        // Only the left side, or one hold: that would be the first step
        // again, the same as starting over, so no offer.
        assert_eq!(resume_point(&r, &[hc(first, Side::Left, reps)]), None);
        assert_eq!(resume_point(&r, &[hc(first, Side::Left, 1)]), None);
        let text = offer_text(&r, ResumePoint { step: 1 });
        assert_eq!(
            text,
            format!(
                "Resume at step 2 of {} ({}), or start over",
                r.steps.len(),
                r.steps[1].stretch.muscle.as_str()
            )
        );
        // Every hold done: nothing to resume.
        let mut all: Vec<HoldCount> = Vec::new();
        for p in plan::expand(&r).iter().filter(|p| p.kind == PhaseKind::Hold) {
            let m = r.steps[p.step].stretch.muscle;
            match all.iter_mut().find(|h| h.muscle == m && h.side == p.side) {
                Some(h) => h.holds += 1,
                None => all.push(HoldCount { muscle: m, side: p.side, holds: 1 }),
            }
        }
        assert_eq!(resume_point(&r, &all), None);
    }

    #[test]
    fn a_session_started_at_a_step_skips_the_rest_before_it_and_runs_to_the_end() {
        use std::time::{Duration, Instant};

        use crate::session::{EventKind, Session};
        let r = nightly();
        let t0 = Instant::now();
        let (mut s, events) = Session::start_at(r.clone(), 1, t0, 1.0);
        assert_eq!(events[0].kind, EventKind::StepChanged);
        assert!(events.iter().all(|e| e.step == 1), "{events:?}");
        let p = s.phase().unwrap();
        assert_eq!(p.step, 1);
        assert_ne!(p.kind, PhaseKind::Rest, "no rest before the resumed step");
        let phases = plan::expand(&r);
        let from = phases.iter().position(|p| p.step == 1 && p.kind != PhaseKind::Rest).unwrap();
        let left: u32 = phases[from..].iter().map(|p| p.secs).sum();
        assert_eq!(s.plan_secs_left(t0), left);
        s.advance(t0 + Duration::from_secs(u64::from(left)));
        assert!(s.outcome().is_some());
        assert!(s.holds_done().iter().all(|(step, _)| *step >= 1));
        let want = phases[from..].iter().filter(|p| p.kind == PhaseKind::Hold).count();
        assert_eq!(s.holds_done().len(), want);
        let hold_secs = |from: usize| -> u32 {
            phases[from..].iter().filter(|p| p.kind == PhaseKind::Hold).map(|p| p.secs).sum()
        };
        assert_eq!(s.planned_hold_secs(), hold_secs(from));
        assert!(s.planned_hold_secs() < hold_secs(0));
        // Step 0 is the ordinary start.
        let (a, _) = Session::start_at(r.clone(), 0, t0, 1.0);
        let (b, _) = Session::start(r, t0, 1.0);
        assert_eq!((a.phase_index(), a.plan_secs_left(t0)), (b.phase_index(), b.plan_secs_left(t0)));
        assert_eq!(b.planned_hold_secs(), hold_secs(0));
    }

    #[test]
    fn tonights_parts_add_up_and_a_completed_night_offers_nothing() {
        let r = nightly();
        let m = r.steps[0].stretch.muscle;
        let now: LocalTime = "2026-11-25T00:30:00+01:00".parse().unwrap();
        let recs = vec![
            session("2026-11-23T22:00:00+01:00", false, vec![hc(m, Side::Left, 9)]), // another night
            session("2026-11-24T22:00:00+01:00", false, vec![hc(m, Side::Left, 1)]),
            session("2026-11-24T22:30:00+01:00", false, vec![hc(m, Side::Left, 1), hc(m, Side::Right, 2)]),
        ];
        assert_eq!(tonight_holds(&recs, &r, now), Some(vec![hc(m, Side::Left, 2), hc(m, Side::Right, 2)]));
        let mut done = recs.clone();
        done.push(session("2026-11-24T23:00:00+01:00", true, vec![]));
        assert_eq!(tonight_holds(&done, &r, now), None);
        assert_eq!(tonight_holds(&recs[..1], &r, now), None);
    }
}
