//! `copydb-rules`: decide CopyDatabaseBetweenInstances requests from the shell.
//!
//! Exit status of `evaluate`: 0 allowed, 1 denied, 2 the input could not be
//! read or the answer could not be written.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Parser, Subcommand};
use copydb_rules::jsonl::{self, StreamError};
use copydb_rules::{Coverage, Decision, ErrorCode, RULES, Response, Scenario, docs, matrix};
use serde::Serialize;

/// Answers what the ApsaraDB RDS API CopyDatabaseBetweenInstances would answer.
#[derive(Parser)]
#[command(name = "copydb-rules", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide a scenario (JSON) and print the API's response body.
    ///
    /// Exit status: 0 allowed, 1 denied, 2 the scenario could not be read
    /// (or the answer could not be written).
    Evaluate {
        /// The scenario file; standard input when absent or `-`.
        file: Option<PathBuf>,
        /// Print indented JSON.
        #[arg(long, conflicts_with = "jsonl")]
        pretty: bool,
        /// Also say on standard error which rule decided, and about what.
        #[arg(long, conflicts_with = "jsonl")]
        explain: bool,
        /// One scenario per input line, one response per output line.
        #[arg(long)]
        jsonl: bool,
    },
    /// Print every row of the API's error table as JSON lines.
    Catalogue {
        /// Print a Markdown table instead.
        #[arg(long)]
        markdown: bool,
    },
    /// Print the category matrix as a Markdown table.
    Matrix,
}

const DENIED: u8 = 1;
const UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Evaluate {
            file,
            pretty,
            explain,
            jsonl: false,
        } => evaluate_one(file, pretty, explain),
        Command::Evaluate {
            file, jsonl: true, ..
        } => evaluate_stream(file),
        Command::Catalogue { markdown } => print_catalogue(markdown),
        Command::Matrix => write_stdout(matrix::markdown().as_bytes()).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|message| {
        eprintln!("copydb-rules: {message}");
        ExitCode::from(UNREADABLE)
    })
}

/// A named input: a file, or standard input.
fn open(file: Option<PathBuf>) -> Result<(String, Box<dyn Read>), String> {
    match file {
        None => Ok(("<stdin>".to_owned(), Box::new(io::stdin().lock()))),
        Some(path) if path.as_os_str() == "-" => {
            Ok(("<stdin>".to_owned(), Box::new(io::stdin().lock())))
        }
        Some(path) => {
            let name = path.display().to_string();
            let file = File::open(&path).map_err(|e| format!("{name}: {e}"))?;
            Ok((name, Box::new(file)))
        }
    }
}

fn evaluate_one(file: Option<PathBuf>, pretty: bool, explain: bool) -> Result<ExitCode, String> {
    let (name, mut input) = open(file)?;
    let mut json = Vec::new();
    input
        .read_to_end(&mut json)
        .map_err(|e| format!("{name}: {e}"))?;
    let scenario =
        Scenario::from_json_slice_or_now(&json, Utc::now()).map_err(|e| format!("{name}: {e}"))?;
    let decision = copydb_rules::evaluate(&scenario);
    let response = Response::new(&scenario, &decision);
    let body = if pretty {
        serde_json::to_string_pretty(&response)
    } else {
        serde_json::to_string(&response)
    }
    .map_err(|e| e.to_string())?;
    write_stdout(format!("{body}\n").as_bytes())?;
    if explain {
        eprintln!("{}", explanation(&decision));
    }
    Ok(match decision {
        Ok(_) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(DENIED),
    })
}

fn explanation(decision: &Decision<'_>) -> String {
    match decision {
        Ok(approval) => format!(
            "allowed: all {} rules pass for {} database(s)",
            RULES.len(),
            approval.databases()
        ),
        Err(denial) => {
            let rule = denial.rule();
            format!(
                "denied by rule {} ({}): {}\nabout the {}\nanswer: {} {}",
                rule.number,
                rule.name,
                rule.condition,
                denial.subject(),
                denial.error().status(),
                denial.error().code()
            )
        }
    }
}

fn evaluate_stream(file: Option<PathBuf>) -> Result<ExitCode, String> {
    let (name, input) = open(file)?;
    let output = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let summary = match jsonl::evaluate_lines(
        BufReader::with_capacity(1 << 16, input),
        output,
        Some(Utc::now()),
    ) {
        Ok(summary) => summary,
        Err(StreamError::Read(e)) => return Err(format!("{name}: {e}")),
        // Whoever reads the answers has stopped (`| head`): nothing left to do.
        Err(StreamError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS);
        }
        Err(StreamError::Write(e)) => return Err(format!("standard output: {e}")),
    };
    Ok(if summary.unreadable > 0 {
        ExitCode::from(UNREADABLE)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Serialize)]
struct CatalogueRow {
    #[serde(rename = "HttpStatus")]
    status: u16,
    #[serde(rename = "Code")]
    code: &'static str,
    #[serde(rename = "Message")]
    message: &'static str,
    #[serde(rename = "Produced")]
    produced: bool,
    /// The first rule that returns the row; null when none does.
    #[serde(rename = "Rule")]
    rule: Option<u8>,
    #[serde(rename = "Rules", skip_serializing_if = "Vec::is_empty")]
    rules: Vec<u8>,
    #[serde(rename = "Why", skip_serializing_if = "Option::is_none")]
    why: Option<String>,
}

impl CatalogueRow {
    fn new(code: ErrorCode) -> CatalogueRow {
        let rules: Vec<u8> = code.rules().map(|rule| rule.number).collect();
        CatalogueRow {
            status: code.status(),
            code: code.code(),
            message: code.message(),
            produced: code.coverage() == Coverage::Produced,
            rule: rules.first().copied(),
            why: match code.coverage() {
                Coverage::Produced => None,
                Coverage::NotProduced(why) => Some(why.to_string()),
            },
            rules,
        }
    }
}

fn print_catalogue(markdown: bool) -> Result<ExitCode, String> {
    if markdown {
        write_stdout(docs::catalogue_table().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for code in ErrorCode::ALL {
        let row = serde_json::to_string(&CatalogueRow::new(code)).map_err(|e| e.to_string())?;
        out.push_str(&row);
        out.push('\n');
    }
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output; a reader that has gone away (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("standard output: {e}")),
        _ => Ok(()),
    }
}
