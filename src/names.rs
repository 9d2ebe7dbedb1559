//! Names as SQL Server and RDS compare and accept them.
//!
//! Database names compare case-insensitively, as under SQL Server's default
//! collations. Every lookup and duplicate check goes through [`NameIndex`], a
//! sorted list, so a request with ten thousand names costs `n log n`, never `n²`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

/// The case-insensitive key of a name: each character's uppercase, lowercased,
/// so final ς and σ, ß and ss, the Kelvin sign and k are one letter. ASCII
/// names that are already lowercase, the common case, are not copied.
pub(crate) fn fold(name: &str) -> Cow<'_, str> {
    // No short circuit: a branch-free scan of a short name is faster.
    let changes = name.bytes().fold(false, |any, b| {
        any | (b >= 0x80) | (b.wrapping_sub(b'A') < 26)
    });
    if !changes {
        Cow::Borrowed(name)
    } else {
        let mut key = String::with_capacity(name.len());
        push_folded(&mut key, name);
        Cow::Owned(key)
    }
}

fn push_folded(out: &mut String, name: &str) {
    if name.is_ascii() {
        let start = out.len();
        out.push_str(name);
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.extend(
            name.chars()
                .flat_map(char::to_uppercase)
                .flat_map(char::to_lowercase),
        );
    }
}

/// Whether two names are one name, case-insensitively.
pub(crate) fn eq_folded(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || fold(a) == fold(b)
}

/// The names of one list as keys with their positions, sorted for joins and
/// duplicate checks in `n log n`, never `n²`.
///
/// Keys are ordered by (hash, bytes, position). Any total order serves joins
/// and duplicate checks; this one is sorted as plain integers (hash, position)
/// first, and only runs of equal hashes, almost always true duplicates, are
/// then ordered by their bytes. Crafted collisions cost an `n log n` sort of
/// the run, not correctness.
pub(crate) struct NameIndex {
    /// Every key, end to end.
    keys: String,
    /// Where each listed name's key lies in `keys`, by position.
    spans: Vec<(usize, usize)>,
    /// `hash << 64 | position`, in key order.
    sorted: Vec<u128>,
}

fn hash_of(entry: u128) -> u64 {
    (entry >> 64) as u64
}

fn position_of(entry: u128) -> usize {
    // Positions were stored from a usize.
    entry as u64 as usize
}

