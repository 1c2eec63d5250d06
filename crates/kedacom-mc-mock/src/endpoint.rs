//! What the mock knows of an endpoint beyond the models' table: generated for every request type
//! (`generated/endpoints.rs`), so a new endpoint in the spec brings it with no hand-written line.

use kedacom_mc_models::{AnyRequest, Endpoint};

#[doc(hidden)]
pub use crate::rules::{IntoReply, Reply};

/// A request type of the spec, as the mock serves it. Implemented for every `…Request` of
/// `kedacom_mc_models`; [`MockPlatform::on`](crate::MockPlatform::on) takes one.
pub trait Mocked: Endpoint + Send + Sync + 'static {
    /// What the default handler answers.
    #[doc(hidden)]
    const SPEC_REPLY: SpecReply;

    /// This request, when `request` is one of this type.
    fn of(request: &AnyRequest) -> Option<&Self>;
}

/// The reply the spec documents for an endpoint: its example as JSON text, and the JSON pointers
/// of the ids in it, each given a fresh value per call.
#[doc(hidden)]
pub struct SpecReply {
    pub example: Option<&'static str>,
    pub ids: &'static [&'static str],
}

/// The generated rows: `Variant(Request) -> [Reply], [Failure], [id pointers], example;` each gives
/// the request type its [`Mocked`] impl and its typed replies their [`IntoReply`] impls.
macro_rules! mocked {
    ($($variant:ident($request:ty) -> [$($reply:ty)?], [$($failure:ty)?], [$($id:literal),*], $example:expr;)*) => {$(
        impl $crate::endpoint::Mocked for $request {
            const SPEC_REPLY: $crate::endpoint::SpecReply =
                $crate::endpoint::SpecReply { example: $example, ids: &[$($id),*] };

            fn of(request: &kedacom_mc_models::AnyRequest) -> Option<&Self> {
                match request {
                    kedacom_mc_models::AnyRequest::$variant(r) => Some(r),
                    _ => None,
                }
            }
        }

        $(
            impl $crate::endpoint::IntoReply<$request> for $reply {
                fn into_reply(self) -> $crate::endpoint::Reply {
                    $crate::endpoint::Reply::succeeded(&self)
                }
            }
        )?

        $(
            impl $crate::endpoint::IntoReply<$request> for $failure {
                fn into_reply(self) -> $crate::endpoint::Reply {
                    $crate::endpoint::Reply::failed(&self)
                }
            }
        )?
    )*};
}

pub(crate) use mocked;
