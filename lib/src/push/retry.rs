//! Push stage: retries with exponential backoff. Which outcomes are worth another
//! try (5xx answers, connection errors and timeouts — never 4xx) and how long to wait
//! between tries; knows nothing of HTTP beyond status codes.

use std::time::Duration;

/// How often and how patiently a request is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so `retries + 1` attempts at most).
    pub retries: u32,
    /// The wait before the first retry; each later wait doubles it.
    pub base_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries (4 attempts), waiting 200 ms, 400 ms, 800 ms.
    fn default() -> Self {
        Self {
            retries: 3,
            base_delay: Duration::from_millis(200),
        }
    }
}

/// The most a single wait grows to, whatever the policy says.
const MAX_DELAY: Duration = Duration::from_secs(30);

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based): `base_delay * 2^(retry-1)`,
    /// capped at 30 s.
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = 1u32 << retry.saturating_sub(1).min(16);
        self.base_delay.saturating_mul(factor).min(MAX_DELAY)
    }
}

/// What one attempt gave, as far as retrying is concerned.
pub trait Retryable {
    /// Whether another attempt may succeed where this one did not.
    fn is_transient(&self) -> bool;
}

/// Runs `attempt` until it succeeds, fails for good, or the policy's retries are used
/// up, calling `sleep` between attempts. Returns the last result and the number of
/// attempts made (at least 1).
pub fn with_retries<T, E: Retryable>(
    policy: RetryPolicy,
    mut sleep: impl FnMut(Duration),
    mut attempt: impl FnMut() -> Result<T, E>,
) -> (Result<T, E>, u32) {
    let mut attempts = 1;
    loop {
        let result = attempt();
        match &result {
            Err(e) if e.is_transient() && attempts <= policy.retries => {
                sleep(policy.delay(attempts));
                attempts += 1;
            }
            _ => return (result, attempts),
        }
    }
}

/// Whether an HTTP status is worth retrying: any 5xx. A 4xx is the request's fault
/// and would fail the same way again.
pub fn is_transient_status(status: u16) -> bool {
    (500..600).contains(&status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Failure(bool);
    impl Retryable for Failure {
        fn is_transient(&self) -> bool {
            self.0
        }
    }

    #[test]
    fn delays_double_from_the_base_and_are_capped() {
        let policy = RetryPolicy::default();
        let ms: Vec<u128> = (1..=4).map(|r| policy.delay(r).as_millis()).collect();
        assert_eq!(ms, [200, 400, 800, 1600]);
        assert_eq!(policy.delay(40), MAX_DELAY);
    }

    #[test]
    fn transient_failures_are_retried_until_success() {
        let mut results = vec![Err(Failure(true)), Err(Failure(true)), Ok(7)].into_iter();
        let mut slept = Vec::new();
        let (result, attempts) = with_retries(
            RetryPolicy::default(),
            |d| slept.push(d.as_millis()),
            || results.next().unwrap_or(Ok(0)),
        );
        assert_eq!((result, attempts), (Ok(7), 3));
        assert_eq!(slept, [200, 400]);
    }

    #[test]
    fn attempts_are_bounded() {
        let mut calls = 0;
        let policy = RetryPolicy {
            retries: 2,
            base_delay: Duration::ZERO,
        };
        let (result, attempts) = with_retries(
            policy,
            |_| {},
            || -> Result<(), _> {
                calls += 1;
                Err(Failure(true))
            },
        );
        assert_eq!((result, attempts, calls), (Err(Failure(true)), 3, 3));
    }

    #[test]
    fn permanent_failures_are_not_retried() {
        let (result, attempts) = with_retries(
            RetryPolicy::default(),
            |_| panic!("no wait"),
            || -> Result<(), _> { Err(Failure(false)) },
        );
        assert_eq!((result, attempts), (Err(Failure(false)), 1));
    }

    #[test]
    fn statuses() {
        assert!(is_transient_status(503) && is_transient_status(500));
        assert!(
            !is_transient_status(400) && !is_transient_status(429) && !is_transient_status(404)
        );
    }
}
