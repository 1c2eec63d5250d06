//! The document's many 0/1 fields (否/是, 关闭/开启, 不允许/允许 …) share one type.

use crate::UnknownValue;

/// A 0/1 setting. Each field's documentation gives the document's words for 0 and 1.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Switch {
    /// 0
    Off,
    /// 1
    On,
    /// A value other than 0 and 1, kept as received.
    Unknown(UnknownValue),
}

crate::open_enum!(int Switch { 0 => Off: "off", 1 => On: "on" });

impl Switch {
    /// True only for 1.
    pub fn is_on(&self) -> bool {
        matches!(self, Switch::On)
    }
}

impl From<bool> for Switch {
    fn from(on: bool) -> Self {
        if on {
            Switch::On
        } else {
            Switch::Off
        }
    }
}
