//! Names as SQL Server and RDS compare and accept them.
//!
//! Database names compare case-insensitively, as under SQL Server's default
//! collations. Every lookup and duplicate check goes through [`NameIndex`], a
//! sorted list, so a request with ten thousand names costs `n log n`, never `n²`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

/// The case-insensitive key of a name: the lowercase of its uppercase form.
///
/// ASCII names that are already lowercase, the common case, are not copied.
pub(crate) fn fold(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        }
    } else {
        // Uppercasing first makes the letters with several lowercase forms
        // one: final ς and σ, ß and ss, the Kelvin sign and k.
        let folded = name.to_uppercase().to_lowercase();
        if folded == name {
            Cow::Borrowed(name)
        } else {
            Cow::Owned(folded)
        }
    }
}

/// [`fold`] for a name that may own its text.
pub(crate) fn fold_cow<'a>(name: &Cow<'a, str>) -> Cow<'a, str> {
    match name {
        Cow::Borrowed(name) => fold(name),
        Cow::Owned(name) => Cow::Owned(fold(name).into_owned()),
    }
}

/// Keys sorted with their positions in the list they came from.
#[derive(Debug, Default)]
pub(crate) struct NameIndex<'a> {
    sorted: Vec<(Cow<'a, str>, usize)>,
}

impl<'a> NameIndex<'a> {
    pub(crate) fn new(keys: impl IntoIterator<Item = Cow<'a, str>>) -> Self {
        let mut sorted: Vec<(Cow<'a, str>, usize)> = keys
            .into_iter()
            .enumerate()
            .map(|(position, key)| (key, position))
            .collect();
        sorted.sort_unstable();
        NameIndex { sorted }
    }

    /// The first position that holds `key`.
    pub(crate) fn position(&self, key: &str) -> Option<usize> {
        let at = self.sorted.partition_point(|(k, _)| k.as_ref() < key);
        self.sorted
            .get(at)
            .filter(|(k, _)| k.as_ref() == key)
            .map(|&(_, position)| position)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// `(first, again)`: the earliest position whose key was seen before, with
    /// the position where it was first seen.
    pub(crate) fn first_repeat(&self) -> Option<(usize, usize)> {
        self.sorted
            .windows(2)
            .filter_map(|pair| match pair {
                [(a, first), (b, again)] if a == b => Some((*first, *again)),
                _ => None,
            })
            .min_by_key(|&(_, again)| again)
    }
}

/// The first name of `names` that repeats an earlier one, exactly or
/// case-insensitively: `(first, again)` positions.
pub(crate) fn first_repeat<'a>(
    names: impl Iterator<Item = &'a str>,
    case_insensitive: bool,
) -> Option<(usize, usize)> {
    let keys = names.map(|name| {
        if case_insensitive {
            fold(name)
        } else {
            Cow::Borrowed(name)
        }
    });
    NameIndex::new(keys).first_repeat()
}

/// One `"source":"target"` pair of the `DbNames` parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    pub(crate) source: Cow<'a, str>,
    pub(crate) target: Cow<'a, str>,
}

/// Reads `DbNames`: a non-empty JSON object whose values are all strings, with
/// its pairs in the order written and duplicate keys kept. `None` otherwise.
pub(crate) fn parse_db_names(text: &str) -> Option<Vec<Entry<'_>>> {
    let Pairs(entries) = serde_json::from_str(text).ok()?;
    (!entries.is_empty()).then_some(entries)
}

struct Pairs<'a>(Vec<Entry<'a>>);

impl<'de> de::Deserialize<'de> for Pairs<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(Text(source)) = map.next_key()? {
                    let Text(target) = map.next_value()?;
                    entries.push(Entry { source, target });
                }
                Ok(Pairs(entries))
            }
        }
        d.deserialize_map(PairsVisitor)
    }
}

/// A JSON string, borrowed from the input where it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

/// An RDS instance id: 1–64 characters of `[a-z0-9-]`, starting with a letter or digit.
pub(crate) fn is_instance_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        && id.bytes().next().is_some_and(|b| b != b'-')
}

