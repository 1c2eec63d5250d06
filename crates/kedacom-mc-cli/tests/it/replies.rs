//! Replies are printed whole: fields the document lists, fields it doesn't (at any depth), and
//! nulls as they came; a reply that is not the endpoint's is an error, not a guess.

use crate::common::fake::Fake;
use crate::common::Cli;
use serde_json::json;

fn cli(fake: &Fake, args: &[&str]) -> Cli {
    Cli::new(args.iter().copied())
        .env("KEDACOM_URL", &fake.url)
        .env("KEDACOM_KEY", "key-1")
        .env("KEDACOM_SECRET", "secret-fake-1")
        .env("KEDACOM_USER", "admin")
        .env("KEDACOM_PASSWORD", "password-fake-1")
}

#[test]
fn undocumented_fields_and_nulls_are_printed_as_they_came() {
    let fake = Fake::start(
        r#"{"success":1,"resources":[{"type":1,"total":8,"used":2,"vendor_note":"扩容中"}],"region":{"id":7},"quota":null}"#,
    );
    let reply = cli(&fake, &["get-resources"]).run().success().json();
    assert_eq!(
        reply,
        json!({"success": 1, "resources": [{"type": 1, "total": 8, "used": 2, "vendor_note": "扩容中"}], "region": {"id": 7}, "quota": null})
    );
}

#[test]
fn a_reply_of_the_wrong_shape_is_3() {
    let fake = Fake::start(r#"{"success":1,"resources":"none"}"#);
    let run = cli(&fake, &["get-resources"]).run().status(3);
    assert!(run.stderr.contains("undecodable reply"), "{}", run.stderr);
    let fake = Fake::start("<html>maintenance</html>");
    cli(&fake, &["get-resources"]).run().status(3);
}
