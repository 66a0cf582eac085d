//! Routines: the file format, loading and checking, and the library of
//! built-in and user routines.

pub mod diagnostic;
pub mod library;
pub mod load;
pub mod model;
pub mod schema;

pub use diagnostic::Diagnostic;
pub use library::{Broken, Library};
pub use model::{
    Id, Mode, Muscle, Origin, Position, Routine, RoutineCues, Side, Sides, Step, Stretch, leg_label,
};
