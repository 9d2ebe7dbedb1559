//! Which instance category may receive databases from which: the category matrix.
//!
//! The copy-specific `UnsupportedCopyDb*` rows (403) decide first; where the
//! page has none for a pair, the generic restore rows `BackupRestoreNotSupported.*`
//! (400) decide; a pair that no documented row forbids is allowed. The engine
//! never invents a denial. rules.md carries [`markdown`]'s table verbatim.

use crate::ErrorCode;

/// An instance category that databases can be copied from and to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Basic edition.
    Basic,
    /// High-availability edition.
    HighAvailability,
    /// Cluster (AlwaysOn) edition.
    AlwaysOn,
    /// Shared instance.
    Share,
}

impl Category {
    /// The four copyable categories, in the matrix's order.
    pub const ALL: [Category; 4] = [
        Category::Basic,
        Category::HighAvailability,
        Category::AlwaysOn,
        Category::Share,
    ];

    /// The category named by an instance's `Category` field; `None` for every
    /// other edition (Serverless, Finance, cluster, …), which cannot be copied.
    pub fn from_api(value: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == value)
    }

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Basic => "Basic",
            Category::HighAvailability => "HighAvailability",
            Category::AlwaysOn => "AlwaysOn",
            Category::Share => "Share",
        }
    }
}

/// Source row × target column: `None` allowed, else the row that forbids it.
pub const MATRIX: [[Option<ErrorCode>; 4]; 4] = [
    [
        None,
        Some(ErrorCode::BACKUP_RESTORE_NOT_SUPPORTED_BASIC_HA),
        None,
        Some(ErrorCode::UNSUPPORTED_COPY_DB_BASIC_TO_SHARE),
    ],
    [
        Some(ErrorCode::UNSUPPORTED_COPY_DB_HIGH_AVAILABILITY_TO_BASIC),
        None,
        Some(ErrorCode::BACKUP_RESTORE_NOT_SUPPORTED_HA_DEDICATED_ALWAYS_ON),
        Some(ErrorCode::UNSUPPORTED_COPY_DB_HIGH_AVAILABILITY_TO_SHARE),
    ],
    [
        Some(ErrorCode::UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_BASIC),
        Some(ErrorCode::UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_HIGH_AVAILABILITY),
        None,
        Some(ErrorCode::UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_SHARE),
    ],
    [
        Some(ErrorCode::UNSUPPORTED_COPY_DB_SHARE_TO_BASIC),
        Some(ErrorCode::UNSUPPORTED_COPY_DB_SHARE_TO_HIGH_AVAILABILITY),
        Some(ErrorCode::UNSUPPORTED_COPY_DB_SHARE_TO_ALWAYS_ON),
        None,
    ],
];

/// The matrix cell for a copy from `source` to `target`.
pub fn copy_between(source: Category, target: Category) -> Option<ErrorCode> {
    MATRIX
        .get(source as usize)
        .and_then(|row| row.get(target as usize))
        .copied()
        .flatten()
}

/// The matrix as the Markdown table rules.md carries.
pub fn markdown() -> String {
    let mut out = String::from("| source \\ target |");
    for target in Category::ALL {
        out.push_str(&format!(" {} |", target.as_str()));
    }
    out.push_str("\n|---|---|---|---|---|\n");
    for source in Category::ALL {
        out.push_str(&format!("| {} |", source.as_str()));
        for target in Category::ALL {
            let cell = copy_between(source, target).map_or("allowed", ErrorCode::code);
            out.push_str(&format!(" {cell} |"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diagonal_is_allowed_and_only_documented_rows_forbid() {
        for source in Category::ALL {
            assert_eq!(copy_between(source, source), None);
            for target in Category::ALL {
                if let Some(code) = copy_between(source, target) {
                    let copy_specific =
                        format!("UnsupportedCopyDb{}To{}", source.as_str(), target.as_str());
                    // A copy-specific row exists for the pair exactly when it decides.
                    let has_specific = ErrorCode::ALL.iter().any(|c| c.code() == copy_specific);
                    assert_eq!(code.code() == copy_specific, has_specific, "{code:?}");
                }
            }
        }
    }

    #[test]
    fn categories_are_read_exactly() {
        assert_eq!(Category::from_api("AlwaysOn"), Some(Category::AlwaysOn));
        for other in ["alwayson", "serverless_basic", "Finance", "cluster", ""] {
            assert_eq!(Category::from_api(other), None, "{other}");
        }
    }
}
