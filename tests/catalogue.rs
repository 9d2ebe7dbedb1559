//! The catalogue is the API page's error table, whole and exact, and every row
//! is either returned by a rule or says why not.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use copydb_rules::matrix::{Category, copy_between};
use copydb_rules::{Coverage, ErrorCode, RULES};

/// The page's table as data, copied from the shared seed.
const TSV: &str = include_str!("data/error-codes.tsv");

#[test]
fn the_catalogue_is_the_page_table_row_for_row() {
    let mut lines = TSV.lines();
    assert_eq!(lines.next(), Some("HttpStatus\tCode\tMessage"));
    let rows: Vec<(u16, &str, &str)> = lines
        .map(|line| {
            let mut fields = line.split('\t');
            let status = fields.next().unwrap().parse().unwrap();
            let row = (status, fields.next().unwrap(), fields.next().unwrap());
            assert_eq!(fields.next(), None, "{line}");
            row
        })
        .collect();
    assert_eq!(rows.len(), 142);
    assert_eq!(ErrorCode::ALL.len(), 142);
    let mut exact = 0;
    for (position, (code, (status, name, message))) in ErrorCode::ALL.iter().zip(&rows).enumerate()
    {
        assert_eq!(code.position(), position);
        assert_eq!(
            (code.status(), code.code(), code.message()),
            (*status, *name, *message),
            "row {}",
            position + 1
        );
        exact += 1;
    }
    assert_eq!(exact, 142, "142/142 rows exact");
}

#[test]
fn the_page_typos_and_placeholders_are_kept() {
    assert_eq!(ErrorCode::DB_OPERATION_FAILED.code(), "%s");
    assert_eq!(
        ErrorCode::DB_OPERATION_FAILED.message(),
        "DB Operation Failed:%s."
    );
    assert!(
        ErrorCode::INVALID_PARAM_400
            .message()
            .starts_with("Sepcified wal level")
    );
    assert_eq!(
        ErrorCode::INVALID_DB_NAME_DUPLICATE.message(),
        "Specified DB name already exists in the This instance."
    );
}

#[test]
fn the_three_shared_codes_are_six_rows() {
    for (code, statuses) in [
        ("InvalidTargetDBInstanceName.Format", [400, 403]),
        ("StorageLimitExceeded", [403, 404]),
        ("InvalidParam", [400, 404]),
    ] {
        let found: Vec<u16> = ErrorCode::ALL
            .iter()
            .filter(|c| c.code() == code)
            .map(|c| c.status())
            .collect();
        assert_eq!(found, statuses, "{code}");
    }
    let distinct: BTreeSet<(u16, &str)> = ErrorCode::ALL
        .iter()
        .map(|c| (c.status(), c.code()))
        .collect();
    assert_eq!(distinct.len(), 142);
}

#[test]
fn a_row_is_produced_exactly_when_a_rule_names_it() {
    for code in ErrorCode::ALL {
        let rules: Vec<u8> = code.rules().map(|r| r.number).collect();
        match code.coverage() {
            Coverage::Produced => assert!(
                !rules.is_empty(),
                "{code:?} is marked produced but no rule returns it"
            ),
            Coverage::NotProduced(why) => {
                assert!(
                    rules.is_empty(),
                    "{code:?} is marked not produced ({why}) but rules {rules:?} return it"
                )
            }
        }
    }
    let produced = ErrorCode::ALL
        .iter()
        .filter(|c| c.coverage() == Coverage::Produced)
        .count();
    assert_eq!(produced, 47);
}

#[test]
fn rules_are_numbered_in_order_and_named_once() {
    for (at, rule) in RULES.iter().enumerate() {
        assert_eq!(usize::from(rule.number), at + 1, "{rule:?}");
    }
    assert_eq!(RULES.len(), 35);
    let names: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(names.len(), RULES.len());
}

#[test]
fn the_matrix_rule_names_exactly_the_matrix_cells() {
    let cells: BTreeSet<ErrorCode> = Category::ALL
        .iter()
        .flat_map(|&s| {
            Category::ALL
                .iter()
                .filter_map(move |&t| copy_between(s, t))
        })
        .collect();
    let rule: BTreeSet<ErrorCode> = RULES[17].produces.iter().copied().collect();
    assert_eq!(RULES[17].name, "category-matrix");
    assert_eq!(cells, rule);
}

#[test]
fn every_row_has_a_lookup() {
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::lookup(code.status(), code.code()), Some(code));
    }
}
