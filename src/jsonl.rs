//! Deciding a stream of scenarios: one JSON scenario per input line, one
//! response per output line, in order.
//!
//! This is the core of `copydb-rules evaluate --jsonl`, kept in the library so
//! it can be embedded and benchmarked without a process. It reads and writes
//! only the reader and writer it is given; the caller owns any clock.

use std::io::{self, BufRead, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{Response, Scenario, evaluate};

/// Why a stream stopped: its input could not be read, or its output written.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Reading the input failed.
    #[error("reading: {0}")]
    Read(#[source] io::Error),
    /// Writing the output failed (a closed pipe among others).
    #[error("writing: {0}")]
    Write(#[source] io::Error),
}

/// How a stream went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines read.
    pub lines: u64,
    /// Scenarios allowed.
    pub allowed: u64,
    /// Scenarios denied.
    pub denied: u64,
    /// Lines that were not a readable scenario.
    pub unreadable: u64,
}

#[derive(Serialize)]
struct Unreadable<'a> {
    #[serde(rename = "Line")]
    line: u64,
    #[serde(rename = "ScenarioError")]
    error: &'a str,
}

/// Decides every line of `input` and writes one line to `output` for each: the
/// response body, or `{"Line":N,"ScenarioError":"…"}` for a line (counted
/// from 1) that is not a readable scenario; the stream goes on after it.
/// `now` stands in for a scenario's missing `Now`.
pub fn evaluate_lines<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    now: Option<DateTime<Utc>>,
) -> Result<Summary, StreamError> {
    let mut summary = Summary::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if input
            .read_until(b'\n', &mut line)
            .map_err(StreamError::Read)?
            == 0
        {
            break;
        }
        summary.lines = summary.lines.saturating_add(1);
        let text = trim_line_end(&line);
        let read = match now {
            Some(now) => Scenario::from_json_slice_or_now(text, now),
            None => Scenario::from_json_slice(text),
        };
        match read {
            Ok(scenario) => {
                let decision = evaluate(&scenario);
                let tally = match decision {
                    Ok(_) => &mut summary.allowed,
                    Err(_) => &mut summary.denied,
                };
                *tally = tally.saturating_add(1);
                serde_json::to_writer(&mut output, &Response::new(&scenario, &decision))
                    .map_err(|e| StreamError::Write(e.into()))?;
            }
            Err(error) => {
                summary.unreadable = summary.unreadable.saturating_add(1);
                let error = error.to_string();
                let record = Unreadable {
                    line: summary.lines,
                    error: &error,
                };
                serde_json::to_writer(&mut output, &record)
                    .map_err(|e| StreamError::Write(e.into()))?;
            }
        }
        output.write_all(b"\n").map_err(StreamError::Write)?;
    }
    output.flush().map_err(StreamError::Write)?;
    Ok(summary)
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
