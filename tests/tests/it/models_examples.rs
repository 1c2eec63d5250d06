//! Every JSON example of the documents, through the generated types: requests decode, validate and
//! serialize back to the same JSON; replies decode and re-encode without loss.

use kedacom_mc_tests::{roundtrip, spec};

#[test]
fn every_document_example_round_trips_through_its_type() {
    let api = spec();
    let mut seen = 0;
    for ep in &api.endpoints {
        let cases = [("params", &ep.params_example), ("reply", &ep.reply_example), ("failure", &ep.failure_example)];
        for (which, example) in cases {
            let Some(example) = example else { continue };
            let back =
                roundtrip(&ep.operation, which, example).unwrap_or_else(|e| panic!("{} ({which}): {e}", ep.operation));
            assert_eq!(&back, example, "{} ({which}) changed in the round trip", ep.operation);
            seen += 1;
        }
    }
    assert!(seen > 0, "the spec has no examples");
}
