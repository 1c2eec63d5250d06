//! Unified login: the token for the API key, the login for the user, their heartbeats, and the
//! version endpoints.

use kedacom_mc_models::{
    GetMcVersionReply, GetMcVersionRequest, GetSystemVersionReply, GetSystemVersionRequest, GetTokenReply,
    GetTokenRequest, LoginReply, LoginRequest,
};

use super::{send, Ctx, Done};
use crate::codes::{LOGIN_FAILED, SOFTWARE_AUTH_FAILED};
use crate::error::PlatformError;
use crate::state::Platform;

pub(super) fn get_token(p: &mut Platform, r: &GetTokenRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = &p.config.credentials;
    let matches = r.oauth_consumer_key.as_deref() == Some(c.key.as_str())
        && r.oauth_consumer_secret.as_deref() == Some(c.secret.as_str());
    if !matches {
        return Err(PlatformError::new(SOFTWARE_AUTH_FAILED));
    }
    let token = p.sessions.issue_token(ctx.now);
    send(GetTokenReply { account_token: Some(token), ..Default::default() })
}

pub(super) fn login(p: &mut Platform, r: &LoginRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = &p.config.credentials;
    let matches =
        r.username.as_deref() == Some(c.username.as_str()) && r.password.as_deref() == Some(c.password.as_str());
    if !matches {
        return Err(PlatformError::new(LOGIN_FAILED));
    }
    let username = c.username.clone();
    let token = ctx.token.unwrap_or_default();
    let cookie = p.sessions.log_in(token, &username, ctx.now);
    let mut done = send(LoginReply { username: Some(username), ..Default::default() })?;
    done.cookie = Some(cookie);
    Ok(done)
}

pub(super) fn system_version(p: &Platform, _: &GetSystemVersionRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let v = &p.config.system_version;
    send(GetSystemVersionReply { version: Some(v.version.clone()), api_level: Some(v.api_level), ..Default::default() })
}

pub(super) fn mc_version(p: &Platform, _: &GetMcVersionRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let v = &p.config.mc_version;
    send(GetMcVersionReply { version: Some(v.version.clone()), api_level: Some(v.api_level), ..Default::default() })
}
