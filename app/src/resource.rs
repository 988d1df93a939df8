//! Page data loaded on the server and handed to the browser with the page.
//!
//! Leptos's default resource codec reads hydration data with
//! `serde_json::from_str`, while server functions read their answers with
//! `serde_json::from_slice`: two readers, so the browser bundle carried two
//! copies of every response type's deserializer. Reading both through
//! `from_slice` keeps one.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// JSON, decoded the way server-function answers are.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// Data for a page: what [`Resource::new`] does, with the shared JSON reader.
pub type PageData<T> = Resource<T, Json>;

#[track_caller]
pub fn page_data<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::Json;
    use crate::error::AppError;
    use leptos::server::codee::{Decoder, Encoder};

    #[test]
    fn round_trips_page_data_and_errors() {
        let ok: Result<Vec<(i64, String)>, AppError> = Ok(vec![(7, "Ünïcode \"quoted\"".into())]);
        let text = Json::encode(&ok).unwrap();
        let back: Result<Vec<(i64, String)>, AppError> = Json::decode(&text).unwrap();
        assert_eq!(back.unwrap(), vec![(7, "Ünïcode \"quoted\"".into())]);
        let err: Result<i64, AppError> = Err(AppError::NotFound);
        let back: Result<i64, AppError> = Json::decode(&Json::encode(&err).unwrap()).unwrap();
        assert!(matches!(back, Err(AppError::NotFound)));
        assert!(<Json as Decoder<i64>>::decode("not json").is_err());
    }
}