impl NameIndex {
    /// Names that compare case-insensitively, as database names do.
    pub(crate) fn folded<'n>(names: impl IntoIterator<Item = &'n str>) -> Self {
        Self::new(names, true, xxhash_rust::xxh3::xxh3_64)
    }

    /// Names that compare exactly, as ids do.
    pub(crate) fn exact<'n>(names: impl IntoIterator<Item = &'n str>) -> Self {
        Self::new(names, false, xxhash_rust::xxh3::xxh3_64)
    }

    fn new<'n>(
        names: impl IntoIterator<Item = &'n str>,
        folded: bool,
        hash: fn(&[u8]) -> u64,
    ) -> Self {
        let names = names.into_iter();
        let count = names.size_hint().0;
        let mut index = NameIndex {
            keys: String::with_capacity(count.saturating_mul(16)),
            spans: Vec::with_capacity(count),
            sorted: Vec::with_capacity(count),
        };
        for (position, name) in names.enumerate() {
            let start = index.keys.len();
            if folded {
                push_folded(&mut index.keys, name);
            } else {
                index.keys.push_str(name);
            }
            let key_hash = hash(index.keys.as_bytes().get(start..).unwrap_or_default());
            index.spans.push((start, index.keys.len()));
            index
                .sorted
                .push(u128::from(key_hash) << 64 | position as u128);
        }
        // Integers sort fast; only runs of one hash need their bytes compared.
        let mut sorted = std::mem::take(&mut index.sorted);
        sorted.sort_unstable();
        for run in sorted.chunk_by_mut(|a, b| hash_of(*a) == hash_of(*b)) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| index.key(*a).cmp(index.key(*b)).then(a.cmp(b)));
            }
        }
        index.sorted = sorted;
        index
    }

    fn key(&self, entry: u128) -> &[u8] {
        self.spans
            .get(position_of(entry))
            .and_then(|&(start, end)| self.keys.as_bytes().get(start..end))
            .unwrap_or_default()
    }

    /// Calls `found(theirs, mine)` for each name listed in `other` (at position
    /// `theirs`) that this index holds, with the first position `mine` that
    /// holds it. Both indexes compare names the same way, so both are sorted
    /// alike: one walk over the two, linear and in order.
    pub(crate) fn join(&self, other: &NameIndex, mut found: impl FnMut(usize, usize)) {
        let mut mine = self.sorted.iter().peekable();
        for &theirs in &other.sorted {
            let (hash, wanted) = (hash_of(theirs), other.key(theirs));
            let order = |e: u128| hash_of(e).cmp(&hash).then_with(|| self.key(e).cmp(wanted));
            while mine.next_if(|&&e| order(e).is_lt()).is_some() {}
            if let Some(&&e) = mine.peek().filter(|&&&e| order(e).is_eq()) {
                found(position_of(theirs), position_of(e));
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// `(first, again)`: the earliest position whose name was seen before, with
    /// the position where it was first seen.
    pub(crate) fn first_repeat(&self) -> Option<(usize, usize)> {
        self.sorted
            .windows(2)
            .filter_map(|pair| match *pair {
                [a, b] if hash_of(a) == hash_of(b) && self.key(a) == self.key(b) => {
                    Some((position_of(a), position_of(b)))
                }
                _ => None,
            })
            .min_by_key(|&(_, again)| again)
    }
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
    !name.bytes().fold(true, |all, b| {
        all & ((b.wrapping_sub(b'a') < 26)
            | (b.wrapping_sub(b'0') < 10)
            | (b == b'_')
            | (b == b'-'))
    })
}

/// Whether a target database name has the shape RDS accepts: 2–64 characters,
/// a lowercase letter first, a lowercase letter or digit last, not a keyword.
pub(crate) fn is_well_formed(name: &str) -> bool {
    let length = if name.is_ascii() {
        name.len()
    } else if name.len() <= 4 * 64 {
        name.chars().count()
    } else {
        usize::MAX
    };
    let length_ok = (2..=64).contains(&length);
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
    if !name.is_ascii() {
        return RESERVED.iter().any(|word| eq_folded(word, name));
    }
    let letter = name
        .bytes()
        .next()
        .map(|b| b.to_ascii_lowercase().wrapping_sub(b'a'));
    let Some(&(start, end)) = letter.and_then(|at| RESERVED_BY_LETTER.get(usize::from(at))) else {
        return false;
    };
    RESERVED
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .any(|word| word.len() == name.len() && word.eq_ignore_ascii_case(name))
}

/// For each letter a–z, the range of [`RESERVED`] that starts with it.
static RESERVED_BY_LETTER: [(usize, usize); 26] = by_first_letter(RESERVED);

#[allow(
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "evaluated at compile time: a bad index fails the build, not a run"
)]
const fn by_first_letter(words: &[&str]) -> [(usize, usize); 26] {
    let mut ranges = [(0, 0); 26];
    let mut at = 0;
    while at < words.len() {
        let letter = (words[at].as_bytes()[0] - b'a') as usize;
        if ranges[letter].1 == 0 {
            ranges[letter].0 = at;
        }
        ranges[letter].1 = at + 1;
        at += 1;
    }
    ranges
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
        assert!(
            RESERVED
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        );
        for word in RESERVED {
            assert!(
                is_reserved(word) && is_reserved(&word.to_uppercase()),
                "{word}"
            );
        }
        assert!(is_reserved("MASTER") && is_reserved("tempdb") && is_reserved("select"));
        assert!(
            !is_reserved("sales") && !is_reserved("") && !is_reserved("zz") && !is_reserved("1sa")
        );
        // The Kelvin sign folds to k.
        assert!(is_reserved("\u{212A}ill"));
    }

    #[test]
    fn names_compare_by_their_case_fold() {
        assert!(matches!(fold("sales_2024"), Cow::Borrowed("sales_2024")));
        assert_eq!(fold("Sales"), "sales");
        assert!(eq_folded("ÜBER", "über"));
        assert!(eq_folded("ΣΑΣ", "σασ") && eq_folded("σας", "σασ"));
        assert!(eq_folded("Straße", "STRASSE"));
        assert!(eq_folded("\u{212A}ill", "kill"));
        assert!(!eq_folded("sales", "sale"));
    }

    #[test]
    fn an_index_finds_the_first_repeat() {
        assert_eq!(
            NameIndex::folded(["b", "a", "c", "A", "b"]).first_repeat(),
            Some((1, 3))
        );
        assert_eq!(NameIndex::folded(["x", "y"]).first_repeat(), None);
        assert_eq!(NameIndex::exact(["A", "b", "a"]).first_repeat(), None);
        assert_eq!(
            NameIndex::exact(["A", "b", "A"]).first_repeat(),
            Some((0, 2))
        );
        assert!(NameIndex::folded([]).is_empty());
    }

    fn joined(mine: &NameIndex, theirs: &NameIndex) -> Vec<Option<usize>> {
        let mut found = vec![None; theirs.sorted.len()];
        mine.join(theirs, |at, position| found[at] = Some(position));
        found
    }

    #[test]
    fn a_join_finds_each_listed_name_in_another_index() {
        let databases = NameIndex::folded(["Sales", "crm", "HR", "sales_old"]);
        let requested = NameIndex::folded(["hr", "nosuch", "SALES", "hr"]);
        assert_eq!(
            joined(&databases, &requested),
            [Some(2), None, Some(0), Some(2)]
        );
        assert_eq!(
            joined(&requested, &databases),
            [Some(2), None, Some(0), None]
        );
        assert_eq!(joined(&NameIndex::folded([]), &requested), [None; 4]);
        // One hash for every key: the bytes still decide.
        let databases = NameIndex::new(["b", "a", "c", "a"], false, |_| 1);
        let requested = NameIndex::new(["c", "a", "z"], false, |_| 1);
        assert_eq!(joined(&databases, &requested), [Some(2), Some(1), None]);
    }

    #[test]
    fn equal_hashes_are_told_apart_by_their_bytes() {
        // Every key in one hash run: the index must still tell names apart.
        let names: Vec<String> = (0..50).map(|i| format!("n{}", 49 - i % 25)).collect();
        let index = NameIndex::new(names.iter().map(String::as_str), false, |_| 7);
        let wanted = NameIndex::new(["n49", "n25", "n50", "n30"], false, |_| 7);
        assert_eq!(joined(&index, &wanted), [Some(0), Some(24), None, Some(19)]);
        assert_eq!(index.first_repeat(), Some((0, 25)));
        let folded = NameIndex::new(["B", "a", "A", "b"], true, |_| 0);
        assert_eq!(folded.first_repeat(), Some((1, 2)));
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
