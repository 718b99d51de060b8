//! Push stage: the SPARQL 1.1 Graph Store HTTP Protocol client — one
//! `PUT {endpoint}?graph=<iri>` per graph with an N-Triples body, optional Basic auth,
//! bounded timeouts, no redirects (so credentials never travel to another host).
//! The password lives only in the `Authorization` header: it is never formatted,
//! and a server's answer that echoes it is scrubbed before it is reported.

use super::retry::{is_transient_status, Retryable};
use base64::Engine;
use std::fmt;
use std::time::Duration;
use ureq::Agent;

/// The media type of request bodies: N-Triples 1.1 (UTF-8 by definition).
pub const CONTENT_TYPE: &str = "application/n-triples";

/// A user name and password for HTTP Basic authentication. `Debug` hides the password.
#[derive(Clone)]
pub struct Credentials {
    user: String,
    password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"***")
            .finish()
    }
}

impl Credentials {
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            user: user.into(),
            password: password.into(),
        }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    fn token(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.user, self.password))
    }

    fn header(&self) -> String {
        format!("Basic {}", self.token())
    }

    /// `text` with the encoded token and the password replaced by `***`, in every
    /// form a server may echo them (see [`super::scrub`]).
    fn scrub(&self, text: &str) -> String {
        let text = super::scrub::scrub(text, &self.token());
        super::scrub::scrub(&text, &self.password)
    }
}

/// Why an endpoint URL cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EndpointError {
    #[error("--endpoint {0}: expected an http:// or https:// URL")]
    Scheme(String),
    // The URL is not repeated: it may hold a password.
    #[error(
        "--endpoint: the URL must not carry a user or password; use --user and --password-env"
    )]
    UserInfo,
    #[error(
        "--endpoint {0}: this officegraph was built without https support (cargo feature `https`)"
    )]
    NoTls(String),
}

/// Why one PUT did not succeed.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum PutError {
    /// The server answered with a status other than 2xx.
    #[error("{status}{reason}{detail}")]
    Status {
        status: u16,
        /// ` Reason Phrase` (with a leading space) or empty.
        reason: String,
        /// `: first line of the body` or empty.
        detail: String,
    },
    /// No answer: connection refused or reset, timeout, unknown host, bad response.
    #[error("{message}")]
    Transport { message: String, transient: bool },
}

impl Retryable for PutError {
    fn is_transient(&self) -> bool {
        match self {
            Self::Status { status, .. } => is_transient_status(*status),
            Self::Transport { transient, .. } => *transient,
        }
    }
}

/// A Graph Store Protocol endpoint.
pub struct GspClient {
    agent: Agent,
    endpoint: String,
    credentials: Option<Credentials>,
}

impl GspClient {
    /// A client for `endpoint` (the graph store URL, e.g. Virtuoso's
    /// `http://host:8890/sparql-graph-crud`, Fuseki's `http://host:3030/ds/data`),
    /// each request bounded by `timeout`.
    pub fn new(
        endpoint: &str,
        credentials: Option<Credentials>,
        timeout: Duration,
    ) -> Result<Self, EndpointError> {
        let lower = endpoint.to_ascii_lowercase();
        let rest = if let Some(rest) = lower.strip_prefix("http://") {
            rest
        } else if let Some(rest) = lower.strip_prefix("https://") {
            if !cfg!(feature = "https") {
                return Err(EndpointError::NoTls(endpoint.to_owned()));
            }
            rest
        } else {
            // Say only the scheme-less part is wrong without echoing a possible password.
            let shown = if endpoint.contains('@') {
                "<url>"
            } else {
                endpoint
            };
            return Err(EndpointError::Scheme(shown.to_owned()));
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(EndpointError::UserInfo);
        }
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .user_agent(concat!("officegraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Self {
            agent,
            endpoint: endpoint.to_owned(),
            credentials,
        })
    }

    /// The endpoint URL as given.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The URL of one graph: `{endpoint}?graph={percent-encoded IRI}` (or `&graph=`
    /// when the endpoint already has a query string).
    pub fn graph_url(&self, graph: &str) -> String {
        let separator = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        format!(
            "{}{separator}graph={}",
            self.endpoint,
            percent_encode(graph)
        )
    }

