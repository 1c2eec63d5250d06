//! Prints the HTTP request that three calls lay out: a POST with a JSON body, a file upload and the
//! token heartbeat. `cargo run -p kedacom-mc-models --example wire_requests`
//!
//! `Debug` output masks the token; the lines after it show what goes on the wire.

use kedacom_mc_models::wire::WireBody;
use kedacom_mc_models::*;

fn show(title: &str, w: &WireRequest) {
    println!("## {title}\n{w:#?}");
    println!("{} {}", w.method, w.path_and_query());
    if let Some(ct) = w.content_type() {
        println!("Content-Type: {ct}");
    }
    match &w.body {
        WireBody::Empty => println!("(no body)"),
        WireBody::Form(_) => println!("{}", w.form_body().unwrap_or_default()),
        WireBody::Multipart { fields, file } => {
            for f in fields {
                println!("part {}: {}", f.name, f.value);
            }
            println!("part {}: file {:?}, {} bytes", file.name, file.upload.file_name, file.upload.content.len());
        }
    }
    println!();
}

fn main() {
    let token = AccountToken::new("6567e24b425db665a3044db69f0c6fe4");
    let options = WireOptions::default();

    let area = CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new().area("华东 1区"));
    show("create_meeting_room_area", &area.to_wire(Some(&token), &options));

    let upload = UploadMeetingFileRequest::new("9b4e0c", FileUpload::new("议程.pdf", b"%PDF-1.4".to_vec()));
    show("upload_meeting_file", &upload.to_wire(Some(&token), &options));

    show("token_heartbeat", &TokenHeartbeatRequest::new().to_wire(Some(&token), &options));
}
