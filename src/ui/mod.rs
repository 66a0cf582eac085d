//! placeholder
use crate::cli::SessionArgs;
use crate::routine::Routine;
use std::process::ExitCode;
use std::sync::Arc;
pub enum Start {
    Home,
    ReliefPicker,
    Routine(Arc<Routine>),
}
pub fn run(_s: Start, _a: SessionArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet")
}
