//! Reading a scenario from JSON, with errors that say where the problem is.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::scenario::{Scenario, TopLevel};

/// A scenario that cannot be read: not an API error, a problem with the input.
///
/// It names the JSON path (`Instances[1].DBInstanceStorage`, or `(top level)`)
/// and the line and column where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{path}: {message} at line {line} column {column}")]
pub struct ScenarioError {
    path: String,
    message: String,
    line: usize,
    column: usize,
}

impl ScenarioError {
    /// The JSON path to the value that could not be read; `(top level)` for the document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path and position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line (from 1) where reading stopped.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1; 0 for an empty input) where reading stopped.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl Scenario {
    /// Reads a scenario from JSON text.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        read(json.as_bytes(), None)
    }

    /// Reads a scenario from JSON bytes (which must be UTF-8).
    pub fn from_json_slice(json: &[u8]) -> Result<Scenario, ScenarioError> {
        read(json, None)
    }

    /// Reads a scenario from JSON bytes; `now` stands in for a missing `Now`.
    ///
    /// This is for callers that own a clock, like the command-line tool; the
    /// library itself never reads one.
    pub fn from_json_slice_or_now(
        json: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Scenario, ScenarioError> {
        read(json, Some(now))
    }
}

const TOP_LEVEL: &str = "(top level)";

fn read(json: &[u8], fallback_now: Option<DateTime<Utc>>) -> Result<Scenario, ScenarioError> {
    // Tracking the path costs time on every value, so it is only paid for
    // once reading has failed: the second reading stops at the same place.
    let TopLevel(fields) = match serde_json::from_slice(json) {
        Ok(top) => top,
        Err(error) => return Err(locate(json, error)),
    };
    fields.complete(fallback_now).ok_or_else(|| {
        let (line, column) = end_of_document(json);
        ScenarioError {
            path: TOP_LEVEL.to_owned(),
            message: "missing field `Now`".to_owned(),
            line,
            column,
        }
    })
}

fn locate(json: &[u8], error: serde_json::Error) -> ScenarioError {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let traced = serde_path_to_error::deserialize::<_, TopLevel>(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|_| deserializer.end().map_err(|e| (".".to_owned(), e)));
    let (path, error) = match traced {
        Err(found) => found,
        Ok(()) => (".".to_owned(), error),
    };
    // serde_path_to_error says "." for the document and "?" for a key it could not read.
    let path = if path == "." || path == "?" {
        TOP_LEVEL.to_owned()
    } else {
        path
    };
    let (line, column) = (error.line(), error.column());
    let text = error.to_string();
    let position = format!(" at line {line} column {column}");
    let message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
    ScenarioError {
        path,
        message,
        line,
        column,
    }
}

/// Where a reader stands after the document's last character, as serde_json counts.
fn end_of_document(json: &[u8]) -> (usize, usize) {
    let end = json
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |at| at.saturating_add(1));
    let before = json.get(..end).unwrap_or_default();
    let line = before
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_add(1);
    let column = match before.iter().rposition(|&b| b == b'\n') {
        Some(newline) => end.saturating_sub(newline).saturating_sub(1),
        None => end,
    };
    (line, column)
}
