//! Asynchronous operations that fail after their success reply, when a test asks for it
//! ([`Fault::fail_later`](crate::Fault::fail_later)): the push document's failure notification, on
//! the channel the endpoint table gives for the call's failure, with the code asked for. The
//! stateful handlers then keep nothing of the call (no composition, mix or recording runs, the
//! terminals stay offline); the calls answered by default change nothing anyway.

use std::any::Any;
use std::time::Duration;

use kedacom_mc_models::{
    channels, AddCascadeMtsRequest, EndpointInfo, HduFailedNotice, InspectionFailedNotice, InspectionNoticeSource,
    MixMode, MixStartFailedNotice, MonitorNoticeSource, MonitorStartFailedNotice, PlaybackErrorNotice,
    RecorderErrorNotice, SeekPlaybackRequest, SetPlaybackStateRequest, StartHduRequest, StartInspectionRequest,
    StartMonitorRequest, StartPlaybackRequest, VmpStartFailedNotice,
};

use crate::push::{notice, PushEvents};
use crate::state::control::MAIN;

/// Whether a call of the endpoint can fail after its reply: the endpoint table names a channel for
/// its failure.
pub(crate) fn reportable(info: &EndpointInfo) -> bool {
    info.outcome.is_some_and(|o| o.failure.is_some())
}

impl PushEvents {
    /// 开启画面合成失败通知.
    pub(crate) fn vmp_failed(&mut self, conf_id: &str, code: i64) {
        let failed = VmpStartFailedNotice { error_code: Some(code), ..Default::default() };
        self.record(&channels::VMP, &[conf_id, MAIN], notice(&failed), Duration::ZERO);
    }

    /// 开始混音失败通知, with the mode the mix was asked for.
    pub(crate) fn mix_failed(&mut self, conf_id: &str, mode: MixMode, code: i64) {
        let failed = MixStartFailedNotice { error_code: Some(code), mode: Some(mode), ..Default::default() };
        self.record(&channels::MIX, &[conf_id, MAIN], notice(&failed), Duration::ZERO);
    }

    /// 录像异常通知, on the recorder the call's reply named.
    pub(crate) fn recording_failed(&mut self, conf_id: &str, rec_id: &str, code: i64) {
        let failed = RecorderErrorNotice { error_code: Some(code), ..Default::default() };
        self.record(&channels::RECORDER, &[conf_id, rec_id], notice(&failed), Duration::ZERO);
    }
}

/// The failure notifications of a call answered by default (nothing of it was kept).
pub(super) fn of_default<R: Any>(events: &mut PushEvents, request: &R, code: i64) {
    let request: &dyn Any = request;
    if let Some(r) = request.downcast_ref::<StartHduRequest>() {
        let failed = HduFailedNotice { error_code: Some(code), mode: r.params.mode.clone(), ..Default::default() };
        let hdu_id = r.params.hdu_id.as_deref().unwrap_or_default();
        events.record(&channels::HDU, &[&r.conf_id, hdu_id], notice(&failed), Duration::ZERO);
    } else if let Some(r) = request.downcast_ref::<StartInspectionRequest>() {
        let src = r.params.src.as_ref();
        let failed = InspectionFailedNotice {
            error_code: Some(code),
            src: Some(InspectionNoticeSource {
                r#type: src.and_then(|s| s.r#type.clone()),
                mt_id: src.and_then(|s| s.mt_id.clone()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let dst = r.params.dst.as_ref().and_then(|d| d.mt_id.as_deref()).unwrap_or_default();
        let mode = r.params.mode.as_ref().and_then(|m| m.as_i64()).map(|m| m.to_string()).unwrap_or_default();
        events.record(&channels::INSPECTION, &[&r.conf_id, dst, &mode], notice(&failed), Duration::ZERO);
    } else if let Some(r) = request.downcast_ref::<StartMonitorRequest>() {
        let src = r.params.src.as_ref();
        let failed = MonitorStartFailedNotice {
            error_code: Some(code),
            src: Some(MonitorNoticeSource {
                r#type: src.and_then(|s| s.r#type.clone()),
                mt_id: src.and_then(|s| s.mt_id.clone()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let dst = r.params.dst.as_ref();
        let ip = dst.and_then(|d| d.ip.as_deref()).unwrap_or_default();
        let port = dst.and_then(|d| d.port).map(|p| p.to_string()).unwrap_or_default();
        events.record(&channels::MONITOR, &[&r.conf_id, ip, &port], notice(&failed), Duration::ZERO);
    } else if let Some(r) = request.downcast_ref::<AddCascadeMtsRequest>() {
        for mt in r.params.mts.iter().flatten() {
            events.add_failed_account(&r.conf_id, mt.account.clone(), mt.account_type.clone(), code);
        }
    } else if let Some(conf_id) = playback(request) {
        let failed = PlaybackErrorNotice { error_code: Some(code), ..Default::default() };
        events.record(&channels::PLAYBACK, &[conf_id], notice(&failed), Duration::ZERO);
    } else {
        tracing::warn!("a failure was asked of a call that has no failure notification the mock makes");
    }
}

/// The conference of a playback call.
fn playback(request: &dyn Any) -> Option<&str> {
    let start = request.downcast_ref::<StartPlaybackRequest>().map(|r| r.conf_id.as_str());
    let state = || request.downcast_ref::<SetPlaybackStateRequest>().map(|r| r.conf_id.as_str());
    let seek = || request.downcast_ref::<SeekPlaybackRequest>().map(|r| r.conf_id.as_str());
    start.or_else(state).or_else(seek)
}

#[cfg(test)]
mod tests {
    use kedacom_mc_models::{AddMtsRequest, Endpoint, StartMixRequest, StartRecordingRequest, StartVmpRequest};

    use super::*;

    /// Every call the endpoint table gives a failure channel has its notification here (or in its
    /// stateful handler): a channel the spec gains shows up as a failing test, not as a silent
    /// rule.
    #[test]
    fn every_failure_channel_of_the_table_is_made() {
        let made: Vec<&EndpointInfo> = vec![
            AddMtsRequest::INFO,
            StartVmpRequest::INFO,
            StartMixRequest::INFO,
            StartRecordingRequest::INFO,
            StartHduRequest::INFO,
            StartInspectionRequest::INFO,
            StartMonitorRequest::INFO,
            AddCascadeMtsRequest::INFO,
            StartPlaybackRequest::INFO,
            SetPlaybackStateRequest::INFO,
            SeekPlaybackRequest::INFO,
        ];
        let mut reported: Vec<&str> =
            kedacom_mc_models::ENDPOINTS.iter().filter(|e| reportable(e)).map(|e| e.operation).collect();
        let mut made: Vec<&str> = made.into_iter().map(|e| e.operation).collect();
        reported.sort_unstable();
        made.sort_unstable();
        assert_eq!(reported, made);
    }
}