    /// Replaces `graph` on the server with `body` (N-Triples). Returns the 2xx status.
    pub fn put(&self, graph: &str, body: &[u8]) -> Result<u16, PutError> {
        let mut request = self
            .agent
            .put(self.graph_url(graph))
            .header("Content-Type", CONTENT_TYPE);
        if let Some(credentials) = &self.credentials {
            request = request.header("Authorization", credentials.header());
        }
        let mut response = match request.send(body) {
            Ok(response) => response,
            Err(e) => return Err(self.transport(&e)),
        };
        let status = response.status();
        if status.is_success() {
            return Ok(status.as_u16());
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .unwrap_or_default();
        let first = body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let first: String = first.chars().take(200).collect();
        Err(PutError::Status {
            status: status.as_u16(),
            reason: status
                .canonical_reason()
                .map(|r| format!(" {r}"))
                .unwrap_or_default(),
            detail: if first.is_empty() {
                String::new()
            } else {
                format!(": {}", self.scrub(&first))
            },
        })
    }

    fn transport(&self, error: &ureq::Error) -> PutError {
        use ureq::Error as E;
        let transient = matches!(
            error,
            E::Io(_) | E::Timeout(_) | E::ConnectionFailed | E::HostNotFound | E::Protocol(_)
        );
        PutError::Transport {
            message: self.scrub(&error.to_string()),
            transient,
        }
    }

    fn scrub(&self, text: &str) -> String {
        match &self.credentials {
            Some(c) => c.scrub(text),
            None => text.to_owned(),
        }
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, for a query value.
pub fn percent_encode(text: &str) -> String {
    crate::percent::encode(text, crate::percent::UNRESERVED)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Duration = Duration::from_secs(5);

    #[test]
    fn graph_urls_encode_the_iri() {
        let client = GspClient::new("http://h:8890/sparql-graph-crud", None, T).unwrap();
        assert_eq!(
            client.graph_url("https://w3id.org/og/id/record/000%5Fe4"),
            "http://h:8890/sparql-graph-crud?graph=https%3A%2F%2Fw3id.org%2Fog%2Fid%2Frecord%2F000%255Fe4"
        );
        let client = GspClient::new("http://h/ds/data?x=1", None, T).unwrap();
        assert!(client.graph_url("urn:a").ends_with("?x=1&graph=urn%3Aa"));
    }

    #[test]
    fn endpoints_must_be_http_without_user_info() {
        let err = |url| GspClient::new(url, None, T).err();
        assert_eq!(
            err("ftp://h/x"),
            Some(EndpointError::Scheme("ftp://h/x".into()))
        );
        assert_eq!(err("http://u:secret@h/x"), Some(EndpointError::UserInfo));
        let message = err("u:secret@h/x")
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!message.contains("secret"), "{message}");
        assert_eq!(err("http://h/x?a=b@c"), None);
    }

    #[cfg(not(feature = "https"))]
    #[test]
    fn https_needs_the_feature() {
        let err = GspClient::new("https://h/x", None, T).err();
        assert_eq!(err, Some(EndpointError::NoTls("https://h/x".into())));
    }

    #[test]
    fn credentials_never_show_the_password() {
        let c = Credentials::new("dba", "s3cret");
        assert!(!format!("{c:?}").contains("s3cret"));
        assert_eq!(c.header(), "Basic ZGJhOnMzY3JldA==");
        assert_eq!(
            c.scrub("got s3cret and ZGJhOnMzY3JldA=="),
            "got *** and ***"
        );
    }

    #[test]
    fn every_form_of_an_echoed_password_is_scrubbed() {
        let c = Credentials::new("dba", "P@ss word/1");
        let echo = "as sent P@ss word/1, percent P%40ss%20word%2F1 and p%40ss%20word%2f1, \
                    form P%40ss+word%2F1, lower p@ss word/1, upper P@SS WORD/1, \
                    token ZGJhOlBAc3Mgd29yZC8x and ZGJhOlBAc3Mgd29yZC8x%3D";
        let scrubbed = c.scrub(echo);
        assert_eq!(
            scrubbed,
            "as sent ***, percent *** and ***, form ***, lower ***, upper ***, \
             token *** and ***%3D"
        );
    }

    #[test]
    fn only_5xx_and_lost_connections_are_transient() {
        let status = |status| PutError::Status {
            status,
            reason: String::new(),
            detail: String::new(),
        };
        assert!(status(503).is_transient() && !status(400).is_transient());
        let lost = PutError::Transport {
            message: "connection refused".into(),
            transient: true,
        };
        assert!(lost.is_transient());
    }
}
