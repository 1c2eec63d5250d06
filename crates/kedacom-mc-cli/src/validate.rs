//! `kedacom-mc validate OPERATION FILE`: checks a request body offline by every rule the document
//! states, printing each violation with its JSON path, and each key the document does not list as
//! a warning.

use std::io::Read;

use clap::ArgMatches;
use kedacom_mc_models::{read_json, Endpoint, EndpointInfo, JsonRead};

use crate::failure::{Failure, Status};
use crate::output;

pub(crate) fn run(m: &ArgMatches) -> Result<Status, Failure> {
    let op = crate::example::operation(m)?;
    let file = m.get_one::<String>("file").map(String::as_str).unwrap_or("-");
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(file).map(|b| bytes = b)
    };
    read.map_err(|e| Failure::usage(format!("{file}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::rejected(format!("{file}: not UTF-8 text")))?;
    let checked =
        check_params(op.info, &text).ok_or_else(|| Failure::usage(format!("{} takes no request body", op.command)))?;
    // The platform ignores keys the document does not list, so they are no error; but a misspelled
    // field would be ignored too, so each is shown.
    for w in &checked.warnings {
        output::print(&format!("warning: {w} (the platform ignores it)"));
    }
    let warned = match checked.warnings.len() {
        0 => String::new(),
        n => format!(", {n} undocumented key(s) the platform ignores"),
    };
    match checked.request {
        Ok(()) => {
            output::eprint(&format!("{file}: a valid request body for {}{warned}", op.command));
            Ok(Status::Success)
        }
        Err(report) => {
            for v in &report.violations {
                output::print(&v.to_string());
            }
            let problems = report.violations.len();
            Err(Failure::rejected(format!("{file}: {problems} problem(s) for {}{warned}", op.command)))
        }
    }
}

/// Reads an endpoint's params body as its type and checks it by every rule, telling its
/// undocumented keys; `None` for an endpoint that takes no body.
fn check_params(info: &EndpointInfo, json: &str) -> Option<JsonRead<()>> {
    macro_rules! by_endpoint {
        ($(($operation:ident, $request:ty, $reply:ty, $failure:ty, [$($params:ty)?])),* $(,)?) => {
            $($(
                if info == <$request as Endpoint>::INFO {
                    return Some(read_json::<$params>(json).map(drop));
                }
            )?)*
        };
    }
    kedacom_mc_models::for_each_endpoint!(by_endpoint);
    None
}
