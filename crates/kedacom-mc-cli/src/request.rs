//! From an operation's command line to its typed request: the arguments laid out as the platform
//! would receive them (path, fields, `params`, file) and read back through the models' `decode`,
//! so the command line is typed and checked exactly as the server checks a request.

use std::io::Read;
use std::path::Path;

use bytes::Bytes;
use clap::ArgMatches;
use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::{
    decode, wire_names, AnyRequest, EndpointInfo, FileUpload, ParamInfo, ValidationReport, WireInput,
};

use crate::failure::Failure;
use crate::global::Settings;
use crate::parameters::{self, Source};
use crate::redact;
use crate::table::{Operation, Parameter};

/// Stands in for a path placeholder the session fills (the token heartbeat's token): `decode`
/// reads the token from there, and the client puts the real one in.
const SESSION_PLACEHOLDER: &str = "-";

/// Everything the command line gives for one operation, decoded and validated.
pub(crate) fn build(op: &Operation, m: &ArgMatches, settings: &Settings) -> Result<AnyRequest, Failure> {
    let info = op.info;
    let mut path_values = Vec::new();
    let mut fields = Vec::new();
    let mut file = None;
    for (p, presentation) in op.parameters() {
        let value = match parameters::source(info, p, presentation) {
            Source::Credential(option) => Some(settings.credential(option)?.to_owned()),
            Source::File => {
                if let Some(path) = m.get_one::<String>(&parameters::id(p)) {
                    file = Some((p.name.to_owned(), read_upload(info, p, presentation, Path::new(path))?));
                }
                None
            }
            Source::Option(_) => m.get_one::<String>(&parameters::id(p)).cloned(),
        };
        if let (true, Some(v)) = (p.secret, &value) {
            redact::add(v);
        }
        match (value, p.place) {
            (Some(v), Place::Path) => path_values.push((p.name, v)),
            (Some(v), _) => fields.push((p.name.to_owned(), v)),
            (None, _) => {}
        }
    }
    let mut unreadable = Vec::new();
    if op.body.is_some() {
        if let Some(source) = m.get_one::<String>(parameters::PARAMS) {
            // Text that is not UTF-8 goes to `decode` as it is, which names the place in it.
            match String::from_utf8(read_params(source)?) {
                Ok(text) => fields.push((wire_names::PARAMS_PARAM.to_owned(), text)),
                Err(e) => unreadable.push((wire_names::PARAMS_PARAM.to_owned(), e.into_bytes())),
            }
        }
    }
    let (query, form) = match info.fields {
        Place::Query => (fields, Vec::new()),
        _ => (Vec::new(), fields),
    };
    let path_values: Vec<(&str, &str)> = path_values.iter().map(|(name, v)| (*name, v.as_str())).collect();
    let path = info.fill_path(&path_values, SESSION_PLACEHOLDER);
    let input = WireInput { method: info.method.as_str().to_owned(), path, query, form, file, unreadable };
    let decoded = decode(input).map_err(|e| Failure::usage(format!("{}: {e}", info.operation)))?;
    if decoded.endpoint != info {
        // A placeholder value equal to a fixed segment of another route.
        return Err(Failure::usage(format!(
            "{}: the values given lead to {} instead; check the path parameters",
            info.operation, decoded.endpoint.operation
        )));
    }
    // The client's own validation refuses undocumented keys before sending, so a request with
    // other problems lists them too, all at once.
    decoded.request.map_err(|mut report| {
        report.violations.extend(decoded.warnings);
        Failure::invalid(info.operation, &report)
    })
}

/// The `--params` bytes: a file, or standard input for `-`.
fn read_params(source: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let read = if source == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(source).map(|b| bytes = b)
    };
    read.map_err(|e| Failure::usage(format!("--params {source}: {e}")))?;
    Ok(bytes)
}

/// The file to upload, refused before it is read when it is over the document's limit.
fn read_upload(
    info: &EndpointInfo,
    p: &ParamInfo,
    presentation: &Parameter,
    path: &Path,
) -> Result<FileUpload, Failure> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Failure::usage(format!("--file {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(Failure::usage(format!("--file {shown}: not a file")));
    }
    if let Some(max) = presentation.max_bytes {
        if meta.len() > max {
            let violation = Violation {
                path: p.name.to_owned(),
                rule: Rule::FileTooLarge(max),
                value: Some(format!("{} bytes", meta.len())),
            };
            return Err(Failure::invalid(info.operation, &ValidationReport { violations: vec![violation] }));
        }
    }
    let content = std::fs::read(path).map_err(|e| Failure::usage(format!("--file {shown}: {e}")))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(FileUpload::new(name, Bytes::from(content)))
}
