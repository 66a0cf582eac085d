//! A guided session: the plan of phases and the pure state machine that walks
//! through it by the clock.

pub mod engine;
pub mod plan;
pub mod resume;

pub use engine::{Control, Event, EventKind, Session};
pub use plan::{Phase, PhaseKind};
