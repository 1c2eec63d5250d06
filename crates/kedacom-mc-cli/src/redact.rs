//! The credentials this run knows (the API secret, the password, the session token and cookie),
//! masked as `***` in everything it writes: replies, errors and log lines alike.

use std::sync::RwLock;

/// What a masked value shows as.
pub(crate) const MASK: &str = "***";

static SECRETS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Secrets shorter than this are not searched for: masking every `p` would make all output
/// unreadable. Nothing prints a credential on purpose; this is the net under that.
const SHORTEST: usize = 4;

/// Masks `secret` from now on, wherever it appears.
pub(crate) fn add(secret: &str) {
    if secret.chars().count() < SHORTEST {
        return;
    }
    let mut secrets = SECRETS.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !secrets.iter().any(|s| s == secret) {
        secrets.push(secret.to_owned());
        // Longest first, so a secret that contains another is masked whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// Masks the session's token and cookie from now on, those the client has.
pub(crate) fn add_session(client: &kedacom_mc_client::Client) {
    if let Some(token) = client.token() {
        add(token.expose());
    }
    if let Some(cookie) = client.cookie() {
        add(cookie.expose());
    }
}

/// `text` with every known credential replaced by `***`.
pub(crate) fn clean(text: &str) -> String {
    let secrets = SECRETS.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut out = text.to_owned();
    for s in secrets.iter() {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), MASK);
        }
    }
    out
}

/// Registers the credentials given on the command line or in the environment before the
/// arguments are parsed, so that not even a usage error can show them.
pub(crate) fn add_from_invocation(args: &[std::ffi::OsString], options: &[&str], variables: &[&str]) {
    for v in variables {
        if let Ok(value) = std::env::var(v) {
            add(&value);
        }
    }
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    for (i, arg) in args.iter().enumerate() {
        for option in options {
            let flag = format!("--{option}");
            if *arg == flag {
                if let Some(value) = args.get(i + 1) {
                    add(value);
                }
            } else if let Some(value) = arg.strip_prefix(&format!("{flag}=")) {
                add(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_are_masked_longest_first() {
        add("s3cret-part");
        add("s3cret-part-and-more");
        add("");
        add("p");
        assert_eq!(clean("a s3cret-part-and-more b s3cret-part c"), "a *** b *** c");
        assert_eq!(clean("nothing here, p"), "nothing here, p");
    }

    #[test]
    fn secrets_on_the_command_line_are_registered_before_parsing() {
        let args: Vec<std::ffi::OsString> =
            ["kedacom-mc", "--secret", "cli-secret-1", "--password=cli-password-2", "--user", "u"]
                .iter()
                .map(Into::into)
                .collect();
        add_from_invocation(&args, &["secret", "password"], &[]);
        assert_eq!(clean("cli-secret-1 cli-password-2 u"), "*** *** u");
    }
}
