//! Reading a parameter's value from the command line into the text its wire carries: integers
//! checked, an enum given by its English id or its wire value, a switch as 0 or 1. A value that
//! doesn't read is a usage error that lists what is accepted.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{Error, ErrorKind};
use clap::{Arg, Command};

/// A value an enum parameter accepts, as the models' `ParamKind::Enum` lists it: the value on the
/// wire as text (`1`, `sip`), the English id (`booked`) and the document's label (`预约`).
type Choice = (&'static str, &'static str, &'static str);

fn refused(cmd: &Command, arg: Option<&Arg>, value: &str, accepted: &str) -> Error {
    let name = arg.and_then(Arg::get_long).map_or_else(String::new, |l| format!(" for --{l}"));
    Error::raw(ErrorKind::InvalidValue, format!("invalid value `{value}`{name}; accepted: {accepted}\n")).with_cmd(cmd)
}

fn text<'a>(cmd: &Command, arg: Option<&Arg>, value: &'a OsStr) -> Result<&'a str, Error> {
    value.to_str().ok_or_else(|| refused(cmd, arg, &value.to_string_lossy(), "UTF-8 text"))
}

/// An integer, kept as its text.
#[derive(Clone)]
pub(crate) struct Integer;

impl TypedValueParser for Integer {
    type Value = String;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, Error> {
        let t = text(cmd, arg, value)?;
        t.trim().parse::<i64>().map(|n| n.to_string()).map_err(|_| refused(cmd, arg, t, "an integer"))
    }
}

/// Non-empty text (a path placeholder can't be empty).
#[derive(Clone)]
pub(crate) struct NonEmpty;

impl TypedValueParser for NonEmpty {
    type Value = String;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, Error> {
        let t = text(cmd, arg, value)?;
        if t.is_empty() {
            return Err(refused(cmd, arg, t, "non-empty text"));
        }
        Ok(t.to_owned())
    }
}

/// Any text.
#[derive(Clone)]
pub(crate) struct Text;

impl TypedValueParser for Text {
    type Value = String;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, Error> {
        text(cmd, arg, value).map(str::to_owned)
    }
}

/// One of an enum's values, by English id or wire value; yields the wire value.
#[derive(Clone)]
pub(crate) struct OneOf(pub &'static [Choice]);

impl OneOf {
    fn find(&self, given: &str) -> Option<&'static Choice> {
        let given = given.trim();
        self.0.iter().find(|(wire, id, _)| id.eq_ignore_ascii_case(given) || *wire == given)
    }
}

/// `booked (1) 预约, started (2) 开始`.
pub(crate) fn listed(choices: &[Choice]) -> String {
    choices.iter().map(|(wire, id, label)| format!("{id} ({wire}) {label}")).collect::<Vec<_>>().join(", ")
}

impl TypedValueParser for OneOf {
    type Value = String;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, Error> {
        let t = text(cmd, arg, value)?;
        self.find(t).map(|(wire, _, _)| (*wire).to_owned()).ok_or_else(|| refused(cmd, arg, t, &listed(self.0)))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|(_, id, label)| PossibleValue::new(id).help(label))))
    }
}

/// A 0/1 setting; `true`/`false` and `on`/`off` read too.
#[derive(Clone)]
pub(crate) struct Switch(pub [&'static str; 2]);

impl TypedValueParser for Switch {
    type Value = String;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, Error> {
        let t = text(cmd, arg, value)?;
        match t.trim().to_ascii_lowercase().as_str() {
            "0" | "false" | "off" => Ok("0".into()),
            "1" | "true" | "on" => Ok("1".into()),
            _ => Err(refused(cmd, arg, t, &format!("0 ({}), 1 ({})", self.0[0], self.0[1]))),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new([PossibleValue::new("0").help(self.0[0]), PossibleValue::new("1").help(self.0[1])].into_iter()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static STATES: &[Choice] = &[("1", "booked", "预约"), ("2", "started", "开始")];

    fn parse(p: &impl TypedValueParser<Value = String>, v: &str) -> Result<String, String> {
        let cmd = Command::new("t");
        let arg = Arg::new("state").long("state");
        p.parse_ref(&cmd, Some(&arg), OsStr::new(v)).map_err(|e| e.to_string())
    }

    #[test]
    fn enums_take_the_english_id_or_the_wire_value() {
        assert_eq!(parse(&OneOf(STATES), "booked").unwrap(), "1");
        assert_eq!(parse(&OneOf(STATES), "Started").unwrap(), "2");
        assert_eq!(parse(&OneOf(STATES), "2").unwrap(), "2");
        let e = parse(&OneOf(STATES), "ended").unwrap_err();
        assert!(e.contains("--state") && e.contains("booked (1) 预约, started (2) 开始"), "{e}");
    }

    #[test]
    fn integers_and_switches() {
        assert_eq!(parse(&Integer, " 42").unwrap(), "42");
        assert!(parse(&Integer, "4x").unwrap_err().contains("an integer"));
        assert_eq!(parse(&Switch(["关闭", "开启"]), "on").unwrap(), "1");
        assert!(parse(&Switch(["关闭", "开启"]), "2").unwrap_err().contains("0 (关闭), 1 (开启)"));
        assert!(parse(&NonEmpty, "").is_err());
    }
}