/// Whether a target database name has a character RDS refuses outright.
pub(crate) fn has_invalid_character(name: &str) -> bool {
    !name
        .bytes()
        .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
}

/// Whether a target database name has the shape RDS accepts: 2–64 characters,
/// a lowercase letter first, a lowercase letter or digit last, not a keyword.
pub(crate) fn is_well_formed(name: &str) -> bool {
    let length_ok = name.len() <= 4 * 64 && (2..=64).contains(&name.chars().count());
    length_ok
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && !is_reserved(name)
}

/// Whether a name is one RDS reserves, compared case-insensitively.
pub(crate) fn is_reserved(name: &str) -> bool {
    RESERVED.binary_search(&fold(name).as_ref()).is_ok()
}

/// Names a copied database may not take, sorted: the SQL Server system
/// databases, the logins and roles RDS reserves, and the T-SQL reserved
/// keywords (Microsoft, "Reserved Keywords (Transact-SQL)").
pub(crate) const RESERVED: &[&str] = &[
    "add",
    "admin",
    "administrator",
    "all",
    "alter",
    "and",
    "any",
    "as",
    "asc",
    "aurora",
    "authorization",
    "backup",
    "begin",
    "between",
    "break",
    "browse",
    "bulk",
    "bulkadmin",
    "by",
    "cascade",
    "case",
    "check",
    "checkpoint",
    "close",
    "clustered",
    "coalesce",
    "collate",
    "column",
    "commit",
    "compute",
    "constraint",
    "contains",
    "containstable",
    "continue",
    "convert",
    "create",
    "cross",
    "current",
    "current_date",
    "current_time",
    "current_timestamp",
    "current_user",
    "cursor",
    "database",
    "dbcc",
    "dbcreator",
    "dbo",
    "deallocate",
    "declare",
    "default",
    "delete",
    "deny",
    "desc",
    "disk",
    "diskadmin",
    "distinct",
    "distributed",
    "distribution",
    "double",
    "drop",
    "dump",
    "eagleye",
    "else",
    "end",
    "errlvl",
    "escape",
    "except",
    "exec",
    "execute",
    "exists",
    "exit",
    "external",
    "fetch",
    "file",
    "fillfactor",
    "for",
    "foreign",
    "freetext",
    "freetexttable",
    "from",
    "full",
    "function",
    "goto",
    "grant",
    "group",
    "guest",
    "having",
    "holdlock",
    "identity",
    "identity_insert",
    "identitycol",
    "if",
    "in",
    "index",
    "information_schema",
    "inner",
    "insert",
    "intersect",
    "into",
    "is",
    "join",
    "key",
    "kill",
    "left",
    "like",
    "lineno",
    "load",
    "master",
    "merge",
    "model",
    "msdb",
    "mssqld",
    "mssqlsystemresource",
    "national",
    "nocheck",
    "nonclustered",
    "not",
    "null",
    "nullif",
    "of",
    "off",
    "offsets",
    "on",
    "open",
    "opendatasource",
    "openquery",
    "openrowset",
    "openxml",
    "option",
    "or",
    "order",
    "outer",
    "over",
    "percent",
    "pivot",
    "plan",
    "precision",
    "primary",
    "print",
    "proc",
    "procedure",
    "processadmin",
    "public",
    "raiserror",
    "read",
    "readtext",
    "reconfigure",
    "references",
    "replication",
    "restore",
    "restrict",
    "return",
    "revert",
    "revoke",
    "right",
    "rollback",
    "root",
    "rowcount",
    "rowguidcol",
    "rule",
    "sa",
    "save",
    "schema",
    "securityadmin",
    "securityaudit",
    "select",
    "semantickeyphrasetable",
    "semanticsimilaritydetailstable",
    "semanticsimilaritytable",
    "serveradmin",
    "session_user",
    "set",
    "setupadmin",
    "setuser",
    "shutdown",
    "some",
    "statistics",
    "sys",
    "sysadmin",
    "system_user",
    "table",
    "tablesample",
    "tempdb",
    "textsize",
    "then",
    "to",
    "top",
    "tran",
    "transaction",
    "trigger",
    "truncate",
    "try_convert",
    "tsequal",
    "union",
    "unique",
    "unpivot",
    "update",
    "updatetext",
    "use",
    "user",
    "values",
    "varying",
    "view",
    "waitfor",
    "when",
    "where",
    "while",
    "with",
    "writetext",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_are_sorted_lowercase_and_unique() {
        assert!(
            RESERVED.windows(2).all(|w| w[0] < w[1]),
            "not sorted or not unique"
        );
        assert!(RESERVED.iter().all(|n| fold(n) == *n));
        assert!(is_reserved("MASTER") && is_reserved("tempdb") && is_reserved("select"));
        assert!(!is_reserved("sales"));
    }

    #[test]
    fn folding_keeps_lowercase_ascii_borrowed() {
        assert!(matches!(fold("sales_2024"), Cow::Borrowed("sales_2024")));
        assert_eq!(fold("Sales"), "sales");
        assert_eq!(fold("ÜBER"), "über");
        assert_eq!(fold("ΣΑΣ"), fold("σασ"));
        assert_eq!(fold("σας"), fold("σασ"));
        assert_eq!(fold("Straße"), fold("STRASSE"));
    }

    #[test]
    fn an_index_finds_the_first_position_and_the_first_repeat() {
        let index = NameIndex::new(["b", "a", "c", "a", "b"].map(Cow::Borrowed));
        assert_eq!(index.position("a"), Some(1));
        assert_eq!(index.position("b"), Some(0));
        assert_eq!(index.position("z"), None);
        assert_eq!(index.first_repeat(), Some((1, 3)));
        assert_eq!(
            NameIndex::new(["x", "y"].map(Cow::Borrowed)).first_repeat(),
            None
        );
        assert_eq!(
            first_repeat(["A", "b", "a"].into_iter(), true),
            Some((0, 2))
        );
        assert_eq!(first_repeat(["A", "b", "a"].into_iter(), false), None);
    }

    #[test]
    fn db_names_keep_order_and_duplicate_keys() {
        let entries = parse_db_names(r#"{"b":"x","a":"y","b":"z"}"#).unwrap();
        let pairs: Vec<(&str, &str)> = entries.iter().map(|e| (&*e.source, &*e.target)).collect();
        assert_eq!(pairs, [("b", "x"), ("a", "y"), ("b", "z")]);
        assert!(matches!(entries[0].source, Cow::Borrowed(_)));
        let escaped = parse_db_names(r#"{"s\u0041":"t"}"#).unwrap();
        assert_eq!(escaped[0].source, "sA");
    }

    #[test]
    fn db_names_must_be_a_non_empty_object_of_strings() {
        for bad in [
            "",
            "{}",
            "[]",
            "null",
            "\"a\"",
            r#"{"a":1}"#,
            r#"{"a":null}"#,
            r#"{"a":{"b":"c"}}"#,
            r#"{"a":"b"} x"#,
            r#"{"a":"b""#,
            r#"{"a":["b"]}"#,
        ] {
            assert_eq!(parse_db_names(bad), None, "{bad}");
        }
        assert!(parse_db_names(" {\"a\" : \"b\"} ").is_some());
    }

    #[test]
    fn target_names_follow_the_rds_shape() {
        assert!(!has_invalid_character("sales_copy-2"));
        assert!(has_invalid_character("Sales") && has_invalid_character("a b"));
        assert!(has_invalid_character("café"));
        for good in ["ab", "a1", "sales_copy", "a-b", &"a".repeat(64)] {
            assert!(is_well_formed(good), "{good}");
        }
        for bad in [
            "a",
            "",
            "1ab",
            "_ab",
            "ab_",
            "ab-",
            &"a".repeat(65),
            "master",
            "select",
        ] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn instance_ids_follow_the_rds_shape() {
        assert!(
            is_instance_id("rm-bp1m71wvzfiq7xxxx") && is_instance_id("1") && is_instance_id("a-")
        );
        for bad in ["", "-rm", "RM-1", "rm_1", "rm 1", &"a".repeat(65)] {
            assert!(!is_instance_id(bad), "{bad}");
        }
    }
}
