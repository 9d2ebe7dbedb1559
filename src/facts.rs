//! What the rules look at, derived from a scenario once and only when asked.
//!
//! Every view is total: where a part does not exist (no such instance, a
//! `DbNames` that is not an object), it is `None` or empty, and a rule about
//! that part has nothing to say. Which rule reports the missing part is the
//! rule table's business, not this module's.

use std::cell::OnceCell;

use chrono::{DateTime, NaiveDate, Utc};

use crate::names::{self, Entry, NameIndex};
use crate::scenario::{Backup, Database, Instance, Scenario};

/// Where the copied data comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin<'a> {
    BackupSet(&'a str),
    PointInTime(DateTime<Utc>),
}

pub(crate) struct Facts<'a> {
    pub(crate) scenario: &'a Scenario,
    entries: OnceCell<Option<Vec<Entry<'a>>>>,
    requested_sources: OnceCell<NameIndex>,
    requested_targets: OnceCell<NameIndex>,
    source: OnceCell<Option<&'a Instance>>,
    target: OnceCell<Option<&'a Instance>>,
    origin: OnceCell<Option<Origin<'a>>>,
    backup: OnceCell<Option<&'a Backup>>,
    source_databases: OnceCell<Vec<Option<&'a Database>>>,
}

/// A value that is present and not empty (request parameters, account ids).
pub(crate) fn given(parameter: &Option<String>) -> Option<&str> {
    parameter.as_deref().filter(|value| !value.is_empty())
}

impl<'a> Facts<'a> {
    pub(crate) fn new(scenario: &'a Scenario) -> Self {
        Facts {
            scenario,
            entries: OnceCell::new(),
            requested_sources: OnceCell::new(),
            requested_targets: OnceCell::new(),
            source: OnceCell::new(),
            target: OnceCell::new(),
            origin: OnceCell::new(),
            backup: OnceCell::new(),
            source_databases: OnceCell::new(),
        }
    }

    /// The `DbNames` pairs, when `DbNames` is a non-empty object of strings.
    pub(crate) fn entries(&self) -> Option<&[Entry<'a>]> {
        self.entries
            .get_or_init(|| given(&self.scenario.request.db_names).and_then(names::parse_db_names))
            .as_deref()
    }

    /// The entries' source names, listed in request order.
    pub(crate) fn requested_sources(&self) -> &NameIndex {
        self.requested(&self.requested_sources, |entry| &entry.source)
    }

    /// The entries' target names, listed in request order.
    pub(crate) fn requested_targets(&self) -> &NameIndex {
        self.requested(&self.requested_targets, |entry| &entry.target)
    }

