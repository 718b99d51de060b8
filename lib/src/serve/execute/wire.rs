//! Serve stage: an evaluation's outcome as bytes, so a child process can hand it to
//! the server — a reply (status, content type, body) or an error that keeps its
//! status and message (and its variant where callers look at it).

use crate::query::QueryError;
use crate::serve::{Reply, ServeError};
use std::time::Duration;

const REPLY: u8 = 0;
const ERROR: u8 = 1;

/// The error kinds that travel as themselves; any other goes as its status and
/// message ([`STATUS`]).
const STATUS: u8 = 0;
const TOO_MANY_ROWS: u8 = 1;
const TIMEOUT: u8 = 2;
const UPDATE_REFUSED: u8 = 3;
const TOO_LARGE: u8 = 4;
const BUSY: u8 = 5;
const OVER_MEMORY: u8 = 6;
const QUERY_UPDATE: u8 = 7;

/// `outcome` as bytes: `0, status (2), content type length (4), content type, body`
/// or `1, kind, number (8), message`.
pub(super) fn encode(outcome: &Result<Reply, ServeError>) -> Vec<u8> {
    match outcome {
        Ok(reply) => {
            let kind = reply.content_type.as_bytes();
            let mut bytes = Vec::with_capacity(7 + kind.len() + reply.body.len());
            bytes.push(REPLY);
            bytes.extend_from_slice(&reply.status.to_le_bytes());
            bytes.extend_from_slice(&u32::try_from(kind.len()).unwrap_or(0).to_le_bytes());
            bytes.extend_from_slice(kind);
            bytes.extend_from_slice(&reply.body);
            bytes
        }
        Err(error) => {
            let (kind, number) = match error {
                ServeError::TooManyRows(rows) => (TOO_MANY_ROWS, *rows as u64),
                ServeError::Timeout(timeout) => (
                    TIMEOUT,
                    u64::try_from(timeout.as_nanos()).unwrap_or(u64::MAX),
                ),
                ServeError::UpdateRefused => (UPDATE_REFUSED, 0),
                ServeError::Query(QueryError::Update) => (QUERY_UPDATE, 0),
                ServeError::Query(QueryError::TooLarge { max }) => (TOO_LARGE, *max as u64),
                ServeError::Busy => (BUSY, 0),
                ServeError::OverMemory => (OVER_MEMORY, 0),
                other => (STATUS, u64::from(other.status())),
            };
            let mut bytes = vec![ERROR, kind];
            bytes.extend_from_slice(&number.to_le_bytes());
            bytes.extend_from_slice(error.to_string().as_bytes());
            bytes
        }
    }
}

/// The outcome [`encode`] wrote.
pub(super) fn decode(bytes: &[u8]) -> Result<Reply, ServeError> {
    let garbled = || ServeError::Internal("the evaluation's answer was garbled".to_owned());
    match bytes.split_first() {
        Some((&REPLY, rest)) => {
            let (status, rest) = rest.split_first_chunk::<2>().ok_or_else(garbled)?;
            let (len, rest) = rest.split_first_chunk::<4>().ok_or_else(garbled)?;
            let len = u32::from_le_bytes(*len) as usize;
            let kind = rest.get(..len).ok_or_else(garbled)?;
            let kind = String::from_utf8(kind.to_vec()).map_err(|_| garbled())?;
            let body = rest.get(len..).unwrap_or_default().to_vec();
            Ok(Reply::new(u16::from_le_bytes(*status), kind, body))
        }
        Some((&ERROR, rest)) => {
            let (&kind, rest) = rest.split_first().ok_or_else(garbled)?;
            let (number, message) = rest.split_first_chunk::<8>().ok_or_else(garbled)?;
            let number = u64::from_le_bytes(*number);
            let message = String::from_utf8_lossy(message).into_owned();
            let size = || usize::try_from(number).unwrap_or(usize::MAX);
            Err(match kind {
                TOO_MANY_ROWS => ServeError::TooManyRows(size()),
                TIMEOUT => ServeError::Timeout(Duration::from_nanos(number)),
                UPDATE_REFUSED => ServeError::UpdateRefused,
                QUERY_UPDATE => ServeError::Query(QueryError::Update),
                TOO_LARGE => ServeError::Query(QueryError::TooLarge { max: size() }),
                BUSY => ServeError::Busy,
                OVER_MEMORY => ServeError::OverMemory,
                _ => match number {
                    400 => ServeError::BadRequest(message),
                    404 => ServeError::NotFound(message),
                    405 => ServeError::MethodNotAllowed(message),
                    406 => ServeError::NotAcceptable(message),
                    415 => ServeError::UnsupportedMediaType(message),
                    _ => ServeError::Internal(message),
                },
            })
        }
        _ => Err(garbled()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(outcome: Result<Reply, ServeError>) -> Result<Reply, ServeError> {
        decode(&encode(&outcome))
    }

    #[test]
    fn replies_and_errors_keep_status_and_text() {
        let reply = Reply::new(
            200,
            "text/csv; charset=utf-8".to_owned(),
            b"n\r\n1\r\n".to_vec(),
        );
        let back = round_trip(Ok(reply)).expect("a reply");
        assert_eq!(
            (
                back.status,
                back.content_type.as_str(),
                back.body.as_slice()
            ),
            (200, "text/csv; charset=utf-8", b"n\r\n1\r\n".as_slice())
        );
        let errors = [
            ServeError::TooManyRows(9),
            ServeError::Timeout(Duration::from_millis(300)),
            ServeError::UpdateRefused,
            ServeError::Query(QueryError::Update),
            ServeError::Query(QueryError::TooLarge { max: 10 }),
            ServeError::Query(QueryError::Empty),
            ServeError::BadRequest("bad IRI".to_owned()),
            ServeError::NotAcceptable("no turtle".to_owned()),
            ServeError::OverMemory,
            ServeError::Internal("boom".to_owned()),
        ];
        for error in errors {
            let (status, text) = (error.status(), error.to_string());
            let back = round_trip(Err(error)).expect_err("an error");
            assert_eq!((back.status(), back.to_string()), (status, text));
        }
        assert!(matches!(
            round_trip(Err(ServeError::TooManyRows(9))),
            Err(ServeError::TooManyRows(9))
        ));
        assert!(matches!(decode(b""), Err(ServeError::Internal(_))));
        assert!(matches!(decode(&[0, 200]), Err(ServeError::Internal(_))));
    }
}
