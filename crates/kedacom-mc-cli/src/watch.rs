//! `kedacom-mc watch`: the push service's messages as JSON lines, one per event, as they come.

use clap::{Arg, ArgAction, ArgMatches, Command};
use kedacom_mc_client::{ChannelEvent, Event};
use kedacom_mc_models::wire_names::{ERROR_CODE_FIELD, PUSH_METHOD_FIELD};
use kedacom_mc_models::{channels, MessageKind};
use serde_json::{json, Map, Value};

use crate::failure::{Failure, Status};
use crate::global::{self, Settings};
use crate::{output, redact};

const CHANNEL: &str = "channel";
const COUNT: &str = "count";

pub(crate) fn command(name: &'static str) -> Command {
    Command::new(name)
        .about("Print the push service's events as JSON lines until interrupted (default: every conference's)")
        .long_about(
            "Subscribe to channels of the push service and print each event as one JSON line, until interrupted \
             or --count events have come. A channel is written as the push document writes it, under the user \
             domain: /confs/7770480/mts/**, /confs/*/speaker; `*` is one more segment, `**` any number. Without \
             one, every conference's channels.\n\nEach line has the channel, its method (update, delete or \
             notify), the channel's placeholder values, and for a notification its error code, the document's \
             meaning of it and its message. A message the document doesn't describe comes with its data as \
             received and no method. After an outage the connection handshakes again and resubscribes by \
             itself.",
        )
        .arg(
            Arg::new(CHANNEL)
                .value_name("CHANNEL")
                .action(ArgAction::Append)
                .help("A channel or a wildcard subscription, under the user domain"),
        )
        .arg(
            Arg::new(COUNT)
                .long(COUNT)
                .value_name("N")
                .value_parser(clap::value_parser!(u64).range(1..))
                .help("Stop after N events"),
        )
}

pub(crate) fn run(m: &ArgMatches) -> Result<Status, Failure> {
    let settings = Settings::masked(m);
    let channels: Vec<String> = match m.get_many::<String>(CHANNEL) {
        Some(given) => given.cloned().collect(),
        None => vec![every_conference()],
    };
    let count = m.get_one::<u64>(COUNT).copied();
    let client = settings.client()?;
    global::runtime()?.block_on(async {
        let mut events = client.events(&channels).await?;
        redact::add_session(&client);
        let mut printed = 0;
        while count.is_none_or(|n| printed < n) {
            let Some(event) = events.next_event().await else {
                return Err(Failure {
                    status: Status::Transport,
                    message: "the push service ended the connection".into(),
                });
            };
            output::print(&line(&event).to_string());
            printed += 1;
        }
        Ok(Status::Success)
    })
}

/// Every channel under every conference.
fn every_conference() -> String {
    format!("{}/**", channels::CONF.channel.split("/{").next().unwrap_or_default())
}

/// One event as a JSON line.
fn line(event: &Event) -> Value {
    match event {
        Event::Update(c) => described(c, MessageKind::Update),
        Event::Delete(c) => described(c, MessageKind::Delete),
        Event::Notify { channel, code, meaning, notice } => {
            let mut out = described(channel, MessageKind::Notify);
            out[ERROR_CODE_FIELD] = json!(code);
            out["meaning"] = json!(meaning);
            out["message"] = notice.to_json();
            out
        }
        Event::Unknown { channel, data } => json!({ CHANNEL: channel, "data": data }),
        // A kind of event this build doesn't know yet.
        other => json!({ CHANNEL: other.channel_name() }),
    }
}

fn described(c: &ChannelEvent, kind: MessageKind) -> Value {
    let values: Map<String, Value> = c.values.iter().map(|(n, v)| ((*n).to_owned(), json!(v))).collect();
    json!({ CHANNEL: c.name, PUSH_METHOD_FIELD: kind.method(), "values": values })
}
