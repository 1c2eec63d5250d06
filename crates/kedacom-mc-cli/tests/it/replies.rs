//! Replies are printed whole: fields the document lists, fields it doesn't (at any depth), and
//! nulls as they came; a reply that is not the endpoint's is an error, not a guess.

use crate::common::Mock;
use kedacom_mc_mock::Reply;
use kedacom_mc_models::GetResourcesRequest;
use serde_json::json;

#[test]
fn undocumented_fields_and_nulls_are_printed_as_they_came() {
    let mock = Mock::start();
    let reply = json!({"success": 1, "resources": [{"type": 1, "total": 8, "used": 2, "vendor_note": "扩容中"}], "region": {"id": 7}, "quota": null});
    mock.platform.on::<GetResourcesRequest>().reply(reply.clone());
    assert_eq!(mock.cli(["get-resources"]).run().success().json(), reply);
}

#[test]
fn a_reply_of_the_wrong_shape_is_3() {
    let mock = Mock::start();
    mock.platform.on::<GetResourcesRequest>().reply(json!({"success": 1, "resources": "none"})).once();
    let run = mock.cli(["get-resources"]).run().status(3);
    assert!(run.stderr.contains("undecodable reply"), "{}", run.stderr);
    mock.platform.on::<GetResourcesRequest>().reply(Reply::page(200, "<html>maintenance</html>"));
    mock.cli(["get-resources"]).run().status(3);
}
