//! `kedacom-mc validate OPERATION FILE`: checks a request body offline by every rule the document
//! states, printing each violation with its JSON path.

use std::io::Read;

use clap::ArgMatches;
use kedacom_mc_models::{from_json, Endpoint, EndpointInfo, ValidationReport};

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
    match checked {
        Ok(()) => {
            output::eprint(&format!("{file}: a valid request body for {}", op.command));
            Ok(Status::Success)
        }
        Err(report) => {
            for v in &report.violations {
                output::print(&v.to_string());
            }
            Err(Failure::rejected(format!("{file}: {} problem(s) for {}", report.violations.len(), op.command)))
        }
    }
}

/// Reads an endpoint's params body as its type and checks it by every rule; `None` for an
/// endpoint that takes no body.
fn check_params(info: &EndpointInfo, json: &str) -> Option<Result<(), ValidationReport>> {
    macro_rules! by_endpoint {
        ($(($operation:ident, $request:ty, $reply:ty, $failure:ty, [$($params:ty)?])),* $(,)?) => {
            $($(
                if info == <$request as Endpoint>::INFO {
                    return Some(from_json::<$params>(json).map(drop));
                }
            )?)*
        };
    }
    kedacom_mc_models::for_each_endpoint!(by_endpoint);
    None
}
