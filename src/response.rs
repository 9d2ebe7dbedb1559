//! The API's response body for a decision, and the RequestId it carries.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use xxhash_rust::xxh3::xxh3_128;

use crate::scenario::timestamp;
use crate::{Decision, ErrorCode, Scenario};

/// The `HostId` of every error body.
pub const HOST_ID: &str = "rds.aliyuncs.com";

/// What the API answers: `{"RequestId":…}` when allowed, else the error body
/// `{"RequestId","HostId","Code","Message","HttpStatus"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    request_id: String,
    error: Option<ErrorCode>,
}

impl Response {
    /// The response to `scenario` for its `decision`.
    pub fn new(scenario: &Scenario, decision: &Decision<'_>) -> Response {
        Response {
            request_id: request_id(scenario),
            error: decision.as_ref().err().map(|denial| denial.error()),
        }
    }

    /// The `RequestId` field.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The error row, when denied.
    pub fn error(&self) -> Option<ErrorCode> {
        self.error
    }

    /// The HTTP status: 200 when allowed.
    pub fn http_status(&self) -> u16 {
        self.error.map_or(200, ErrorCode::status)
    }

    /// The body as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Response {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(error) = self.error else {
            let mut body = serializer.serialize_struct("Response", 1)?;
            body.serialize_field("RequestId", &self.request_id)?;
            return body.end();
        };
        let mut body = serializer.serialize_struct("Response", 5)?;
        body.serialize_field("RequestId", &self.request_id)?;
        body.serialize_field("HostId", HOST_ID)?;
        body.serialize_field("Code", error.code())?;
        body.serialize_field("Message", error.message())?;
        body.serialize_field("HttpStatus", &error.status())?;
        body.end()
    }
}

/// The scenario's `RequestId`, or one derived from its content.
///
/// The derived id is an xxh3-128 hash of the scenario's canonical JSON (every
/// field but `RequestId`, instances sorted by id and backups by id, so their
/// listing order does not matter), laid out as an RFC 9562 version-8 UUID in
/// uppercase, the API's shape: `803D11AF-C370-865B-AB46-CB3A642DC303`.
pub fn request_id(scenario: &Scenario) -> String {
    if let Some(id) = &scenario.request_id {
        return id.clone();
    }
    let mut instances: Vec<_> = scenario.instances.iter().collect();
    instances.sort_by(|a, b| a.db_instance_id.cmp(&b.db_instance_id));
    let mut backups: Vec<_> = scenario.backups.iter().collect();
    backups.sort_by(|a, b| a.backup_id.cmp(&b.backup_id));
    let canonical = (
        timestamp::text(&scenario.now),
        &scenario.caller_account_id,
        instances,
        backups,
        &scenario.request,
    );
    // One buffer hashed once: serde_json writes many small pieces, and
    // hashing each piece as it comes costs more than the writing.
    let mut content = Vec::with_capacity(2048);
    // Serializing plain data into memory cannot fail.
    let _ = serde_json::to_writer(&mut content, &canonical);
    uuid_text(xxh3_128(&content))
}

fn uuid_text(hash: u128) -> String {
    const VERSION: u128 = 0xF << 76;
    const VARIANT: u128 = 0b11 << 62;
    let id = (hash & !VERSION & !VARIANT) | (0x8 << 76) | (0b10 << 62);
    format!(
        "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
        id >> 96,
        (id >> 80) & 0xFFFF,
        (id >> 64) & 0xFFFF,
        (id >> 48) & 0xFFFF,
        id & 0xFFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_id_has_the_api_shape() {
        let text = uuid_text(u128::MAX);
        assert_eq!(text, "FFFFFFFF-FFFF-8FFF-BFFF-FFFFFFFFFFFF");
        let text = uuid_text(0);
        assert_eq!(text, "00000000-0000-8000-8000-000000000000");
    }
}