    fn requested<'s>(
        &'s self,
        cell: &'s OnceCell<NameIndex>,
        name: for<'e> fn(&'e Entry<'a>) -> &'e str,
    ) -> &'s NameIndex {
        cell.get_or_init(|| NameIndex::folded(self.entries().unwrap_or_default().iter().map(name)))
    }

    /// The caller's account: `CallerAccountId`, else the source instance's
    /// (`Some(None)`: the source names none). `None` when neither is known:
    /// with no `CallerAccountId` and no such source, nothing tells whose
    /// instances are whose, and only rule 10's missing source is certain.
    fn caller(&self) -> Option<Option<&'a str>> {
        let scenario = self.scenario;
        if let Some(caller) = given(&scenario.caller_account_id) {
            return Some(Some(caller));
        }
        let source = self.instance(given(&scenario.request.db_instance_id))?;
        Some(given(&source.account_id))
    }

    fn instance(&self, id: Option<&str>) -> Option<&'a Instance> {
        let id = id?;
        self.scenario
            .instances
            .iter()
            .find(|instance| instance.db_instance_id == id)
    }

    /// The instance with this id, if it exists and belongs to the caller.
    fn callers_instance(&self, id: Option<&str>) -> Option<&'a Instance> {
        let instance = self.instance(id)?;
        let owned = match (given(&instance.account_id), self.caller()) {
            (None, _) | (_, None) => true,
            (Some(owner), Some(caller)) => caller == Some(owner),
        };
        owned.then_some(instance)
    }

    pub(crate) fn source(&self) -> Option<&'a Instance> {
        *self
            .source
            .get_or_init(|| self.callers_instance(given(&self.scenario.request.db_instance_id)))
    }

    /// TargetDBInstanceId, when it is a well-formed id of another instance than the source.
    pub(crate) fn target_id(&self) -> Option<&'a str> {
        let request = &self.scenario.request;
        given(&request.target_db_instance_id)
            .filter(|&id| names::is_instance_id(id) && given(&request.db_instance_id) != Some(id))
    }

    pub(crate) fn target(&self) -> Option<&'a Instance> {
        *self
            .target
            .get_or_init(|| self.callers_instance(self.target_id()))
    }

    /// Where the data comes from, when exactly one of BackupId and RestoreTime
    /// is given and a RestoreTime is well-formed.
    pub(crate) fn origin(&self) -> Option<Origin<'a>> {
        *self.origin.get_or_init(|| {
            let request = &self.scenario.request;
            match (given(&request.backup_id), given(&request.restore_time)) {
                (Some(id), None) => Some(Origin::BackupSet(id)),
                (None, Some(time)) => parse_restore_time(time).map(Origin::PointInTime),
                _ => None,
            }
        })
    }

    pub(crate) fn restore_time(&self) -> Option<DateTime<Utc>> {
        match self.origin() {
            Some(Origin::PointInTime(t)) => Some(t),
            _ => None,
        }
    }

    /// The successful backup set of the source instance that BackupId names.
    pub(crate) fn backup(&self) -> Option<&'a Backup> {
        *self.backup.get_or_init(|| {
            let Some(Origin::BackupSet(id)) = self.origin() else {
                return None;
            };
            let source = self.source()?;
            self.scenario.backups.iter().find(|backup| {
                backup.backup_id == id
                    && backup.db_instance_id == source.db_instance_id
                    && backup.backup_status == "Success"
            })
        })
    }

    /// For each entry, its database on the source instance, if there is one
    /// and it is running.
    pub(crate) fn source_databases(&self) -> &[Option<&'a Database>] {
        self.source_databases.get_or_init(|| {
            let (Some(source), Some(entries)) = (self.source(), self.entries()) else {
                return Vec::new();
            };
            let mut found = vec![None; entries.len()];
            database_index(&source.databases).join(self.requested_sources(), |entry, at| {
                if let Some(slot) = found.get_mut(entry) {
                    *slot = source
                        .databases
                        .get(at)
                        .filter(|db| db.db_status == "Running");
                }
            });
            found
        })
    }
}

pub(crate) fn database_index(databases: &[Database]) -> NameIndex {
    NameIndex::folded(databases.iter().map(|db| db.db_name.as_str()))
}

/// The names a backup set holds; empty means every database of the instance.
pub(crate) fn backup_names(backup: &Backup) -> impl Iterator<Item = &str> {
    backup
        .backup_db_names
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// `yyyy-MM-ddTHH:mm:ssZ` exactly, naming a real moment.
pub(crate) fn parse_restore_time(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let shape = b.len() == 20
        && b.iter().enumerate().all(|(at, &c)| match at {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let number = |from: usize, to: usize| text.get(from..to)?.parse::<u32>().ok();
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?
        .and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_time_is_read_exactly() {
        let t = parse_restore_time("2026-06-08T17:41:14Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-06-08T17:41:14+00:00");
        assert!(parse_restore_time("2024-02-29T00:00:00Z").is_some());
        for bad in [
            "2026-06-08T17:41:14",
            "2026-06-08 17:41:14Z",
            "2026-06-08t17:41:14Z",
            "2026-06-08T17:41:14z",
            "2026-06-08T17:41:14+00:00",
            "2026-06-08T17:41:14.5Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-06-08T24:00:00Z",
            "2026-06-08T23:59:60Z",
            "2026-6-08T17:41:14Z",
            "",
            "２０２６-06-08T17:41:14Z",
        ] {
            assert_eq!(parse_restore_time(bad), None, "{bad}");
        }
    }
}
