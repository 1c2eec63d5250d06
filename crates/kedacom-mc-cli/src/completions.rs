//! `kedacom-mc completions SHELL`: the completion script, operations and their options included.

use std::io::Write;

use clap::ArgMatches;
use clap_complete::Shell;

use crate::cli;

pub(crate) fn run(m: &ArgMatches) {
    let Some(shell) = m.get_one::<Shell>("shell").copied() else { return };
    // Written whole afterwards: a closed pipe is then an ignored error, not a panic in the generator.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli::command(), cli::BIN, &mut script);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&script);
    let _ = out.flush();
}
