//! Logs in, creates a conference, lists meetings, uploads a file and ends the conference, against
//! the mock platform started in-process. `cargo run -p kedacom-mc-client --example quickstart`
//!
//! Against a real platform, build the client with `Client::from_env()` (`KEDACOM_URL`,
//! `KEDACOM_KEY`, `KEDACOM_SECRET`, `KEDACOM_USER`, `KEDACOM_PASSWORD`) instead.

use kedacom_mc_client::models::{FileUpload, ListMeetingsRequest};
use kedacom_mc_client::{Client, Error};
use kedacom_mc_mock::{samples, MockPlatform};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockPlatform::start().await?;
    let creds = mock.credentials();
    println!("mock platform at {}", mock.base_url());

    let client = Client::builder()
        .url(mock.base_url())
        .api_key(&creds.key, &creds.secret)
        .user(&creds.username, &creds.password)
        .build()?;
    println!("{client:?}");

    client.connect().await?;
    println!("logged in as {}; server API level {}", creds.username, client.server_api_level().await?);

    let conf = client.create_conf(samples::create_conf_params("项目周会", 60)).await?;
    let conf_id = conf.conf_id.unwrap_or_default();
    let meeting_id = conf.meeting_id.unwrap_or_default();
    println!("created conference {conf_id} (meeting {meeting_id})");

    let meetings = client.list_meetings(ListMeetingsRequest::new()).await?;
    println!("{} meeting(s):", meetings.total.unwrap_or_default());
    for m in meetings.meetings.unwrap_or_default() {
        println!("  {} {} {:?}", m.conf_id.unwrap_or_default(), m.name.unwrap_or_default(), m.state);
    }

    let agenda = FileUpload::new("议程.txt", "1. 进度\n2. 风险\n".as_bytes().to_vec());
    let uploaded = client.upload_meeting_file(&meeting_id, agenda).await?;
    if let Some(file) = uploaded.meeting_file {
        println!("uploaded {} as file {}", file.file_name.unwrap_or_default(), file.file_id.unwrap_or_default());
    }

    // A request that breaks a documented rule is refused before it is sent.
    let oversized = FileUpload::new("big.bin", vec![0u8; 20 * 1024 * 1024 + 1]);
    match client.upload_meeting_file(&meeting_id, oversized).await {
        Err(Error::Invalid { report, .. }) => println!("refused before sending: {report}"),
        other => println!("unexpected: {other:?}"),
    }

    client.end_conf(&conf_id).await?;
    println!("ended conference {conf_id}");
    Ok(())
}
